package dev.junction.core.error;

/** A feature that exists in Docker's model but not (yet) here (501). */
public final class NotImplementedException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public NotImplementedException(String message) {
    super(message, null);
  }

  public NotImplementedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.NOT_IMPLEMENTED;
  }
}
