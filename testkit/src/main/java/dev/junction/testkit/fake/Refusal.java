package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;

/**
 * The kernel's "no", raised deep inside the fake where the command-line form of the operation is
 * not known; {@link FakeKernel} turns it into a {@link KernelException} naming the operation.
 */
final class Refusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Errno errno;
  private final String kernelMessage;

  Refusal(Errno errno, String kernelMessage) {
    super(errno + ": " + kernelMessage, null, false, false);
    this.errno = errno;
    this.kernelMessage = kernelMessage;
  }

  Refusal(Errno errno) {
    this(errno, "");
  }

  KernelException toKernelException(String operation) {
    return new KernelException(errno.number(), operation, kernelMessage);
  }
}
