package dev.junction.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GoTimeTest {

  static final Instant NOW = Instant.parse("2026-11-28T03:10:36.5Z");

  @Test
  void printsRfc3339TimesAsGosTimeString() {
    assertThat(GoTime.string("2026-11-28T03:10:36.227573610Z"))
        .isEqualTo("2026-11-28 03:10:36.22757361 +0000 UTC");
    assertThat(GoTime.string("2026-11-28T03:10:36Z")).isEqualTo("2026-11-28 03:10:36 +0000 UTC");
    assertThat(GoTime.string("2026-11-28T03:10:36.000Z"))
        .isEqualTo("2026-11-28 03:10:36 +0000 UTC");
    assertThat(GoTime.string("2026-11-28T04:10:36.5+01:00"))
        .isEqualTo("2026-11-28 04:10:36.5 +0100 +0100");
    assertThat(GoTime.string("not a time")).isEqualTo("not a time");
  }

  @Test
  void printsEventTimesWithNineFractionDigitsInTheLocalZone() {
    long nanos = Instant.parse("2026-11-28T03:10:36.22757361Z").toEpochMilli() * 1_000_000 + 1_610;

    assertThat(GoTime.fixed(nanos, ZoneOffset.UTC)).isEqualTo("2026-11-28T03:10:36.227001610Z");
    assertThat(GoTime.fixed(1_000_000_000L, ZoneId.of("Europe/Paris")))
        .isEqualTo("1970-01-01T01:00:01.000000000+01:00");
  }

  @Test
  void turnsDurationsIntoWholeSecondsBeforeNow() {
    assertThat(GoTime.timestamp("10m", NOW, ZoneOffset.UTC))
        .isEqualTo(String.valueOf(NOW.minusSeconds(600).getEpochSecond()));
    assertThat(GoTime.timestamp("1h30m", NOW, ZoneOffset.UTC))
        .isEqualTo(String.valueOf(NOW.minusSeconds(5400).getEpochSecond()));
    assertThat(GoTime.timestamp("-1h", NOW, ZoneOffset.UTC))
        .isEqualTo(String.valueOf(NOW.plusSeconds(3600).getEpochSecond()));
  }

  @Test
  void turnsTimesIntoSecondsAndNanoseconds() {
    assertThat(GoTime.timestamp("2026-11-28T03:10:36Z", NOW, ZoneOffset.UTC))
        .isEqualTo("1795835436.000000000");
    assertThat(GoTime.timestamp("2026-11-28T03:10:36.25+01:00", NOW, ZoneOffset.UTC))
        .isEqualTo("1795831836.250000000");
    // Without an offset: the local zone.
    assertThat(GoTime.timestamp("2026-11-28T04:10:36", NOW, ZoneId.of("Europe/Paris")))
        .isEqualTo("1795835436.000000000");
    assertThat(GoTime.timestamp("2026-11-28", NOW, ZoneOffset.UTC))
        .isEqualTo("1795824000.000000000");
  }

  @Test
  void passesUnixSecondsOn() {
    assertThat(GoTime.timestamp("1795835436", NOW, ZoneOffset.UTC)).isEqualTo("1795835436");
    assertThat(GoTime.timestamp("1795835436.5", NOW, ZoneOffset.UTC)).isEqualTo("1795835436.5");
  }

  @Test
  void refusesTheRestInDockersWords() {
    assertThatThrownBy(() -> GoTime.timestamp("bogus", NOW, ZoneOffset.UTC))
        .hasMessage("failed to parse value as time or duration: \"bogus\"");
    assertThatThrownBy(() -> GoTime.timestamp("2026-13-01", NOW, ZoneOffset.UTC))
        .hasMessageStartingWith("invalid time \"2026-13-01\"");
  }

  @Test
  void parsesGoDurations() {
    assertThat(GoTime.duration("1h2m3.5s")).isEqualTo(Duration.ofSeconds(3723, 500_000_000));
    assertThat(GoTime.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(GoTime.duration("10")).isNull();
    assertThat(GoTime.duration("m")).isNull();
  }
}
