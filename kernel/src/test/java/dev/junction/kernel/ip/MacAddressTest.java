package dev.junction.kernel.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

  @ParameterizedTest
  @CsvSource({
    "02:42:ac:11:00:02, 02:42:ac:11:00:02",
    "02:42:AC:11:00:02, 02:42:ac:11:00:02",
    "02-42-ac-11-00-02, 02:42:ac:11:00:02",
    "02-42-AC-11-00-02, 02:42:ac:11:00:02",
    "00:00:00:00:00:00, 00:00:00:00:00:00",
    "ff:ff:ff:ff:ff:ff, ff:ff:ff:ff:ff:ff",
    "Aa:bB:cC:Dd:eE:Ff, aa:bb:cc:dd:ee:ff",
  })
  void parsesEitherSeparatorAndCase(String text, String canonical) {
    MacAddress mac = MacAddress.parse(text);
    assertThat(mac).hasToString(canonical);
    assertThat(MacAddress.parse(canonical)).isEqualTo(mac);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "02:42:ac:11:00",
        "02:42:ac:11:00:0",
        "02:42:ac:11:00:02:",
        "02:42:ac:11:00:02:03",
        "0242ac110002",
        "0242.ac11.0002",
        "02:42:ac:11:00:0g",
        "02:42:ac:11:00: 2",
        " 2:42:ac:11:00:02",
        "02:42:ac:11:00:02 ",
        "02.42.ac.11.00.02",
        "02 42 ac 11 00 02",
        "02:42:ac:11:00+02",
        "02:42:ac:11:00-02x",
        "+2:42:ac:11:00:02",
        "-2:42:ac:11:00:02",
        "2:42:ac:11:0:2",
        "02:42:ac:11:00:0２", // full-width digit
        "02:42:ac:11:00:٠٢", // Arabic-Indic digits
        "02:42-ac:11-00:02", // mixed separators
        "02-42-ac-11-00:02",
      })
  void refusesInvalidText(String text) {
    assertThatThrownBy(() -> MacAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid MAC address: \"" + text + "\"");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> MacAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructorRefusesMoreThan48Bits() {
    assertThatThrownBy(() -> new MacAddress(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MacAddress(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new MacAddress(0xffff_ffff_ffffL)).hasToString("ff:ff:ff:ff:ff:ff");
    assertThat(new MacAddress(0x0242_ac11_0002L)).hasToString("02:42:ac:11:00:02");
  }

  @Test
  void bytesRoundTrip() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = new byte[6];
      random.nextBytes(bytes);
      MacAddress mac = MacAddress.fromBytes(bytes);
      String context = "seed " + seed + ", " + mac;
      assertThat(mac.toBytes()).as(context).isEqualTo(bytes);
      assertThat(MacAddress.parse(mac.toString())).as(context).isEqualTo(mac);
      assertThat(
              MacAddress.parse(mac.toString().toUpperCase(java.util.Locale.ROOT).replace(':', '-')))
          .as(context)
          .isEqualTo(mac);
      assertThat(mac.toString()).as(context).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    }
    assertThat(MacAddress.parse("02:42:ac:11:00:02").toBytes())
        .containsExactly(0x02, 0x42, 0xac, 0x11, 0x00, 0x02);
    assertThatThrownBy(() -> MacAddress.fromBytes(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6 bytes, not 5");
    assertThatThrownBy(() -> MacAddress.fromBytes(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flagsAreTheTwoLowBitsOfTheFirstByte() {
    assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
    assertThat(MacAddress.parse("33:33:00:00:00:01").isMulticast()).isTrue();
    assertThat(MacAddress.parse("ff:ff:ff:ff:ff:ff").isMulticast()).isTrue();
    assertThat(MacAddress.parse("00:ff:ff:ff:ff:ff").isMulticast()).isFalse();
    assertThat(MacAddress.parse("02:42:ac:11:00:02").isMulticast()).isFalse();
    assertThat(MacAddress.parse("02:00:00:00:00:00").isLocallyAdministered()).isTrue();
    assertThat(MacAddress.parse("fe:ff:ff:ff:ff:ff").isLocallyAdministered()).isTrue();
    assertThat(MacAddress.parse("00:50:56:00:00:01").isLocallyAdministered()).isFalse();
    assertThat(MacAddress.parse("fd:ff:ff:ff:ff:ff").isLocallyAdministered()).isFalse();
    assertThat(MacAddress.parse("01:02:03:04:05:06").isLocallyAdministered()).isFalse();
  }

  @Test
  void randomLocalIsUnicastAndLocallyAdministered() {
    long seed = new Random().nextLong();
    SplittableRandom random = new SplittableRandom(seed);
    Set<MacAddress> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      MacAddress mac = MacAddress.randomLocal(random);
      String context = "seed " + seed + ", " + mac;
      assertThat(mac.isMulticast()).as(context).isFalse();
      assertThat(mac.isLocallyAdministered()).as(context).isTrue();
      assertThat(mac.toBytes()[0] & 0x03).as(context).isEqualTo(0x02);
      seen.add(mac);
    }
    assertThat(seen).as("seed " + seed + ": random addresses repeat").hasSizeGreaterThan(9_990);
    // Whatever the generator gives, even all ones or all zeros, the two bits are forced.
    assertThat(MacAddress.randomLocal(constant(-1L))).hasToString("fe:ff:ff:ff:ff:ff");
    assertThat(MacAddress.randomLocal(constant(0L))).hasToString("02:00:00:00:00:00");
  }

  private static java.util.random.RandomGenerator constant(long value) {
    return () -> value;
  }
}
