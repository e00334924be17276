package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NeighborState;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.LinkSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NeighborsAndFdbTest {

  private static final MacAddress FLOOD = new MacAddress(0);
  private static final MacAddress REMOTE = MacAddress.parse("02:00:00:00:00:07");

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetStack stack = kernel.stack(kernel.createNetNs("sb1"));

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  @BeforeEach
  void links() {
    stack.addLink(new LinkSpec.Vxlan("vx0", 42));
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
  }

  // ---- neighbours

  @Test
  void neighboursArePermanentReplacedByAddressAndAllowedOnADownLink() {
    stack.addNeighbor(Neighbor.permanent("vx0", ip("fd00::5"), REMOTE));
    stack.addNeighbor(Neighbor.permanent("vx0", ip("10.0.0.5"), REMOTE));
    stack.addNeighbor(
        Neighbor.permanent("vx0", ip("10.0.0.5"), MacAddress.parse("02:00:00:00:00:08")));

    assertThat(stack.listNeighbors("vx0"))
        .containsExactly(
            Neighbor.permanent("vx0", ip("10.0.0.5"), MacAddress.parse("02:00:00:00:00:08")),
            Neighbor.permanent("vx0", ip("fd00::5"), REMOTE));
    assertThat(stack.listNeighbors("v0")).isEmpty();
  }

  @Test
  void aNeighbourNeedsALinkAndAMac() {
    assertFails(
        Errno.ENODEV, () -> stack.addNeighbor(Neighbor.permanent("none", ip("10.0.0.5"), REMOTE)));
    assertFails(Errno.ENODEV, () -> stack.listNeighbors("none"));
    assertThatThrownBy(
            () ->
                stack.addNeighbor(
                    new Neighbor("vx0", ip("10.0.0.5"), Optional.empty(), NeighborState.PERMANENT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIpv6NeighbourNeedsIpv6OnTheLink() {
    stack.writeSysctl("net.ipv6.conf.vx0.disable_ipv6", "1");

    assertFails(
        Errno.EINVAL, () -> stack.addNeighbor(Neighbor.permanent("vx0", ip("fd00::5"), REMOTE)));
    stack.addNeighbor(Neighbor.permanent("vx0", ip("10.0.0.5"), REMOTE));
  }

  @Test
  void deletingANeighbourNeedsIt() {
    stack.addNeighbor(Neighbor.permanent("vx0", ip("10.0.0.5"), REMOTE));

    assertFails(Errno.ENOENT, () -> stack.deleteNeighbor("vx0", ip("10.0.0.6")));
    assertFails(Errno.ENOENT, () -> stack.deleteNeighbor("v0", ip("10.0.0.5")));
    stack.deleteNeighbor("vx0", ip("10.0.0.5"));

    assertThat(stack.listNeighbors("vx0")).isEmpty();
  }

  @Test
  void neighboursGoWhenTheirLinkGoesDown() {
    stack.setUp("vx0", true);
    stack.addNeighbor(Neighbor.permanent("vx0", ip("10.0.0.5"), REMOTE));

    stack.setUp("vx0", false);

    assertThat(stack.listNeighbors("vx0")).isEmpty();
  }

  @Test
  void neighboursAreListedUnderTheNameAsked() {
    stack.addAltName("vx0", "overlay");
    stack.addNeighbor(Neighbor.permanent("overlay", ip("10.0.0.5"), REMOTE));

    assertThat(stack.listNeighbors("overlay"))
        .containsExactly(Neighbor.permanent("overlay", ip("10.0.0.5"), REMOTE));
    assertThat(stack.listNeighbors("vx0"))
        .containsExactly(Neighbor.permanent("vx0", ip("10.0.0.5"), REMOTE));
  }

  // ---- forwarding entries

  @Test
  void theFloodMacCollectsDestinationsAndAnIdenticalAppendIsANoOp() {
    stack.appendFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.1")));
    stack.appendFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.1")));
    stack.appendFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.2")));

    assertThat(stack.listFdb("vx0"))
        .containsExactly(
            FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.1")),
            FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.2")));
  }

  @Test
  void aUnicastMacKeepsTheDestinationItHas() {
    stack.appendFdb(FdbEntry.permanent("vx0", REMOTE, ip("192.168.1.1")));
    stack.appendFdb(FdbEntry.permanent("vx0", REMOTE, ip("192.168.1.2")));

    assertThat(stack.listFdb("vx0"))
        .containsExactly(FdbEntry.permanent("vx0", REMOTE, ip("192.168.1.1")));
  }

  @Test
  void aVxlanEntryNeedsADestinationOfItsFamily() {
    assertFails(
        Errno.EINVAL, () -> stack.appendFdb(new FdbEntry("vx0", REMOTE, Optional.empty(), true)));
    assertFails(
        Errno.EAFNOSUPPORT,
        () -> stack.appendFdb(FdbEntry.permanent("vx0", REMOTE, ip("fd00::1"))));
    assertThat(stack.listFdb("vx0")).isEmpty();
  }

  @Test
  void aDynamicVxlanEntryIsForgottenWhenTheDeviceGoesDown() {
    FdbEntry dynamic = new FdbEntry("vx0", REMOTE, Optional.of(ip("192.168.1.1")), false);
    stack.setUp("vx0", true);
    stack.appendFdb(dynamic);
    assertThat(stack.listFdb("vx0")).containsExactly(dynamic);
    stack.setUp("vx0", false);
    assertThat(stack.listFdb("vx0")).isEmpty();
  }

  @Test
  void onlyEthernetDevicesTakeEntriesAndOnlyVxlansListThem() {
    stack.addLink(new LinkSpec.Bridge("br0"));

    assertFails(
        Errno.ENODEV, () -> stack.appendFdb(FdbEntry.permanent("none", REMOTE, ip("192.168.1.1"))));
    assertFails(
        Errno.EINVAL, () -> stack.appendFdb(FdbEntry.permanent("lo", REMOTE, ip("192.168.1.1"))));
    stack.appendFdb(FdbEntry.permanent("br0", REMOTE, ip("192.168.1.1")));
    stack.appendFdb(FdbEntry.permanent("v0", REMOTE, ip("192.168.1.1")));

    assertThat(stack.listFdb("br0")).isEmpty();
    assertThat(stack.listFdb("v0")).isEmpty();
    assertFails(Errno.ENODEV, () -> stack.listFdb("none"));
  }

  @Test
  void deletingAnEntryNeedsTheMacButToleratesAnUnknownDestination() {
    stack.appendFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.1")));
    stack.appendFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.2")));

    assertFails(
        Errno.ENOENT, () -> stack.deleteFdb(FdbEntry.permanent("vx0", REMOTE, ip("192.168.1.1"))));
    stack.deleteFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.9")));
    stack.deleteFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.1")));

    assertThat(stack.listFdb("vx0"))
        .containsExactly(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.2")));
    stack.deleteFdb(new FdbEntry("vx0", FLOOD, Optional.empty(), true));
    assertThat(stack.listFdb("vx0")).isEmpty();
  }

  @Test
  void permanentEntriesSurviveTheLinkGoingDownButNotItsDeletion() {
    stack.setUp("vx0", true);
    stack.appendFdb(FdbEntry.permanent("vx0", FLOOD, ip("192.168.1.1")));

    stack.setUp("vx0", false);
    assertThat(stack.listFdb("vx0")).hasSize(1);

    stack.deleteLink("vx0");
    stack.addLink(new LinkSpec.Vxlan("vx0", 42));
    assertThat(stack.listFdb("vx0")).isEmpty();
  }
}
