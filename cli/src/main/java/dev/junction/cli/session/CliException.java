package dev.junction.cli.session;

/** An error the CLI itself finds: printed as its message alone, and the exit status given. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitStatus;

  public CliException(String message) {
    this(message, 1);
  }

  public CliException(String message, int exitStatus) {
    super(message);
    this.exitStatus = exitStatus;
  }

  public int exitStatus() {
    return exitStatus;
  }
}
