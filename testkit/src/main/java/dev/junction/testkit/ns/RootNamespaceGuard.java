package dev.junction.testkit.ns;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that changed the root namespace: snapshots links, addresses, routes, nftables
 * tables and {@code /run/netns} before the class and compares after it. Register it on every test
 * class that touches the real kernel with {@code @ExtendWith(RootNamespaceGuard.class)}.
 */
public final class RootNamespaceGuard implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(RootNamespaceGuard.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(STORE).put("before", RootNamespaceSnapshot.take());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RootNamespaceSnapshot before =
        context.getStore(STORE).get("before", RootNamespaceSnapshot.class);
    var differences = RootNamespaceSnapshot.take().differencesFrom(before);
    if (!differences.isEmpty()) {
      throw new AssertionError(
          context.getDisplayName()
              + " changed the root namespace:\n"
              + String.join("\n", differences));
    }
  }
}
