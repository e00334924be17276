package dev.junction.daemon;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * The daemon's log: one line per message on standard error, {@code time level message}, so that
 * systemd's journal or a redirected file keeps it. Thread-safe.
 */
public final class DaemonLog {

  /** Levels, least severe first. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** Parses {@code --log-level}: debug, info, warn, error (any case). */
    public static Level parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid log level \"" + text + "\": use debug, info, warn or error");
      }
    }
  }

  private final Level threshold;
  private final PrintStream out;

  public DaemonLog(Level threshold, PrintStream out) {
    this.threshold = threshold;
    this.out = out;
  }

  public boolean enabled(Level level) {
    return level.compareTo(threshold) >= 0;
  }

  public void debug(String message) {
    log(Level.DEBUG, message);
  }

  public void info(String message) {
    log(Level.INFO, message);
  }

  public void warn(String message) {
    log(Level.WARN, message);
  }

  public void error(String message) {
    log(Level.ERROR, message);
  }

  private void log(Level level, String message) {
    if (enabled(level)) {
      out.println(Instant.now() + " " + level.name().toLowerCase(Locale.ROOT) + " " + message);
    }
  }
}
