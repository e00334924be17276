package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysctlsTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetNs sandbox = kernel.createNetNs("sb1");
  private final NetStack stack = kernel.stack(sandbox);

  @ParameterizedTest
  @CsvSource({
    "net.ipv4.ip_forward, 0",
    "net.ipv4.conf.all.forwarding, 0",
    "net.ipv6.conf.all.forwarding, 0",
    "net.ipv6.conf.all.disable_ipv6, 0",
    "net.ipv4.conf.all.rp_filter, 0",
    "net.ipv4.conf.default.rp_filter, 0",
    "net.ipv4.ip_unprivileged_port_start, 1024",
    "net.ipv4.conf.lo.route_localnet, 0",
    "net.ipv6.conf.lo.accept_ra, 1",
    "net/ipv6/conf/lo/forwarding, 0",
  })
  void aNewNamespaceHasTheKernelsDefaults(String key, String value) {
    assertThat(stack.readSysctl(key)).isEqualTo(value);
  }

  @Test
  void pingGroupRangeIsTwoNumbersSeparatedByATab() {
    assertThat(stack.readSysctl("net.ipv4.ping_group_range")).isEqualTo("1\t0");

    stack.writeSysctl("net.ipv4.ping_group_range", "0 2147483647");

    assertThat(stack.readSysctl("net.ipv4.ping_group_range")).isEqualTo("0\t2147483647");
  }

  @Test
  void aLinkHasItsOwnKeysForItsLifeUnderItsCurrentName() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    assertThat(stack.readSysctl("net.ipv6.conf.v0.accept_dad")).isEqualTo("1");
    assertThat(stack.readSysctl("net.ipv4.conf.v0.proxy_arp")).isEqualTo("0");

    stack.writeSysctl("net.ipv4.conf.v0.proxy_arp", "1");
    stack.rename("v0", "eth0");

    assertThat(stack.readSysctl("net.ipv4.conf.eth0.proxy_arp")).isEqualTo("1");
    assertFails(Errno.ENOENT, () -> stack.readSysctl("net.ipv4.conf.v0.proxy_arp"));
    stack.deleteLink("eth0");
    assertFails(Errno.ENOENT, () -> stack.readSysctl("net.ipv4.conf.eth0.proxy_arp"));
  }

  @Test
  void ipForwardAndAllForwardingAreOneValueThatReachesEveryLink() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));

    stack.writeSysctl("net.ipv4.ip_forward", "1");

    assertThat(stack.readSysctl("net.ipv4.conf.all.forwarding")).isEqualTo("1");
    assertThat(stack.readSysctl("net.ipv4.conf.v0.forwarding")).isEqualTo("1");
    stack.writeSysctl("net.ipv4.conf.all.forwarding", "0");
    assertThat(stack.readSysctl("net.ipv4.ip_forward")).isEqualTo("0");
  }

  @Test
  void newLinksStartFromTheDefaults() {
    stack.writeSysctl("net.ipv4.conf.default.rp_filter", "2");

    stack.addLink(new LinkSpec.Bridge("br0"));

    assertThat(stack.readSysctl("net.ipv4.conf.br0.rp_filter")).isEqualTo("2");
  }

  @Test
  void aMovedLinkTakesTheTargetsDefaults() {
    NetStack other = kernel.stack(kernel.createNetNs("sb2"));
    other.writeSysctl("net.ipv4.conf.default.rp_filter", "1");
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.writeSysctl("net.ipv4.conf.v0.rp_filter", "2");

    stack.moveToNetNs("v0", kernel.openNetNs(Path.of("/run/netns/sb2")));

    assertThat(other.readSysctl("net.ipv4.conf.v0.rp_filter")).isEqualTo("1");
  }

  @Test
  void namespacesDoNotShareSysctls() {
    stack.writeSysctl("net.ipv4.ip_forward", "1");

    assertThat(kernel.stack(kernel.currentNetNs()).readSysctl("net.ipv4.ip_forward"))
        .isEqualTo("0");
  }

  @Test
  void unknownKeysAndBadValuesAreRefused() {
    assertFails(Errno.ENOENT, () -> stack.readSysctl("net.ipv4.no_such_key"));
    assertFails(Errno.ENOENT, () -> stack.readSysctl("net.ipv4.conf.none.forwarding"));
    assertFails(Errno.ENOENT, () -> stack.writeSysctl("net.ipv4.no_such_key", "1"));
    assertFails(Errno.EINVAL, () -> stack.writeSysctl("net.ipv4.ip_forward", "yes"));
    assertFails(Errno.EINVAL, () -> stack.writeSysctl("net.ipv4.ip_forward", "99999999999"));
    assertFails(
        Errno.EINVAL, () -> stack.writeSysctl("net.ipv4.ip_unprivileged_port_start", "70000"));
    assertThatThrownBy(() -> stack.readSysctl("kernel.hostname"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stack.writeSysctl("net.ipv4.ip_forward", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stack.writeSysctl("net.ipv4.ip_forward", "1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(stack.readSysctl("net.ipv4.ip_forward")).isEqualTo("0");
  }

  @Test
  void valuesAreReadBackStripped() {
    stack.writeSysctl("net.ipv4.conf.all.rp_filter", " 2 ");

    assertThat(stack.readSysctl("net.ipv4.conf.all.rp_filter")).isEqualTo("2");
  }

  @Test
  void disablingIpv6OnEveryLinkTakesTheirIpv6AddressesAndEnablingGivesLoopbackItsOwnBack() {
    stack.setUp("lo", true);

    stack.writeSysctl("net.ipv6.conf.all.disable_ipv6", "1");
    assertThat(stack.listAddresses("lo", null)).hasSize(1);
    assertThat(stack.readSysctl("net.ipv6.conf.lo.disable_ipv6")).isEqualTo("1");

    stack.writeSysctl("net.ipv6.conf.all.disable_ipv6", "0");
    assertThat(stack.listAddresses("lo", null)).hasSize(2);
  }

  @Test
  void loopbackComesUpWithoutIpv6WhenIpv6IsDisabledOnIt() {
    stack.writeSysctl("net.ipv6.conf.lo.disable_ipv6", "1");

    stack.setUp("lo", true);

    assertThat(stack.listAddresses("lo", null))
        .extracting(address -> address.address().toString())
        .containsExactly("127.0.0.1/8");
  }
}
