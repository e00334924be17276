package dev.junction.core.error;

/** The request is never allowed, whatever the state: deleting a predefined network (403). */
public final class ForbiddenException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message, null);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.FORBIDDEN;
  }
}
