package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.kernel.Errno;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTable;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationLogTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));

  @Test
  void changesAreLoggedAsCommandLinesPrefixedByTheNamespace() {
    NetNs sb1 = kernel.createNetNs("sb1");
    NetNs sb2 = kernel.createNetNs("sb2");
    NetStack stack = kernel.stack(sb1);

    stack.addLink(
        new LinkSpec.Veth(
            "veth0", LinkSettings.DEFAULT, "eth0", Optional.of(sb2), LinkSettings.DEFAULT));
    stack.setUp("veth0", true);
    stack.addAddress("veth0", InterfaceAddress.parse("10.0.0.1/24"));
    stack.addRoute(Route.defaultVia(IpAddress.parse("10.0.0.254")));
    stack.writeSysctl("net.ipv4.ip_forward", "1");
    stack.applyNft(
        NftRuleset.builder()
            .replaceTable(new NftTable(NftFamily.INET, "junction", List.of()))
            .build());
    kernel.deleteNetNs(sb2);

    assertThat(kernel.log())
        .containsExactly(
            "sb1: ip netns add sb1",
            "sb2: ip netns add sb2",
            "sb1: ip link add veth0 type veth peer name eth0 netns /run/netns/sb2",
            "sb1: ip link set veth0 up",
            "sb1: ip addr add 10.0.0.1/24 dev veth0",
            "sb1: ip route add 0.0.0.0/0 via 10.0.0.254",
            "sb1: sysctl -w net.ipv4.ip_forward=1",
            "sb1: nft -f -: replace table inet junction",
            "sb2: ip netns delete sb2");
  }

  @Test
  void readsAndFailuresAreNotLogged() {
    NetStack host = kernel.stack(kernel.currentNetNs());

    host.listLinks();
    host.findLink("lo");
    host.readSysctl("net.ipv4.ip_forward");
    assertFails(Errno.ENODEV, () -> host.setUp("missing", true));

    assertThat(kernel.log()).isEmpty();
  }

  @Test
  void theCurrentNamespaceIsLoggedAsCurrent() {
    kernel.stack(kernel.currentNetNs()).addLink(new LinkSpec.Bridge("br0"));

    assertThat(kernel.log()).containsExactly("current: ip link add br0 type bridge");
  }

  @Test
  void clearingTheLogForgetsWhatWasDoneBefore() {
    NetStack host = kernel.stack(kernel.currentNetNs());
    host.addLink(new LinkSpec.Bridge("br0"));

    kernel.clearLog();
    host.setUp("br0", true);

    assertThat(kernel.log()).containsExactly("current: ip link set br0 up");
  }

  @Test
  void theLogIsACopy() {
    List<String> before = kernel.log();

    kernel.createNetNs("sb1");

    assertThat(before).isEmpty();
    assertThat(kernel.log()).hasSize(1);
  }
}
