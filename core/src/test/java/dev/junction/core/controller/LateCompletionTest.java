package dev.junction.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Lifecycle;
import dev.junction.core.model.ModelJson;
import dev.junction.core.store.Scope;
import dev.junction.core.store.Store;
import dev.junction.core.store.Transaction;
import dev.junction.core.store.memory.MemoryStore;
import dev.junction.testkit.fake.FakeKernel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connect or a disconnect is one commit: its intent. Its completion is shown at once and reaches
 * the store with the next commit, or on its own a few milliseconds later, or when the engine
 * closes; a start finishes what a crash kept from it ({@link RestoreTest}).
 */
class LateCompletionTest {

  /** Counts the transactions that reach the store. */
  private static final class CountingStore implements Store {
    final MemoryStore delegate = new MemoryStore();
    final AtomicInteger transactions = new AtomicInteger();

    @Override
    public Scope scope() {
      return delegate.scope();
    }

    @Override
    public <T> T transaction(Function<Transaction, T> work) {
      transactions.incrementAndGet();
      return delegate.transaction(work);
    }

    @Override
    public <T> T read(Function<Transaction, T> work) {
      return delegate.read(work);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private final CountingStore store = new CountingStore();
  // Late writes wait for the next commit here, not for a timer: what the store holds between two
  // operations does not depend on how fast the machine runs the test.
  private final Engine engine =
      new Engine(new FakeKernel(Engine.NETNS_DIR), store, Duration.ofHours(1));
  private final Controller controller = engine.controller;

  @AfterEach
  void close() {
    engine.close();
  }

  private void frontAndSandboxes(String... names) {
    controller.createNetwork(
        NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.1.0.0/24")));
    for (String name : names) {
      controller.createSandbox(SandboxRequest.named(name));
    }
  }

  /** The endpoint's record in the store, if any. */
  private Optional<Endpoint> stored(Endpoint endpoint) {
    return store.read(
        tx -> tx.get(Registry.key(endpoint)).map(e -> ModelJson.read(e.value(), Endpoint.class)));
  }

  private Lifecycle storedLifecycle(Endpoint endpoint) {
    return stored(endpoint).orElseThrow().lifecycle();
  }

  @Test
  void aConnectAndADisconnectAreOneCommitEach() {
    frontAndSandboxes("web");
    int before = store.transactions.get();

    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);

    assertThat(store.transactions.get() - before).isEqualTo(1);
    assertThat(storedLifecycle(web)).isEqualTo(Lifecycle.CREATING);
    assertThat(controller.inspectNetwork("front").endpoints())
        .extracting(a -> a.endpoint().lifecycle())
        .containsExactly(Lifecycle.ACTIVE);

    controller.disconnect("web", "front", false);

    assertThat(store.transactions.get() - before).isEqualTo(2);
    // the disconnect's intent carried the connect's completion, and replaced it
    assertThat(storedLifecycle(web)).isEqualTo(Lifecycle.DELETING);
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
  }

  @Test
  void theNextCommitCarriesACompletionToTheStore() {
    frontAndSandboxes("web", "db");
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);

    Endpoint db = controller.connect("db", "front", EndpointRequest.DEFAULT);

    Endpoint stored = stored(web).orElseThrow();
    assertThat(stored.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(stored.gatewayV4()).isEqualTo(web.gatewayV4()).isPresent();
    assertThat(storedLifecycle(db)).isEqualTo(Lifecycle.CREATING);
    // and the index's versions moved with it: the next writes of both expect the right ones
    controller.disconnect("web", "front", false);
    controller.disconnect("db", "front", false);
    controller.flushStore();
    assertThat(stored(web)).isEmpty();
    assertThat(stored(db)).isEmpty();
  }

  @Test
  void aCompletionNoCommitCarriesReachesTheStoreOnItsOwn() throws InterruptedException {
    CountingStore counted = new CountingStore();
    try (Engine quick =
        new Engine(new FakeKernel(Engine.NETNS_DIR), counted, Registry.LATE_WRITE_DELAY)) {
      quick.controller.createNetwork(
          NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.1.0.0/24")));
      quick.controller.createSandbox(SandboxRequest.named("web"));
      Endpoint web = quick.controller.connect("web", "front", EndpointRequest.DEFAULT);
      int after = counted.transactions.get();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (counted.transactions.get() == after && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      Endpoint stored =
          counted.read(
              tx ->
                  tx.get(Registry.key(web))
                      .map(e -> ModelJson.read(e.value(), Endpoint.class))
                      .orElseThrow());
      assertThat(stored.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
      assertThat(counted.transactions.get() - after).isEqualTo(1);
    }
  }

  @Test
  void closingTheEngineWritesWhatWaits() {
    frontAndSandboxes("web");
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.disconnect("web", "front", false);
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    Endpoint again = controller.inspectNetwork("front").endpoints().getFirst().endpoint();

    controller.close();

    assertThat(stored(web)).isEmpty();
    assertThat(storedLifecycle(again)).isEqualTo(Lifecycle.ACTIVE);
  }

  @Test
  void aCommitThatFailsKeepsTheCompletionForTheNext() {
    frontAndSandboxes("web");
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    store.delegate.failNextCommit(new IllegalStateException("disk full"));

    assertThatThrownBy(() -> controller.createSandbox(SandboxRequest.named("db")))
        .hasMessageContaining("disk full");

    assertThat(storedLifecycle(web)).isEqualTo(Lifecycle.CREATING);
    assertThat(controller.inspectNetwork("front").endpoints()).hasSize(1);
    controller.createSandbox(SandboxRequest.named("db"));
    assertThat(storedLifecycle(web)).isEqualTo(Lifecycle.ACTIVE);
    assertThat(controller.check()).isEmpty();
  }
}
