package dev.junction.kernel.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InterfaceAddressTest {

  @Test
  void keepsHostBits() {
    InterfaceAddress address = InterfaceAddress.parse("10.1.0.5/24");
    assertThat(address.address()).isEqualTo(IpAddress.parse("10.1.0.5"));
    assertThat(address.prefixLength()).isEqualTo(24);
    assertThat(address.family()).isEqualTo(IpFamily.V4);
    assertThat(address).hasToString("10.1.0.5/24");
    assertThat(address.subnet()).isEqualTo(IpPrefix.parse("10.1.0.0/24"));
  }

  @Test
  void ipv6() {
    InterfaceAddress address = InterfaceAddress.parse("FD00::0005/64");
    assertThat(address).hasToString("fd00::5/64");
    assertThat(address.family()).isEqualTo(IpFamily.V6);
    assertThat(address.subnet()).hasToString("fd00::/64");
    assertThat(InterfaceAddress.parse("fe80::1/128").subnet()).hasToString("fe80::1/128");
  }

  @Test
  void networkAndFullLengthsAreFine() {
    assertThat(InterfaceAddress.parse("10.1.0.0/24").subnet()).hasToString("10.1.0.0/24");
    assertThat(InterfaceAddress.parse("10.1.0.5/32").subnet()).hasToString("10.1.0.5/32");
    assertThat(InterfaceAddress.parse("10.1.0.5/0").subnet()).isEqualTo(IpPrefix.DEFAULT_V4);
  }

  @Test
  void requiresALength() {
    assertThatThrownBy(() -> InterfaceAddress.parse("10.1.0.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid interface address \"10.1.0.5\": a prefix length (/N) is required");
    assertThatThrownBy(() -> InterfaceAddress.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.1.0.5/33", "10.1.0.5/", "10.1.0.5/024", "/24", "10.1.0/24", "::1/129", "x/1"})
  void refusesInvalidText(String text) {
    assertThatThrownBy(() -> InterfaceAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @Test
  void constructorChecksTheLength() {
    assertThatThrownBy(() -> new InterfaceAddress(IpAddress.parse("10.0.0.1"), 33))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InterfaceAddress(IpAddress.parse("::1"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new InterfaceAddress(IpAddress.parse("::1"), 128)).hasToString("::1/128");
  }
}
