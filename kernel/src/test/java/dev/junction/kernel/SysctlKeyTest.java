package dev.junction.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SysctlKeyTest {

  @ParameterizedTest
  @CsvSource({
    "net.ipv4.ip_forward, net/ipv4/ip_forward, net.ipv4.ip_forward",
    "net/ipv4/ip_forward, net/ipv4/ip_forward, net.ipv4.ip_forward",
    "net.ipv6.conf.all.disable_ipv6, net/ipv6/conf/all/disable_ipv6, net.ipv6.conf.all.disable_ipv6",
    "net.ipv4.conf.br-1a2b.forwarding, net/ipv4/conf/br-1a2b/forwarding, net.ipv4.conf.br-1a2b.forwarding",
    // An interface name with a dot can only be written as a path, and prints as one.
    "net/ipv4/conf/br-1.2/forwarding, net/ipv4/conf/br-1.2/forwarding, net/ipv4/conf/br-1.2/forwarding",
    "net/ipv4/conf/eth0.100/rp_filter, net/ipv4/conf/eth0.100/rp_filter, net/ipv4/conf/eth0.100/rp_filter",
    "net.ipv4.neigh.v@1.gc_stale_time, net/ipv4/neigh/v@1/gc_stale_time, net.ipv4.neigh.v@1.gc_stale_time",
    "net.core.somaxconn, net/core/somaxconn, net.core.somaxconn",
  })
  void parsesDottedAndSlashForms(String text, String path, String printed) {
    SysctlKey key = SysctlKey.parse(text);
    assertThat(key.path()).isEqualTo(path);
    assertThat(key).hasToString(printed);
    assertThat(SysctlKey.parse(key.toString())).isEqualTo(key);
    assertThat(SysctlKey.parse(key.path())).isEqualTo(key);
  }

  @Test
  void componentsAreKept() {
    assertThat(SysctlKey.parse("net.ipv4.ip_forward").components())
        .containsExactly("net", "ipv4", "ip_forward");
    assertThat(new SysctlKey(List.of("net", "ipv4", "ip_forward")))
        .isEqualTo(SysctlKey.parse("net/ipv4/ip_forward"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kernel.hostname",
        "vm.swappiness",
        "fs/file-max",
        "net",
        "Net.ipv4.ip_forward",
        "/net/ipv4/ip_forward",
        ".net.ipv4.ip_forward",
        "ipv4.net.ip_forward",
      })
  void requiresTheNetPrefix(String text) {
    assertThatThrownBy(() -> SysctlKey.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid sysctl key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "net..ipv4",
        "net.ipv4.",
        "net.ipv4..ip_forward",
        "net//ipv4",
        "net/ipv4/",
        "net/ipv4/conf/../../../kernel/hostname",
        "net/ipv4/conf/..",
        "net/ipv4/conf/.",
        "net/ipv4/conf/.hidden/forwarding",
        "net/ipv4/conf/a b/forwarding",
        "net.ipv4.ip forward",
        "net.ipv4.ip_forward\n",
        "net.ipv4.ip_forward\u0000",
        "net.ipv4.*",
        "net.ipv4.ip_forward;reboot",
        "net.ipv4.$x",
        "net.ipv4.conf.eth\\0.forwarding",
        "net.ipv4.conf.é.forwarding",
        "net/ipv4\\conf",
        "net.ipv4.conf.a23456789012345678901234567890123456789012345678901234567890123456789.x",
      })
  void refusesEmptyDotDotAndOddComponents(String text) {
    assertThatThrownBy(() -> SysctlKey.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid sysctl key")
        .hasMessageContaining("is not a valid part");
  }

  @Test
  void refusesEmptyAndNull() {
    assertThatThrownBy(() -> SysctlKey.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> SysctlKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SysctlKey(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SysctlKey(List.of("net", "..", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
