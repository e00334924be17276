package dev.junction.cli.session;

import dev.junction.cli.api.DaemonClient;
import dev.junction.cli.http.DaemonAddress;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * What a command runs with: its streams, environment and clock, and the daemon it talks to. Tests
 * make their own; {@link #system()} is the process's.
 */
public final class Session {
  /** Chooses the daemon when {@code -H} is not given. */
  public static final String HOST_VARIABLE = "JUNCTION_HOST";

  /** Where a daemon started without {@code -H} listens. */
  public static final String DEFAULT_HOST = DaemonAddress.DEFAULT;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final Clock clock;
  private String host;
  private DaemonClient client;

  public Session(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Clock clock) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  /**
   * The process's streams, in UTF-8 whatever the locale says, as the docker CLI writes: a name
   * outside ASCII must not come out as {@code ?}.
   */
  public static Session system() {
    return new Session(
        new FileInputStream(FileDescriptor.in),
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 16 * 1024),
            false,
            StandardCharsets.UTF_8),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
        System.getenv(),
        Clock.systemUTC());
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public Clock clock() {
    return clock;
  }

  /** Sets the daemon from {@code -H}; null leaves the environment's choice or the default. */
  public void host(String host) {
    this.host = host;
  }

  /**
   * The daemon's address: {@code -H}, else {@code $JUNCTION_HOST}, else the default socket.
   *
   * @throws CliException for an address that does not parse (exit status 2, a usage error)
   */
  public DaemonAddress address() {
    String text = host;
    if (text == null || text.isEmpty()) {
      text = environment.getOrDefault(HOST_VARIABLE, "");
    }
    if (text.isEmpty()) {
      text = DaemonAddress.DEFAULT;
    }
    try {
      return DaemonAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("junction: " + e.getMessage(), 2);
    }
  }

  public DaemonClient client() {
    if (client == null) {
      client = new DaemonClient(address());
    }
    return client;
  }
}
