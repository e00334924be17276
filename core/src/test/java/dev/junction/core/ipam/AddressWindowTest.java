package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import org.junit.jupiter.api.Test;

class AddressWindowTest {

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  @Test
  void ipv4WindowCoversItsPrefix() {
    AddressWindow window = AddressWindow.of(IpPrefix.parse("10.1.0.0/16"));
    assertThat(window.last()).isEqualTo(65_535);
    assertThat(window.addressAt(0)).isEqualTo(ip("10.1.0.0"));
    assertThat(window.addressAt(258)).isEqualTo(ip("10.1.1.2"));
    assertThat(window.addressAt(65_535)).isEqualTo(ip("10.1.255.255"));
    assertThat(window.ordinalOf(ip("10.1.1.2"))).hasValue(258);
    assertThat(window.ordinalOf(ip("10.0.255.255"))).isEmpty();
    assertThat(window.ordinalOf(ip("10.2.0.0"))).isEmpty();
    assertThat(window.ordinalOf(ip("fd00::1"))).isEmpty();
    assertThatThrownBy(() -> window.addressAt(65_536)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv4WindowAtTheTopOfTheAddressSpace() {
    AddressWindow window = AddressWindow.of(IpPrefix.parse("255.255.255.0/24"));
    assertThat(window.addressAt(255)).isEqualTo(ip("255.255.255.255"));
    assertThat(window.ordinalOf(ip("255.255.255.255"))).hasValue(255);
    assertThat(window.ordinalOf(ip("0.0.0.0"))).isEmpty();
    AddressWindow everything = AddressWindow.of(IpPrefix.parse("0.0.0.0/0"));
    assertThat(everything.last()).isEqualTo(0xffff_ffffL);
    assertThat(everything.ordinalOf(ip("255.255.255.255"))).hasValue(0xffff_ffffL);
  }

  @Test
  void ipv6WindowCarriesIntoTheHighHalf() {
    AddressWindow window = new AddressWindow(ip("fd00::ffff:ffff:ffff:fff0"), 0xff);
    assertThat(window.addressAt(0x20)).isEqualTo(ip("fd00:0:0:1::10"));
    assertThat(window.ordinalOf(ip("fd00:0:0:1::10"))).hasValue(0x20);
    assertThat(window.ordinalOf(ip("fd00::ffff:ffff:ffff:ffef"))).isEmpty();
    assertThat(window.ordinalOf(ip("fd00:0:0:1::f0"))).isEmpty();
    assertThat(window.ordinalOf(ip("10.0.0.1"))).isEmpty();
  }

  @Test
  void ipv6WindowsStopAfterTwoToTheSixtyFourAddresses() {
    AddressWindow slash64 = AddressWindow.of(IpPrefix.parse("fd00:1::/64"));
    assertThat(slash64.last()).isEqualTo(-1L);
    assertThat(slash64.addressAt(-1L)).isEqualTo(ip("fd00:1::ffff:ffff:ffff:ffff"));
    assertThat(slash64.ordinalOf(ip("fd00:1::ffff:ffff:ffff:ffff"))).hasValue(-1L);
    AddressWindow slash48 = AddressWindow.of(IpPrefix.parse("fd00:1::/48"));
    assertThat(slash48.last()).isEqualTo(-1L);
    assertThat(slash48.ordinalOf(ip("fd00:1:0:0:8000::"))).hasValue(Long.MIN_VALUE);
    assertThat(slash48.ordinalOf(ip("fd00:1:0:1::"))).isEmpty();
    AddressWindow slash120 = AddressWindow.of(IpPrefix.parse("fd00::/120"));
    assertThat(slash120.last()).isEqualTo(255);
  }
}
