package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NetlinkKernel;
import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.ns.TestNamespaces;
import dev.junction.testkit.observe.Command;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traffic through what the kernel layer builds, checked with {@code ping} run inside the test's own
 * namespaces: containers on one bridge, and containers on two hosts joined by a VXLAN overlay.
 */
@ExtendWith(RootNamespaceGuard.class)
class KernelEndToEndTest {

  private TestNamespaces<NetlinkKernel> namespaces;
  private NetlinkKernel kernel;

  @BeforeEach
  void open() {
    namespaces = TestNamespaces.open(NetlinkKernel::open);
    kernel = namespaces.kernel();
  }

  @AfterEach
  void close() {
    namespaces.close();
  }

  private static LinkSpec.Veth port(
      String hostName, String bridge, NetNs container, MacAddress mac) {
    return new LinkSpec.Veth(
        hostName,
        LinkSettings.DEFAULT.withMaster(bridge).withUp(true),
        "eth0",
        Optional.of(container),
        LinkSettings.DEFAULT.withMac(mac).withUp(true));
  }

  private static Command.Result ping(NetNs from, String address) {
    return Command.runIn(from, "ping", "-c", "1", "-W", "2", "-n", address);
  }

  @Test
  void containersOnOneBridgeReachEachOtherAndTheGateway() {
    NetNs host = namespaces.create("host");
    NetNs a = namespaces.create("ctr-a");
    NetNs b = namespaces.create("ctr-b");
    NetStack hostStack = kernel.stack(host);
    hostStack.setUp("lo", true);
    hostStack.addLink(new LinkSpec.Bridge("br-test", LinkSettings.DEFAULT.withUp(true)));
    hostStack.addAddress("br-test", InterfaceAddress.parse("172.30.0.1/24"));
    hostStack.addLink(port("veth-a", "br-test", a, MacAddress.parse("02:42:ac:1e:00:02")));
    hostStack.addLink(port("veth-b", "br-test", b, MacAddress.parse("02:42:ac:1e:00:03")));
    for (var entry : java.util.Map.of(a, "172.30.0.2/24", b, "172.30.0.3/24").entrySet()) {
      NetStack container = kernel.stack(entry.getKey());
      container.setUp("lo", true);
      container.addAddress("eth0", InterfaceAddress.parse(entry.getValue()));
      container.addRoute(Route.defaultVia(IpAddress.parse("172.30.0.1")).withDevice("eth0"));
    }

    Command.Result aToB = ping(a, "172.30.0.3");
    assertThat(aToB.ok()).as(aToB.output() + aToB.error()).isTrue();
    assertThat(aToB.output()).contains("1 received");
    assertThat(ping(b, "172.30.0.2").ok()).isTrue();
    assertThat(ping(a, "172.30.0.1").ok()).isTrue();
    // and nothing answers where nothing was built
    assertThat(ping(a, "172.30.0.9").ok()).isFalse();
  }

  /**
   * Two "hosts" on one underlay; on each, a bridge with a VXLAN port and a container. Learning is
   * off, as in Docker's overlay: each side is told where the other's container is with a permanent
   * FDB entry (MAC to remote tunnel endpoint) and a permanent neighbour entry (IP to MAC).
   */
  @Test
  void containersOnTwoHostsReachEachOtherOverVxlan() {
    NetNs host1 = namespaces.create("host1");
    NetNs host2 = namespaces.create("host2");
    NetNs c1 = namespaces.create("c1");
    NetNs c2 = namespaces.create("c2");
    NetStack h1 = kernel.stack(host1);
    NetStack h2 = kernel.stack(host2);
    // The underlay: one veth pair between the hosts.
    h1.addLink(
        new LinkSpec.Veth(
            "under0",
            LinkSettings.DEFAULT.withUp(true),
            "under0",
            Optional.of(host2),
            LinkSettings.DEFAULT.withUp(true)));
    h1.addAddress("under0", InterfaceAddress.parse("192.168.250.1/24"));
    h2.addAddress("under0", InterfaceAddress.parse("192.168.250.2/24"));

    MacAddress mac1 = MacAddress.parse("02:42:0a:0a:00:02");
    MacAddress mac2 = MacAddress.parse("02:42:0a:0a:00:03");
    overlayHost(h1, "192.168.250.1", c1, mac1, "10.10.0.2/24");
    overlayHost(h2, "192.168.250.2", c2, mac2, "10.10.0.3/24");

    h1.appendFdb(FdbEntry.permanent("vxlan0", mac2, IpAddress.parse("192.168.250.2")));
    h2.appendFdb(FdbEntry.permanent("vxlan0", mac1, IpAddress.parse("192.168.250.1")));
    kernel.stack(c1).addNeighbor(Neighbor.permanent("eth0", IpAddress.parse("10.10.0.3"), mac2));
    kernel.stack(c2).addNeighbor(Neighbor.permanent("eth0", IpAddress.parse("10.10.0.2"), mac1));

    Command.Result across = ping(c1, "10.10.0.3");
    assertThat(across.ok()).as(across.output() + across.error()).isTrue();
    assertThat(ping(c2, "10.10.0.2").ok()).isTrue();

    // Without the FDB entry the frames have nowhere to go: the overlay is what carried them.
    h1.deleteFdb(FdbEntry.permanent("vxlan0", mac2, IpAddress.parse("192.168.250.2")));
    assertThat(ping(c1, "10.10.0.3").ok()).isFalse();
  }

  private void overlayHost(
      NetStack host,
      String underlayAddress,
      NetNs container,
      MacAddress mac,
      String containerAddress) {
    host.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withUp(true)));
    host.addLink(
        new LinkSpec.Vxlan(
            "vxlan0",
            LinkSettings.DEFAULT.withMaster("br0").withUp(true),
            4097,
            Optional.of(IpAddress.parse(underlayAddress)),
            LinkSpec.Vxlan.IANA_PORT,
            false,
            Optional.of("under0")));
    host.addLink(
        new LinkSpec.Veth(
            "veth0",
            LinkSettings.DEFAULT.withMaster("br0").withUp(true),
            "eth0",
            Optional.of(container),
            LinkSettings.DEFAULT.withMac(mac).withMtu(1450).withUp(true)));
    NetStack inside = kernel.stack(container);
    inside.setUp("lo", true);
    inside.addAddress("eth0", InterfaceAddress.parse(containerAddress));
  }
}
