package dev.junction.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the errors a kernel gives. */
final class KernelAssertions {

  private KernelAssertions() {}

  /** Asserts that {@code call} fails with a {@link KernelException} carrying {@code errno}. */
  static KernelException assertFails(Errno errno, ThrowingCallable call) {
    KernelException[] thrown = new KernelException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> {
              assertThat(e.known()).as("errno of %s", e.getMessage()).contains(errno);
              thrown[0] = e;
            });
    return thrown[0];
  }
}
