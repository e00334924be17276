package dev.junction.core.error;

/** The engine cannot serve the request now: its store or kernel is unreachable (503). */
public final class UnavailableException extends JunctionException {

  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(message, null);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.UNAVAILABLE;
  }
}
