package dev.junction.cli.api;

/** The daemon answered with an error status; the message is the daemon's own. */
public final class DaemonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public DaemonException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }

  /** The line the docker CLI prints for the same error. */
  public String line() {
    return "Error response from daemon: " + getMessage();
  }
}
