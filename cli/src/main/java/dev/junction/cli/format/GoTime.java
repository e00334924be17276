package dev.junction.cli.format;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as the docker CLI reads and writes them, with Go's formats. */
public final class GoTime {
  private GoTime() {}

  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

  private static final Pattern DATE =
      Pattern.compile(
          "([0-9]{4})-([0-9]{2})-([0-9]{2})"
              + "(?:T([0-9]{2})(?::([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,9}))?)?)?)?"
              + "([Zz]|[+-][0-9]{2}:[0-9]{2})?");

  /**
   * Go's {@code time.Time.String()} of an RFC 3339 time: {@code 2026-11-28 03:10:36.22757361 +0000
   * UTC}; fractional seconds without trailing zeros. Text that is not such a time comes back as it
   * is. Read by hand, not by java.time, whose set-up costs a list command a tenth of its time.
   */
  public static String string(String rfc3339) {
    // 2026-11-28T03:10:36[.fraction](Z|+hh:mm|-hh:mm)
    if (rfc3339.length() < 20 || rfc3339.charAt(10) != 'T' || !digitsAt(rfc3339)) {
      return rfc3339;
    }
    int at = 19;
    String fraction = "";
    if (rfc3339.charAt(at) == '.') {
      int end = at + 1;
      while (end < rfc3339.length() && Character.isDigit(rfc3339.charAt(end))) {
        end++;
      }
      fraction = rfc3339.substring(at + 1, Math.min(end, at + 10));
      at = end;
    }
    int trimmed = fraction.length();
    while (trimmed > 0 && fraction.charAt(trimmed - 1) == '0') {
      trimmed--;
    }
    String zone = rfc3339.substring(at);
    String offset;
    String name;
    if (zone.equals("Z") || zone.equals("z")) {
      offset = "+0000";
      name = "UTC"; // a "Z" time is in Go's UTC location
    } else if (zone.length() == 6
        && (zone.charAt(0) == '+' || zone.charAt(0) == '-')
        && zone.charAt(3) == ':') {
      offset = zone.substring(0, 3) + zone.substring(4);
      name = offset; // any other offset makes a zone without a name
    } else {
      return rfc3339;
    }
    StringBuilder text = new StringBuilder(40);
    text.append(rfc3339, 0, 10).append(' ').append(rfc3339, 11, 19);
    if (trimmed > 0) {
      text.append('.').append(fraction, 0, trimmed);
    }
    return text.append(' ').append(offset).append(' ').append(name).toString();
  }

  private static boolean digitsAt(String text) {
    int[] digits = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (int i : digits) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':';
  }

  /** Docker's event times: {@code 2006-01-02T15:04:05.000000000Z07:00} in the local zone. */
  public static String fixed(long epochNanos, ZoneId zone) {
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    OffsetDateTime time = instant.atZone(zone).toOffsetDateTime();
    int offset = time.getOffset().getTotalSeconds();
    return FIXED.format(time) + (offset == 0 ? "Z" : offset(offset, true));
  }

  private static String offset(int seconds, boolean colon) {
    int minutes = Math.abs(seconds) / 60;
    return String.format(
        "%s%02d%s%02d", seconds < 0 ? "-" : "+", minutes / 60, colon ? ":" : "", minutes % 60);
  }

  /**
   * Docker's {@code GetTimestamp} for {@code --since} and {@code --until}: a Go duration before
   * {@code now} ({@code 10m}) as whole Unix seconds; an RFC 3339 time or date (in {@code zone} when
   * it has no offset) as {@code seconds.nanoseconds}; Unix seconds as they are.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static String timestamp(String value, Instant now, ZoneId zone) {
    Duration duration = duration(value);
    if (duration != null && !value.equals("0")) {
      return String.valueOf(Math.floorDiv(now.minus(duration).toEpochMilli(), 1000L));
    }
    Matcher date = DATE.matcher(value);
    if (date.matches()) {
      try {
        LocalDateTime local =
            LocalDateTime.of(
                Integer.parseInt(date.group(1)),
                Integer.parseInt(date.group(2)),
                Integer.parseInt(date.group(3)),
                number(date.group(4)),
                number(date.group(5)),
                number(date.group(6)),
                date.group(7) == null
                    ? 0
                    : Integer.parseInt((date.group(7) + "00000000").substring(0, 9)));
        String zoneText = date.group(8);
        Instant instant =
            zoneText == null
                ? local.atZone(zone).toInstant()
                : local
                    .atOffset(
                        zoneText.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(zoneText))
                    .toInstant();
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
      } catch (java.time.DateTimeException e) {
        throw new IllegalArgumentException("invalid time \"" + value + "\": " + e.getMessage());
      }
    }
    if (value.contains("-")) {
      throw new IllegalArgumentException(
          "invalid time \"" + value + "\": expected RFC 3339 such as 2006-01-02T15:04:05Z");
    }
    if (value.matches("[0-9]+(\\.[0-9]+)?")) {
      new BigDecimal(value); // Unix seconds: the daemon reads them as they are
      return value;
    }
    throw new IllegalArgumentException(
        "failed to parse value as time or duration: \"" + value + "\"");
  }

  private static int number(String group) {
    return group == null ? 0 : Integer.parseInt(group);
  }

  /** Go's {@code time.ParseDuration}, or null when the text is not a duration. */
  static Duration duration(String text) {
    String rest = text;
    boolean negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
      negative = rest.startsWith("-");
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      return null;
    }
    Matcher part = DURATION_PART.matcher(rest);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length()) {
      if (!part.find(at)
          || part.start() != at
          || part.group(1).isEmpty()
          || part.group(1).equals(".")) {
        return null;
      }
      long unit =
          switch (part.group(2)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
      at = part.end();
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return negative ? duration.negated() : duration;
  }
}
