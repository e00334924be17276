package dev.junction.core.error;

/**
 * The request collides with the current state: a name or address in use, a network with endpoints,
 * an exhausted pool (409).
 */
public final class ConflictException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message, null);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.CONFLICT;
  }
}
