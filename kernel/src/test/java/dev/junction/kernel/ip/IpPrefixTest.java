package dev.junction.kernel.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.0.0.0/8, 8",
    "10.1.0.0/16, 10.1.0.0/16, 16",
    "0.0.0.0/0, 0.0.0.0/0, 0",
    "10.1.2.3/32, 10.1.2.3/32, 32",
    "10.1.2.3, 10.1.2.3/32, 32",
    "fd00::/64, fd00::/64, 64",
    "FD00:0::/8, fd00::/8, 8",
    "::/0, ::/0, 0",
    "::1, ::1/128, 128",
    "2001:db8::1/128, 2001:db8::1/128, 128",
  })
  void parses(String text, String canonical, int length) {
    IpPrefix prefix = IpPrefix.parse(text);
    assertThat(prefix).hasToString(canonical);
    assertThat(prefix.length()).isEqualTo(length);
    assertThat(IpPrefix.parse(canonical)).isEqualTo(prefix);
  }

  @Test
  void hostBitsAreRefusedWithTheCanonicalFormInTheMessage() {
    assertThatThrownBy(() -> IpPrefix.parse("10.1.2.3/16"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.1.2.3/16")
        .hasMessageContaining("did you mean 10.1.0.0/16");
    assertThatThrownBy(() -> IpPrefix.parse("fd00::1/64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean fd00::/64");
    assertThatThrownBy(() -> IpPrefix.parse("0.0.0.1/0"))
        .hasMessageContaining("did you mean 0.0.0.0/0");
    assertThatThrownBy(() -> new IpPrefix(IpAddress.parse("10.0.0.1"), 31))
        .hasMessageContaining("did you mean 10.0.0.0/31");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/08",
        "10.0.0.0/00",
        "10.0.0.0/",
        "10.0.0.0/ 8",
        "10.0.0.0/8 ",
        "10.0.0.0/+8",
        "10.0.0.0/8/8",
        "10.0.0.0/1000",
        "10.0.0.0/99999999999",
        "10.0.0.0/x",
        "10.0.0.0/８",
        "::/129",
        "::/0128",
        "::/",
        "/8",
        "/",
        "",
        "10.0.0/8",
        "10.0.0.0.0/8",
        "fe80::%eth0/64",
        " 10.0.0.0/8",
      })
  void refusesInvalidText(String text) {
    assertThatThrownBy(() -> IpPrefix.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> IpPrefix.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void lengthMessages() {
    assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33"))
        .hasMessage("invalid CIDR \"10.0.0.0/33\": prefix length 33 exceeds 32");
    assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/08"))
        .hasMessage("invalid CIDR \"10.0.0.0/08\": prefix length \"08\" is not a number");
    assertThatThrownBy(() -> new IpPrefix(Ipv4Address.ANY, -1))
        .hasMessage("prefix length -1 is outside 0..32 for IPv4");
    assertThatThrownBy(() -> new IpPrefix(Ipv6Address.ANY, 129))
        .hasMessage("prefix length 129 is outside 0..128 for IPv6");
  }

  @Test
  void containingMasksTheAddress() {
    assertThat(IpPrefix.containing(IpAddress.parse("10.1.2.3"), 16)).hasToString("10.1.0.0/16");
    assertThat(IpPrefix.containing(IpAddress.parse("10.1.2.3"), 32)).hasToString("10.1.2.3/32");
    assertThat(IpPrefix.containing(IpAddress.parse("10.1.2.3"), 0)).isEqualTo(IpPrefix.DEFAULT_V4);
    assertThat(IpPrefix.containing(IpAddress.parse("fd00:1:2:3:4::1"), 48))
        .hasToString("fd00:1:2::/48");
    assertThatThrownBy(() -> IpPrefix.containing(IpAddress.parse("10.1.2.3"), 33))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void containsAddresses() {
    IpPrefix prefix = IpPrefix.parse("10.1.0.0/16");
    assertThat(prefix.contains(IpAddress.parse("10.1.0.0"))).isTrue();
    assertThat(prefix.contains(IpAddress.parse("10.1.255.255"))).isTrue();
    assertThat(prefix.contains(IpAddress.parse("10.2.0.0"))).isFalse();
    assertThat(prefix.contains(IpAddress.parse("10.0.255.255"))).isFalse();
    assertThat(prefix.contains(IpAddress.parse("::ffff:10.1.0.1"))).isFalse();
    assertThat(IpPrefix.DEFAULT_V4.contains(IpAddress.parse("255.255.255.255"))).isTrue();
    assertThat(IpPrefix.DEFAULT_V4.contains(IpAddress.parse("::"))).isFalse();
    assertThat(IpPrefix.DEFAULT_V6.contains(IpAddress.parse("::"))).isTrue();
    assertThat(IpPrefix.DEFAULT_V6.contains(IpAddress.parse("0.0.0.0"))).isFalse();
    assertThat(IpPrefix.parse("fd00::/8").contains(IpAddress.parse("fdff::1"))).isTrue();
    assertThat(IpPrefix.parse("fd00::/8").contains(IpAddress.parse("fe00::1"))).isFalse();
  }

  @Test
  void containsAndOverlapsPrefixes() {
    IpPrefix wide = IpPrefix.parse("10.1.0.0/16");
    IpPrefix narrow = IpPrefix.parse("10.1.2.0/24");
    IpPrefix beside = IpPrefix.parse("10.2.0.0/16");
    assertThat(wide.contains(narrow)).isTrue();
    assertThat(narrow.contains(wide)).isFalse();
    assertThat(wide.contains(wide)).isTrue();
    assertThat(wide.contains(beside)).isFalse();
    assertThat(wide.overlaps(narrow)).isTrue();
    assertThat(narrow.overlaps(wide)).isTrue();
    assertThat(wide.overlaps(wide)).isTrue();
    assertThat(wide.overlaps(beside)).isFalse();
    assertThat(IpPrefix.parse("10.1.2.0/25").overlaps(IpPrefix.parse("10.1.2.128/25"))).isFalse();
    assertThat(IpPrefix.DEFAULT_V4.overlaps(beside)).isTrue();
    // Across families nothing is contained and nothing overlaps, not even the defaults.
    assertThat(IpPrefix.DEFAULT_V4.overlaps(IpPrefix.DEFAULT_V6)).isFalse();
    assertThat(IpPrefix.DEFAULT_V6.overlaps(IpPrefix.DEFAULT_V4)).isFalse();
    assertThat(IpPrefix.DEFAULT_V6.contains(IpPrefix.parse("::ffff:10.1.0.0/112"))).isTrue();
    assertThat(IpPrefix.DEFAULT_V4.contains(IpPrefix.parse("::ffff:10.1.0.0/112"))).isFalse();
    assertThat(IpPrefix.parse("::/96").overlaps(IpPrefix.parse("0.0.0.0/0"))).isFalse();
  }

  @Test
  void overlapAgreesWithAddressRangesOnRandomPrefixes() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      // Few distinct high bits, so that overlaps are common.
      IpPrefix a = randomV4Prefix(random);
      IpPrefix b = randomV4Prefix(random);
      BigInteger aFirst = a.address().toBigInteger();
      BigInteger aLast = a.lastAddress().toBigInteger();
      BigInteger bFirst = b.address().toBigInteger();
      BigInteger bLast = b.lastAddress().toBigInteger();
      boolean expectedOverlap = aFirst.compareTo(bLast) <= 0 && bFirst.compareTo(aLast) <= 0;
      boolean expectedContains = aFirst.compareTo(bFirst) <= 0 && bLast.compareTo(aLast) <= 0;
      String context = "seed " + seed + ": " + a + " and " + b;
      assertThat(a.overlaps(b)).as(context).isEqualTo(expectedOverlap);
      assertThat(b.overlaps(a)).as(context).isEqualTo(expectedOverlap);
      assertThat(a.contains(b)).as(context).isEqualTo(expectedContains);
      assertThat(a.contains(b.address())).as(context).isEqualTo(a.contains(b.address()));
      assertThat(a.contains(a.lastAddress())).as(context).isTrue();
    }
  }

  private static IpPrefix randomV4Prefix(Random random) {
    int bits = random.nextInt(8) << 29 | random.nextInt(4) << 20 | random.nextInt(1 << 20);
    return IpPrefix.containing(new Ipv4Address(bits), random.nextInt(33));
  }

  @Test
  void sizeAndLastAddress() {
    assertThat(IpPrefix.parse("10.1.0.0/16").size()).isEqualTo(BigInteger.valueOf(65536));
    assertThat(IpPrefix.parse("10.1.0.0/16").lastAddress()).hasToString("10.1.255.255");
    assertThat(IpPrefix.parse("10.1.2.3/32").size()).isEqualTo(BigInteger.ONE);
    assertThat(IpPrefix.parse("10.1.2.3/32").lastAddress()).hasToString("10.1.2.3");
    assertThat(IpPrefix.DEFAULT_V4.size()).isEqualTo(BigInteger.ONE.shiftLeft(32));
    assertThat(IpPrefix.DEFAULT_V4.lastAddress()).hasToString("255.255.255.255");
    assertThat(IpPrefix.parse("128.0.0.0/1").lastAddress()).hasToString("255.255.255.255");
    assertThat(IpPrefix.DEFAULT_V6.size()).isEqualTo(BigInteger.ONE.shiftLeft(128));
    assertThat(IpPrefix.DEFAULT_V6.lastAddress())
        .hasToString("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(IpPrefix.parse("fd00::/64").lastAddress()).hasToString("fd00::ffff:ffff:ffff:ffff");
    assertThat(IpPrefix.parse("fd00::/64").size()).isEqualTo(BigInteger.ONE.shiftLeft(64));
  }

  @Test
  void defaults() {
    assertThat(IpPrefix.DEFAULT_V4).hasToString("0.0.0.0/0");
    assertThat(IpPrefix.DEFAULT_V6).hasToString("::/0");
    assertThat(IpPrefix.DEFAULT_V4.isDefault()).isTrue();
    assertThat(IpPrefix.DEFAULT_V6.isDefault()).isTrue();
    assertThat(IpPrefix.parse("0.0.0.0/1").isDefault()).isFalse();
    assertThat(IpPrefix.defaultRoute(IpFamily.V4)).isSameAs(IpPrefix.DEFAULT_V4);
    assertThat(IpPrefix.defaultRoute(IpFamily.V6)).isSameAs(IpPrefix.DEFAULT_V6);
    assertThat(IpPrefix.DEFAULT_V4.family()).isEqualTo(IpFamily.V4);
    assertThat(IpPrefix.DEFAULT_V6.family()).isEqualTo(IpFamily.V6);
  }

  @Test
  void ordersByFamilyThenAddressThenLength() {
    List<IpPrefix> prefixes =
        new ArrayList<>(
            List.of(
                IpPrefix.parse("fd00::/8"),
                IpPrefix.parse("10.1.0.0/24"),
                IpPrefix.parse("10.1.0.0/16"),
                IpPrefix.parse("::/0"),
                IpPrefix.parse("192.168.0.0/16"),
                IpPrefix.parse("0.0.0.0/0"),
                IpPrefix.parse("10.0.0.0/8")));
    Collections.sort(prefixes);
    assertThat(prefixes)
        .extracting(IpPrefix::toString)
        .containsExactly(
            "0.0.0.0/0",
            "10.0.0.0/8",
            "10.1.0.0/16",
            "10.1.0.0/24",
            "192.168.0.0/16",
            "::/0",
            "fd00::/8");
    assertThat(IpPrefix.parse("10.1.0.0/16").compareTo(IpPrefix.parse("10.1.0.0/16"))).isZero();
  }

  @Test
  void equalityIsByValue() {
    assertThat(IpPrefix.parse("10.1.0.0/16")).isEqualTo(IpPrefix.parse("10.1.0.0/16"));
    assertThat(IpPrefix.parse("10.1.0.0/16")).isNotEqualTo(IpPrefix.parse("10.1.0.0/17"));
    assertThat(IpPrefix.parse("10.1.0.0/16").hashCode())
        .isEqualTo(IpPrefix.parse("10.1.0.0/16").hashCode());
  }
}
