package dev.junction.daemon.api;

import dev.junction.core.error.InvalidParameterException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as Docker writes and reads them. */
public final class ApiTime {
  private ApiTime() {}

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final Pattern DURATION =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

  /** Go's RFC3339Nano: fractional seconds without trailing zeros, {@code Z} for UTC. */
  public static String rfc3339Nano(Instant instant) {
    StringBuilder text = new StringBuilder(SECONDS.format(instant));
    int nanos = instant.getNano();
    if (nanos != 0) {
      String digits = String.format("%09d", nanos);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(digits, 0, end);
    }
    return text.append('Z').toString();
  }

  /**
   * A point in time as the {@code since}, {@code until} parameters and filters give it: Unix
   * seconds with an optional fraction ({@code 1700000000.5}), RFC 3339, or a Go duration before
   * {@code now} ({@code 10m}, {@code 1h30m}).
   */
  public static Instant parse(String what, String text, Instant now) {
    if (text.matches("[0-9]+(\\.[0-9]{1,9})?")) {
      BigDecimal seconds = new BigDecimal(text);
      long whole = seconds.longValue();
      int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
      return Instant.ofEpochSecond(whole, nanos);
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not RFC 3339: a duration, or an error
    }
    Duration duration = parseDuration(text);
    if (duration != null) {
      return now.minus(duration);
    }
    throw new InvalidParameterException(
        "invalid "
            + what
            + " \""
            + text
            + "\": expected Unix seconds, an RFC 3339 time or a duration such as 10m");
  }

  private static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < text.length() && matcher.find(at) && matcher.start() == at) {
      BigDecimal amount = new BigDecimal(matcher.group(1));
      ChronoUnit unit =
          switch (matcher.group(2)) {
            case "ns" -> ChronoUnit.NANOS;
            case "us", "µs" -> ChronoUnit.MICROS;
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
          };
      long nanos = amount.multiply(BigDecimal.valueOf(unit.getDuration().toNanos())).longValue();
      total = total.plusNanos(nanos);
      at = matcher.end();
    }
    return at == text.length() && at > 0 ? total : null;
  }
}
