package dev.junction.kernel.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 0x00000000",
    "10.0.0.1, 0x0a000001",
    "127.0.0.1, 0x7f000001",
    "192.168.1.254, 0xc0a801fe",
    "255.255.255.255, 0xffffffff",
    "1.2.3.4, 0x01020304",
    "100.64.0.10, 0x6440000a",
  })
  void parsesDottedQuad(String text, String hex) {
    Ipv4Address address = Ipv4Address.parse(text);
    assertThat(address.bits()).isEqualTo(Integer.parseUnsignedInt(hex.substring(2), 16));
    assertThat(address).hasToString(text);
    assertThat(IpAddress.parse(text)).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        ".",
        "...",
        "1",
        "1.2",
        "1.2.3",
        "1.2.3.",
        ".1.2.3",
        "1.2.3.4.",
        "1.2.3.4.5",
        "1..2.3",
        "01.2.3.4",
        "1.02.3.4",
        "1.2.3.04",
        "00.0.0.0",
        "1.2.3.000",
        "256.0.0.0",
        "1.2.3.256",
        "999.1.1.1",
        "1000.1.1.1",
        "1.2.3.4 ",
        " 1.2.3.4",
        "1.2.3.4\n",
        "1.2 .3.4",
        "+1.2.3.4",
        "-1.2.3.4",
        "1.2.3.-4",
        "0x1.2.3.4",
        "1.2.3.4/24",
        "1.2.3.a",
        "a.b.c.d",
        "1,2,3,4",
        "١.٢.٣.٤", // Arabic-Indic digits
        "１.２.３.４", // full-width digits
        "1.2.3.4%eth0",
      })
  void refusesInvalidText(String text) {
    assertThatThrownBy(() -> Ipv4Address.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid IPv4 address");
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> Ipv4Address.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpAddress.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void randomAddressesRoundTripThroughTextBytesAndNumber() throws UnknownHostException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      int bits = random.nextInt();
      Ipv4Address address = new Ipv4Address(bits);
      String text = address.toString();
      String context = "seed " + seed + ", address " + text;
      assertThat(Ipv4Address.parse(text)).as(context).isEqualTo(address);
      assertThat(Ipv4Address.fromBytes(address.toBytes())).as(context).isEqualTo(address);
      assertThat(IpAddress.fromBigInteger(IpFamily.V4, address.toBigInteger()))
          .as(context)
          .isEqualTo(address);
      // The JDK agrees on the bytes and on the text.
      InetAddress jdk = InetAddress.getByAddress(address.toBytes());
      assertThat(jdk).as(context).isInstanceOf(Inet4Address.class);
      assertThat(jdk.getHostAddress()).as(context).isEqualTo(text);
      assertThat(address.toBigInteger().longValueExact())
          .as(context)
          .isEqualTo(Integer.toUnsignedLong(bits));
    }
  }

  @Test
  void bytesAreNetworkOrderAndFresh() {
    Ipv4Address address = Ipv4Address.parse("10.20.30.40");
    byte[] bytes = address.toBytes();
    assertThat(bytes).containsExactly(10, 20, 30, 40);
    bytes[0] = 99;
    assertThat(address.toBytes()).containsExactly(10, 20, 30, 40);
    assertThat(Ipv4Address.fromBytes(new byte[] {(byte) 200, 1, 2, (byte) 255}))
        .hasToString("200.1.2.255");
  }

  @Test
  void fromBytesRefusesOtherLengths() {
    assertThatThrownBy(() -> Ipv4Address.fromBytes(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 bytes, not 3");
    assertThatThrownBy(() -> Ipv4Address.fromBytes(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3, 0, 0.0.0.0",
    "10.1.2.3, 8, 10.0.0.0",
    "10.1.2.3, 16, 10.1.0.0",
    "10.1.2.3, 23, 10.1.2.0",
    "10.1.3.3, 23, 10.1.2.0",
    "10.1.2.3, 31, 10.1.2.2",
    "10.1.2.3, 32, 10.1.2.3",
    "255.255.255.255, 1, 128.0.0.0",
    "255.255.255.255, 25, 255.255.255.128",
  })
  void masksHostBits(String address, int length, String expected) {
    assertThat(Ipv4Address.parse(address).masked(length)).hasToString(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 33, 64, Integer.MIN_VALUE})
  void maskRefusesLengthsOutsideTheFamily(int length) {
    assertThatThrownBy(() -> Ipv4Address.parse("10.0.0.1").masked(length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside 0..32");
  }

  @Test
  void classifiesUnspecifiedAndLinkLocal() {
    assertThat(Ipv4Address.ANY.isUnspecified()).isTrue();
    assertThat(Ipv4Address.parse("0.0.0.1").isUnspecified()).isFalse();
    assertThat(Ipv4Address.parse("169.254.0.0").isLinkLocal()).isTrue();
    assertThat(Ipv4Address.parse("169.254.255.255").isLinkLocal()).isTrue();
    assertThat(Ipv4Address.parse("169.253.255.255").isLinkLocal()).isFalse();
    assertThat(Ipv4Address.parse("169.255.0.0").isLinkLocal()).isFalse();
    assertThat(Ipv4Address.parse("10.0.0.1").isLinkLocal()).isFalse();
    assertThat(Ipv4Address.ANY.family()).isEqualTo(IpFamily.V4);
  }

  @Test
  void comparesAsUnsignedNumbers() {
    Ipv4Address low = Ipv4Address.parse("1.0.0.0");
    Ipv4Address high = Ipv4Address.parse("200.0.0.0"); // negative as a signed int
    assertThat(low).isLessThan(high);
    assertThat(high).isGreaterThan(low);
    assertThat(Ipv4Address.parse("255.255.255.255")).isGreaterThan(Ipv4Address.ANY);
    assertThat(low.compareTo(Ipv4Address.parse("1.0.0.0"))).isZero();
  }

  @Test
  void fromBigIntegerChecksBounds() {
    BigInteger max = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    assertThat(IpAddress.fromBigInteger(IpFamily.V4, max)).hasToString("255.255.255.255");
    assertThat(IpAddress.fromBigInteger(IpFamily.V4, BigInteger.ZERO)).isEqualTo(Ipv4Address.ANY);
    assertThatThrownBy(() -> IpAddress.fromBigInteger(IpFamily.V4, max.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IPv4");
    assertThatThrownBy(() -> IpAddress.fromBigInteger(IpFamily.V4, BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
