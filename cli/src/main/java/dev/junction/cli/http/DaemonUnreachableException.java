package dev.junction.cli.http;

import java.io.IOException;

/** No connection could be made to the daemon: it is not running, or the socket is not ours. */
public final class DaemonUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient DaemonAddress address;

  public DaemonUnreachableException(DaemonAddress address, IOException cause) {
    super("cannot connect to " + address + ": " + cause.getMessage(), cause);
    this.address = address;
  }

  public DaemonAddress address() {
    return address;
  }

  /** True when the socket exists but we may not use it: the user is neither root nor in group. */
  public boolean permissionDenied() {
    String message = getCause().getMessage();
    return message != null && message.contains("Permission denied");
  }
}
