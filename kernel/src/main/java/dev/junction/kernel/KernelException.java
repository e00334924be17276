package dev.junction.kernel;

import java.util.Optional;

/**
 * The kernel refused an operation. Carries the error number, the operation as its command-line
 * equivalent ({@code ip link add br-1 type bridge}), and the kernel's extended-ack text when it
 * gave one ("A VXLAN device with the specified VNI already exists").
 */
public final class KernelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int errno;
  private final String operation;
  private final String kernelMessage;

  public KernelException(int errno, String operation, String kernelMessage) {
    super(describe(errno, operation, kernelMessage));
    this.errno = errno;
    this.operation = operation;
    this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
  }

  public KernelException(Errno errno, String operation) {
    this(errno.number(), operation, "");
  }

  private static String describe(int errno, String operation, String kernelMessage) {
    Errno known = Errno.fromNumber(errno);
    String text = known != null ? known.text() : "error";
    String message = operation + ": " + text + " (" + Errno.nameOf(errno) + ")";
    return kernelMessage == null || kernelMessage.isEmpty()
        ? message
        : message + ": " + kernelMessage;
  }

  /** The error number, positive, as in {@code errno.h}. */
  public int errno() {
    return errno;
  }

  /** True when the error is {@code expected}. */
  public boolean is(Errno expected) {
    return errno == expected.number();
  }

  /** The listed error, when this number is one of {@link Errno}'s. */
  public Optional<Errno> known() {
    return Optional.ofNullable(Errno.fromNumber(errno));
  }

  /** The operation that failed, written as its {@code ip}/{@code bridge}/{@code nft} equivalent. */
  public String operation() {
    return operation;
  }

  /** The kernel's extended-ack message; empty when it sent none. */
  public String kernelMessage() {
    return kernelMessage;
  }
}
