package dev.junction.cli;

import dev.junction.cli.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs {@code junction} in-process for a test, with captured output. */
public final class Cli {
  private Cli() {}

  /** What a command did: its exit status and everything it printed. */
  public record Result(int status, String out, String err) {}

  /** The clock commands see in tests: 2026-01-02T03:04:05Z. */
  public static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  public static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Session session =
        new Session(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    int status = Main.run(args, session);
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs with {@code -H} pointing at the test daemon. */
  public static Result run(TestDaemon daemon, String... args) {
    return runWithInput(daemon, "", args);
  }

  public static Result runWithInput(TestDaemon daemon, String stdin, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-H";
    all[1] = daemon.host();
    System.arraycopy(args, 0, all, 2, args.length);
    return run(stdin, all);
  }
}
