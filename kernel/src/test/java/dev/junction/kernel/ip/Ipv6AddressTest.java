package dev.junction.kernel.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6AddressTest {

  /** Text as written, and its canonical RFC 5952 form. */
  @ParameterizedTest
  @CsvSource({
    "::, ::",
    "::1, ::1",
    "1::, 1::",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "2001:db8::1, 2001:db8::1",
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:DB8::A, 2001:db8::a",
    "FE80::1, fe80::1",
    // RFC 5952 4.2.2: a single zero group is not compressed.
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:db8::1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "0:1:2:3:4:5:6:7, 0:1:2:3:4:5:6:7",
    "::1:2:3:4:5:6:7, 0:1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
    // RFC 5952 4.2.3: the longest run is compressed, the first one on a tie.
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
    "0:0:1:0:0:1:0:0, ::1:0:0:1:0:0",
    "1:0:0:0:2:0:0:0, 1::2:0:0:0",
    "1:0:0:2:0:0:0:0, 1:0:0:2::",
    // RFC 5952 4.3: lower case; 4.1: no leading zeros.
    "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
    "0001:0010:0100:1000::, 1:10:100:1000::",
    // IPv4 tails.
    "::ffff:1.2.3.4, ::ffff:1.2.3.4",
    "::FFFF:10.0.0.1, ::ffff:10.0.0.1",
    "0:0:0:0:0:ffff:0102:0304, ::ffff:1.2.3.4",
    "::ffff:0.0.0.0, ::ffff:0.0.0.0",
    "::1.2.3.4, ::102:304",
    "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
    "1::5:6:255.255.255.255, 1::5:6:ffff:ffff",
    // Eight groups, no compression possible.
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  })
  void parsesAndPrintsCanonically(String text, String canonical) throws UnknownHostException {
    Ipv6Address address = Ipv6Address.parse(text);
    assertThat(address).hasToString(canonical);
    assertThat(Ipv6Address.parse(canonical)).isEqualTo(address);
    assertThat(IpAddress.parse(text)).isEqualTo(address);
    // The JDK reads the same 16 bytes from the text.
    assertThat(address.toBytes()).isEqualTo(jdkBytes(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        ":::",
        "::::",
        "1:::2",
        ":::1",
        "1:::",
        "1::2::3",
        "::1::",
        "::1:2::",
        ":1::2",
        ":1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:",
        "1::2:",
        "1:",
        "1",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8",
        "1:2:3:4::5:6:7:8",
        "12345::",
        "::12345",
        "g::",
        "::g",
        "1:2:3:4:5:6:7:-8",
        "+1::",
        "0x1::",
        "fe80::1%eth0",
        "fe80::1%1",
        "fe80::%eth0",
        "::%",
        " ::1",
        "::1 ",
        "::1\n",
        "1: :2",
        "[::1]",
        "::1/128",
        // IPv4 tails in the wrong place or malformed.
        "1.2.3.4::",
        "::1.2.3.4:1",
        "::1.2.3",
        "::1.2.3.4.5",
        "::01.2.3.4",
        "::256.1.1.1",
        "::ffff:1.2.3.4%eth0",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5:6:7::1.2.3.4",
        "::1:2:3:4:5:6:1.2.3.4",
        "::ffff:1234.1.1.1",
        "::ffff:a.b.c.d",
        // Non-ASCII characters that Character.digit would read as hex digits.
        "fe80::１", // full-width digit one
        "fe80::٣", // Arabic-Indic digit three
        "ｆe80::1", // full-width letter f
        "fe80::1\u0660",
      })
  void refusesInvalidText(String text) {
    assertThatThrownBy(() -> Ipv6Address.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid IPv6 address");
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> Ipv6Address.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusedZoneMessageNamesTheText() {
    assertThatThrownBy(() -> IpAddress.parse("fe80::1%eth0"))
        .hasMessage("invalid IPv6 address: \"fe80::1%eth0\"");
  }

  static Stream<Arguments> seeds() {
    long seed = new Random().nextLong();
    return Stream.of(Arguments.of(seed), Arguments.of(seed + 1), Arguments.of(0L));
  }

  /**
   * Random addresses, half of their groups zero so that runs of every length and position occur:
   * the text is canonical by the rules of RFC 5952 and reads back to the same address, as do the
   * bytes and the number.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void randomAddressesRoundTripAndPrintCanonically(long seed) throws UnknownHostException {
    Random random = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      Ipv6Address address = randomAddress(random);
      String text = address.toString();
      String context = "seed " + seed + ", iteration " + i + ", address " + text;
      assertThat(Ipv6Address.parse(text)).as(context).isEqualTo(address);
      assertThat(Ipv6Address.fromBytes(address.toBytes())).as(context).isEqualTo(address);
      assertThat(IpAddress.fromBigInteger(IpFamily.V6, address.toBigInteger()))
          .as(context)
          .isEqualTo(address);
      assertThat(address.toBytes()).as(context).isEqualTo(jdkBytes(text));
      assertCanonical(address, text, context);
    }
  }

  /** Checks {@code text} against RFC 5952 section 4 without re-implementing the formatter. */
  private static void assertCanonical(Ipv6Address address, String text, String context) {
    int[] groups = groups(address);
    if (address.isIpv4Mapped()) {
      assertThat(text).as(context).startsWith("::ffff:").contains(".");
      return;
    }
    assertThat(text).as(context).matches("[0-9a-f:]+").doesNotContain(":::");
    assertThat(text.indexOf("::")).as(context).isEqualTo(text.lastIndexOf("::"));
    int longestRun = 0;
    int longestStart = -1;
    for (int g = 0; g < 8; ) {
      int start = g;
      while (g < 8 && groups[g] == 0) {
        g++;
      }
      if (g - start > longestRun) {
        longestRun = g - start;
        longestStart = start;
      }
      g = Math.max(g, start + 1);
    }
    String expectedLeft;
    String expectedRight;
    if (longestRun >= 2) {
      assertThat(text).as(context).contains("::");
      expectedLeft = join(groups, 0, longestStart);
      expectedRight = join(groups, longestStart + longestRun, 8);
      String[] sides = text.split("::", -1);
      assertThat(sides[0]).as(context).isEqualTo(expectedLeft);
      assertThat(sides[1]).as(context).isEqualTo(expectedRight);
    } else {
      assertThat(text).as(context).doesNotContain("::").isEqualTo(join(groups, 0, 8));
    }
  }

  private static String join(int[] groups, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int g = from; g < to; g++) {
      if (g > from) {
        text.append(':');
      }
      // Lower case, no leading zeros.
      text.append(Integer.toHexString(groups[g]));
    }
    return text.toString();
  }

  private static int[] groups(Ipv6Address address) {
    byte[] bytes = address.toBytes();
    int[] groups = new int[8];
    for (int g = 0; g < 8; g++) {
      groups[g] = (bytes[2 * g] & 0xff) << 8 | (bytes[2 * g + 1] & 0xff);
    }
    return groups;
  }

  static Ipv6Address randomAddress(Random random) {
    byte[] bytes = new byte[16];
    int shape = random.nextInt(10);
    for (int g = 0; g < 8; g++) {
      if (shape > 0 && random.nextBoolean()) {
        continue; // a zero group
      }
      int value =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x10);
            case 1 -> random.nextInt(0x100);
            default -> random.nextInt(0x10000);
          };
      bytes[2 * g] = (byte) (value >>> 8);
      bytes[2 * g + 1] = (byte) value;
    }
    if (random.nextInt(20) == 0) {
      // An IPv4-mapped address.
      java.util.Arrays.fill(bytes, 0, 10, (byte) 0);
      bytes[10] = (byte) 0xff;
      bytes[11] = (byte) 0xff;
    }
    return Ipv6Address.fromBytes(bytes);
  }

  /** The bytes the JDK reads from IPv6 literal text (no name lookup: literals only). */
  static byte[] jdkBytes(String text) throws UnknownHostException {
    InetAddress jdk = InetAddress.ofLiteral(text);
    if (jdk instanceof Inet4Address v4) {
      // The JDK turns ::ffff:a.b.c.d into an IPv4 address.
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
      return mapped;
    }
    assertThat(jdk).isInstanceOf(Inet6Address.class);
    return jdk.getAddress();
  }

  /**
   * Text made of hex digits, colons and dots is read the same way by the JDK and by us, except that
   * we refuse leading zeros in an IPv4 tail and groups of more than four digits ({@code 0c123}),
   * which the JDK accepts.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithTheJdkOnRandomText(long seed) {
    Random random = new Random(seed);
    String alphabet = "0123456789abcdefABCDEF::::::...";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 2 + random.nextInt(24);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = text.toString();
      if (candidate.indexOf(':') < 0) {
        continue;
      }
      String context = "seed " + seed + ", text \"" + candidate + "\"";
      byte[] ours = null;
      try {
        ours = Ipv6Address.parse(candidate).toBytes();
      } catch (IllegalArgumentException e) {
        assertThat(e).as(context).hasMessageContaining("invalid IPv6 address");
      }
      byte[] jdk = null;
      try {
        jdk = jdkBytes(candidate);
      } catch (IllegalArgumentException | UnknownHostException e) {
        // the JDK refuses it too
      }
      if (ours != null) {
        accepted++;
        assertThat(jdk).as(context + ": we accept, the JDK does not").isNotNull();
        assertThat(ours).as(context).isEqualTo(jdk);
      } else if (jdk != null) {
        // RFC 4291 allows one to four hex digits a group; the JDK only checks the value.
        assertThat(candidate.contains(".") || candidate.matches(".*[0-9a-fA-F]{5}.*"))
            .as(context + ": the JDK accepts, we do not")
            .isTrue();
      }
    }
    assertThat(accepted).as("seed " + seed + ": some random text should parse").isPositive();
  }

  @Test
  void bytesAreNetworkOrder() {
    Ipv6Address address = Ipv6Address.parse("2001:db8:1:2:3:4:5:6");
    assertThat(address.toBytes())
        .containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6);
    assertThat(address.high()).isEqualTo(0x20010db800010002L);
    assertThat(address.low()).isEqualTo(0x0003000400050006L);
    assertThatThrownBy(() -> Ipv6Address.fromBytes(new byte[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes, not 4");
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8:1:2:3:4:5:6, 0, ::",
    "2001:db8:1:2:3:4:5:6, 16, 2001::",
    "2001:db8:1:2:3:4:5:6, 32, 2001:db8::",
    "2001:db8:1:2:3:4:5:6, 63, 2001:db8:1:2::",
    "2001:db8:1:3:3:4:5:6, 63, 2001:db8:1:2::",
    "2001:db8:1:2:3:4:5:6, 64, 2001:db8:1:2::",
    "2001:db8:1:2:ffff:4:5:6, 65, 2001:db8:1:2:8000::",
    "2001:db8:1:2:3:4:5:6, 96, 2001:db8:1:2:3:4::",
    "2001:db8:1:2:3:4:5:7, 127, 2001:db8:1:2:3:4:5:6",
    "2001:db8:1:2:3:4:5:6, 128, 2001:db8:1:2:3:4:5:6",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 1, 8000::",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 10, ffc0::",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 127, ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe",
  })
  void masksHostBits(String address, int length, String expected) {
    assertThat(Ipv6Address.parse(address).masked(length)).hasToString(expected);
  }

  @Test
  void maskAgreesWithArithmeticOnRandomAddresses() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      Ipv6Address address = new Ipv6Address(random.nextLong(), random.nextLong());
      int length = random.nextInt(129);
      BigInteger hostMask = BigInteger.ONE.shiftLeft(128 - length).subtract(BigInteger.ONE);
      BigInteger expected = address.toBigInteger().andNot(hostMask);
      assertThat(address.masked(length).toBigInteger())
          .as("seed %d, %s/%d", seed, address, length)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 129, 256})
  void maskRefusesLengthsOutsideTheFamily(int length) {
    assertThatThrownBy(() -> Ipv6Address.parse("::1").masked(length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside 0..128");
  }

  @Test
  void classifiesAddresses() {
    assertThat(Ipv6Address.ANY.isUnspecified()).isTrue();
    assertThat(Ipv6Address.parse("::1").isUnspecified()).isFalse();
    assertThat(Ipv6Address.parse("::1:0:0:0:0").isUnspecified()).isFalse();
    assertThat(Ipv6Address.parse("fe80::1").isLinkLocal()).isTrue();
    assertThat(Ipv6Address.parse("fe80::").isLinkLocal()).isTrue();
    assertThat(Ipv6Address.parse("febf:ffff::1").isLinkLocal()).isTrue();
    assertThat(Ipv6Address.parse("fec0::1").isLinkLocal()).isFalse();
    assertThat(Ipv6Address.parse("fe7f::1").isLinkLocal()).isFalse();
    assertThat(Ipv6Address.parse("fd00::1").isLinkLocal()).isFalse();
    assertThat(Ipv6Address.parse("::ffff:169.254.0.1").isLinkLocal()).isFalse();
    assertThat(Ipv6Address.parse("::ffff:1.2.3.4").isIpv4Mapped()).isTrue();
    assertThat(Ipv6Address.parse("::fffe:1.2.3.4").isIpv4Mapped()).isFalse();
    assertThat(Ipv6Address.parse("1::ffff:1.2.3.4").isIpv4Mapped()).isFalse();
    assertThat(Ipv6Address.parse("::1.2.3.4").isIpv4Mapped()).isFalse();
    assertThat(Ipv6Address.ANY.family()).isEqualTo(IpFamily.V6);
  }

  @Test
  void comparesAsUnsigned128BitNumbers() {
    Ipv6Address small = Ipv6Address.parse("::1");
    Ipv6Address middle = Ipv6Address.parse("7fff::");
    Ipv6Address large = Ipv6Address.parse("8000::"); // negative high half
    Ipv6Address largest = Ipv6Address.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(small).isLessThan(middle);
    assertThat(middle).isLessThan(large);
    assertThat(large).isLessThan(largest);
    assertThat(Ipv6Address.parse("::8000:0:0:0")).isGreaterThan(Ipv6Address.parse("::7fff:0:0:0"));
  }

  @Test
  void fromBigIntegerChecksBounds() {
    BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    assertThat(IpAddress.fromBigInteger(IpFamily.V6, max))
        .hasToString("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(IpAddress.fromBigInteger(IpFamily.V6, BigInteger.ZERO)).isEqualTo(Ipv6Address.ANY);
    assertThat(IpAddress.fromBigInteger(IpFamily.V6, BigInteger.ONE.shiftLeft(64)))
        .hasToString("0:0:0:1::");
    assertThatThrownBy(() -> IpAddress.fromBigInteger(IpFamily.V6, max.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IPv6");
    assertThatThrownBy(() -> IpAddress.fromBigInteger(IpFamily.V6, BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
