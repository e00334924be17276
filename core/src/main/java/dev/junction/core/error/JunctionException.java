package dev.junction.core.error;

/**
 * An error the engine reports to its caller. The kinds are closed, so that the daemon maps each to
 * an HTTP status in one exhaustive switch.
 */
public abstract sealed class JunctionException extends RuntimeException
    permits InvalidParameterException,
        NotFoundException,
        ConflictException,
        ForbiddenException,
        NotImplementedException,
        UnavailableException,
        InternalException {

  private static final long serialVersionUID = 1L;

  JunctionException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The kind, for callers that switch on it. */
  public abstract Kind kind();

  /** The kinds, with the HTTP status each maps to. */
  public enum Kind {
    INVALID_PARAMETER(400),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    INTERNAL(500),
    NOT_IMPLEMENTED(501),
    UNAVAILABLE(503);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }
}
