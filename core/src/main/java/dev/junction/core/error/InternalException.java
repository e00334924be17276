package dev.junction.core.error;

/**
 * A failure that is the engine's, not the caller's: a kernel or store error the operation could not
 * handle (500).
 */
public final class InternalException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public InternalException(String message) {
    super(message, null);
  }

  public InternalException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.INTERNAL;
  }
}
