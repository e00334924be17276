package dev.junction.core.error;

/** A request that cannot be carried out as given: a bad name, CIDR, option or combination (400). */
public final class InvalidParameterException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public InvalidParameterException(String message) {
    super(message, null);
  }

  public InvalidParameterException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.INVALID_PARAMETER;
  }
}
