package dev.junction.core.error;

/** No network, endpoint or sandbox answers to the name, ID or prefix given (404). */
public final class NotFoundException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message, null);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.NOT_FOUND;
  }
}
