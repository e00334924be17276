package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.link.MacvlanMode;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetNs sandbox = kernel.createNetNs("sb1");
  private final NetStack stack = kernel.stack(sandbox);

  private static MacAddress mac(String text) {
    return MacAddress.parse(text);
  }

  /** A veth pair in the same namespace whose first end has {@code settings}. */
  private static LinkSpec.Veth veth(String name, String peer, LinkSettings settings) {
    return new LinkSpec.Veth(name, settings, peer, Optional.empty(), LinkSettings.DEFAULT);
  }

  private Link link(String name) {
    return stack.requireLink(name);
  }

  // ---- names and indexes

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "a/b", "a:b", "a b", "a\tb"})
  void malformedNamesAreInvalid(String name) {
    assertFails(Errno.EINVAL, () -> stack.addLink(new LinkSpec.Bridge(name)));
    assertFails(Errno.EINVAL, () -> stack.addLink(new LinkSpec.Veth("v0", name)));
  }

  @Test
  void namesOfSixteenBytesAreOutOfRange() {
    stack.addLink(new LinkSpec.Bridge("abcdefghijklmno"));

    assertFails(Errno.ERANGE, () -> stack.addLink(new LinkSpec.Bridge("abcdefghijklmnop")));
    assertFails(Errno.ERANGE, () -> stack.addLink(new LinkSpec.Bridge("ééééééééx")));
  }

  @Test
  void aNameInUseAsNameOrAltNameCannotBeTakenAndNothingIsCreated() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addAltName("br0", "front");

    assertFails(Errno.EEXIST, () -> stack.addLink(new LinkSpec.Bridge("br0")));
    assertFails(Errno.EEXIST, () -> stack.addLink(new LinkSpec.Veth("v0", "front")));

    assertThat(stack.findLink("v0")).isEmpty();
  }

  @Test
  void indexesIncreaseAndAreNeverReused() {
    Link first = stack.addLink(new LinkSpec.Bridge("br0"));
    stack.deleteLink("br0");
    Link second = stack.addLink(new LinkSpec.Bridge("br0"));

    assertThat(first.index()).isEqualTo(2);
    assertThat(second.index()).isEqualTo(3);
  }

  @Test
  void aVethPeerIsRegisteredFirstAndEachEndKnowsTheOther() {
    Link veth = stack.addLink(new LinkSpec.Veth("v0", "v1"));

    Link peer = link("v1");
    assertThat(peer.index()).isEqualTo(2);
    assertThat(veth.index()).isEqualTo(3);
    assertThat(((Link.Veth) veth).peerIndex()).hasValue(2);
    assertThat(((Link.Veth) peer).peerIndex()).hasValue(3);
  }

  @Test
  void aVethPeerInAnotherNamespaceGetsThatNamespacesNextIndex() {
    NetStack other = kernel.stack(kernel.createNetNs("sb2"));
    other.addLink(new LinkSpec.Bridge("br0"));

    Link veth =
        stack.addLink(
            new LinkSpec.Veth(
                "v0",
                LinkSettings.DEFAULT,
                "eth0",
                Optional.of(kernel.openNetNs(Path.of("/run/netns/sb2"))),
                LinkSettings.DEFAULT));

    assertThat(veth.index()).isEqualTo(2);
    assertThat(other.requireLink("eth0").index()).isEqualTo(3);
    assertThat(((Link.Veth) veth).peerIndex()).hasValue(3);
    assertThat(stack.findLink("eth0")).isEmpty();
  }

  @Test
  void aVethWhosePeerNamespaceIsMissingIsNotCreated() {
    NetNs missing = new NetNs(Path.of("/run/netns/missing"));

    assertFails(
        Errno.ENOENT,
        () ->
            stack.addLink(
                new LinkSpec.Veth(
                    "v0",
                    LinkSettings.DEFAULT,
                    "eth0",
                    Optional.of(missing),
                    LinkSettings.DEFAULT)));
    assertThat(stack.findLink("v0")).isEmpty();
  }

  @Test
  void aVethPeerCannotBeGivenAMaster() {
    assertThatThrownBy(
            () ->
                stack.addLink(
                    new LinkSpec.Veth(
                        "v0",
                        LinkSettings.DEFAULT,
                        "v1",
                        Optional.empty(),
                        LinkSettings.DEFAULT.withMaster("br0"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- kinds and defaults

  @Test
  void eachKindHasItsDefaults() {
    Link bridge = stack.addLink(new LinkSpec.Bridge("br0"));
    Link veth = stack.addLink(new LinkSpec.Veth("v0", "v1"));
    Link vxlan = stack.addLink(new LinkSpec.Vxlan("vx0", 42));
    Link dummy = stack.addLink(new LinkSpec.Dummy("d0"));
    Link macvlan =
        stack.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "v1", MacvlanMode.BRIDGE));

    assertThat(bridge).isInstanceOf(Link.Bridge.class);
    assertThat(bridge.mtu()).isEqualTo(1500);
    assertThat(bridge.attributes().flags())
        .containsExactlyInAnyOrder(LinkFlag.BROADCAST, LinkFlag.MULTICAST);
    assertThat(veth.attributes().flags())
        .containsExactlyInAnyOrder(LinkFlag.BROADCAST, LinkFlag.MULTICAST);
    assertThat(dummy.attributes().flags())
        .containsExactlyInAnyOrder(LinkFlag.BROADCAST, LinkFlag.NOARP);
    assertThat(vxlan.mtu()).isEqualTo(1500);
    assertThat(vxlan).isEqualTo(link("vx0"));
    assertThat((Link.Vxlan) vxlan)
        .satisfies(
            v -> {
              assertThat(v.vni()).isEqualTo(42);
              assertThat(v.port()).isEqualTo(LinkSpec.Vxlan.IANA_PORT);
              assertThat(v.underlayIndex()).isEmpty();
            });
    assertThat((Link.Macvlan) macvlan)
        .satisfies(
            m -> {
              assertThat(m.mode()).isEqualTo(MacvlanMode.BRIDGE);
              assertThat(m.parentIndex()).hasValue(link("v1").index());
            });
    for (Link link : stack.listLinks()) {
      if (!link.name().equals("lo")) {
        MacAddress address = link.mac().orElseThrow();
        assertThat(address.isMulticast()).as(link.name()).isFalse();
        assertThat(address.isLocallyAdministered()).as(link.name()).isTrue();
      }
    }
  }

  @Test
  void settingsApplyAtCreation() {
    stack.addLink(new LinkSpec.Bridge("br0"));

    Link veth =
        stack.addLink(
            new LinkSpec.Veth(
                "v0",
                LinkSettings.DEFAULT
                    .withMtu(9000)
                    .withMac(mac("02:00:00:00:00:01"))
                    .withGroup(7)
                    .withMaster("br0")
                    .withUp(true),
                "v1",
                Optional.empty(),
                LinkSettings.DEFAULT.withMtu(1400).withGroup(8)));

    assertThat(veth.mtu()).isEqualTo(9000);
    assertThat(veth.mac()).contains(mac("02:00:00:00:00:01"));
    assertThat(veth.group()).isEqualTo(7);
    assertThat(veth.masterIndex()).hasValue(link("br0").index());
    assertThat(veth.isUp()).isTrue();
    assertThat(link("v1").mtu()).isEqualTo(1400);
    assertThat(link("v1").group()).isEqualTo(8);
    assertThat(link("v1").isUp()).isFalse();
  }

  @Test
  void aVxlanOnAnUnderlayLeavesRoomForTheTunnelHeaders() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.setMtu("v0", 9000);

    Link overIpv4 =
        stack.addLink(
            new LinkSpec.Vxlan(
                "vx0",
                LinkSettings.DEFAULT,
                42,
                Optional.of(IpAddress.parse("10.0.0.1")),
                4789,
                false,
                Optional.of("v0")));
    Link overIpv6 =
        stack.addLink(
            new LinkSpec.Vxlan(
                "vx1",
                LinkSettings.DEFAULT,
                43,
                Optional.of(IpAddress.parse("fd00::1")),
                4789,
                false,
                Optional.of("v0")));

    assertThat(overIpv4.mtu()).isEqualTo(8950);
    assertThat(overIpv6.mtu()).isEqualTo(8930);
    assertThat(((Link.Vxlan) overIpv4).underlayIndex()).hasValue(link("v0").index());
    assertFails(Errno.EINVAL, () -> stack.setMtu("vx0", 8951));
  }

  @Test
  void aVxlanNeedsItsUnderlayAndAFreeVniAndPort() {
    stack.addLink(new LinkSpec.Vxlan("vx0", 42));

    assertFails(
        Errno.ENODEV,
        () ->
            stack.addLink(
                new LinkSpec.Vxlan(
                    "vx1",
                    LinkSettings.DEFAULT,
                    43,
                    Optional.empty(),
                    4789,
                    false,
                    Optional.of("no"))));
    KernelException taken =
        assertFails(Errno.EEXIST, () -> stack.addLink(new LinkSpec.Vxlan("vx1", 42)));
    assertThat(taken.kernelMessage())
        .isEqualTo("A VXLAN device with the specified VNI already exists");
    stack.addLink(
        new LinkSpec.Vxlan(
            "vx1", LinkSettings.DEFAULT, 42, Optional.empty(), 4790, false, Optional.empty()));
    kernel.stack(kernel.currentNetNs()).addLink(new LinkSpec.Vxlan("vx0", 42));
  }

  @Test
  void aMacvlanNeedsAParentThatNoBridgeHolds() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(veth("v0", "v1", LinkSettings.DEFAULT.withMaster("br0")));

    assertFails(
        Errno.ENODEV,
        () ->
            stack.addLink(
                new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "none", MacvlanMode.BRIDGE)));
    assertFails(
        Errno.EBUSY,
        () ->
            stack.addLink(
                new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "v0", MacvlanMode.BRIDGE)));
    assertFails(
        Errno.EINVAL,
        () ->
            stack.addLink(
                new LinkSpec.Macvlan(
                    "mv0", LinkSettings.DEFAULT.withMtu(1501), "v1", MacvlanMode.BRIDGE)));
    Link macvlan =
        stack.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "v1", MacvlanMode.VEPA));
    assertThat(macvlan.mtu()).isEqualTo(1500);
  }

  @Test
  void aMasterMustExistAndBeABridgeAndNothingIsCreatedOtherwise() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));

    assertFails(
        Errno.ENODEV,
        () -> stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withMaster("none"))));
    assertFails(
        Errno.EOPNOTSUPP,
        () -> stack.addLink(veth("v2", "v3", LinkSettings.DEFAULT.withMaster("v0"))));

    assertThat(stack.listLinks()).extracting(Link::name).containsExactly("lo", "v1", "v0");
  }

  @Test
  void badMacsAndMtusAreRefusedAtCreation() {
    assertFails(
        Errno.EADDRNOTAVAIL,
        () ->
            stack.addLink(
                new LinkSpec.Bridge(
                    "br0", LinkSettings.DEFAULT.withMac(mac("01:00:5e:00:00:01")))));
    assertFails(
        Errno.EINVAL,
        () -> stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withMtu(67))));
    assertFails(
        Errno.EINVAL,
        () -> stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withMtu(65536))));
  }

  @Test
  void aMissingKindIsUnknown() {
    kernel.withoutLinkKind("dummy");

    KernelException failure =
        assertFails(Errno.EOPNOTSUPP, () -> stack.addLink(new LinkSpec.Dummy("d0")));

    assertThat(failure.kernelMessage()).isEqualTo("Unknown device type");
    assertThat(stack.findLink("d0")).isEmpty();
    stack.addLink(new LinkSpec.Bridge("br0"));
  }

  // ---- carrier

  @Test
  void aVethEndHasCarrierOnlyWhileBothEndsAreUp() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));

    stack.setUp("v0", true);
    assertThat(link("v0").attributes().flags())
        .contains(LinkFlag.UP)
        .doesNotContain(LinkFlag.LOWER_UP);

    stack.setUp("v1", true);
    assertThat(link("v0").attributes().flags()).contains(LinkFlag.RUNNING, LinkFlag.LOWER_UP);
    assertThat(link("v1").attributes().flags()).contains(LinkFlag.RUNNING, LinkFlag.LOWER_UP);

    stack.setUp("v1", false);
    assertThat(link("v0").attributes().flags()).doesNotContain(LinkFlag.RUNNING, LinkFlag.LOWER_UP);
  }

  @Test
  void aBridgeHasCarrierWhileAPortCanForward() {
    stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withUp(true)));
    stack.addLink(veth("v0", "v1", LinkSettings.DEFAULT.withMaster("br0")));
    assertThat(link("br0").attributes().flags()).doesNotContain(LinkFlag.LOWER_UP);

    stack.setUp("v0", true);
    stack.setUp("v1", true);
    assertThat(link("br0").attributes().flags()).contains(LinkFlag.RUNNING, LinkFlag.LOWER_UP);

    stack.setNoMaster("v0");
    assertThat(link("br0").attributes().flags()).doesNotContain(LinkFlag.LOWER_UP);
  }

  @Test
  void aPortThatIsDownGivesABridgeNoCarrier() {
    stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withUp(true)));
    stack.addLink(new LinkSpec.Vxlan("vx0", 1));
    stack.setMaster("vx0", "br0");
    assertThat(link("br0").attributes().flags()).doesNotContain(LinkFlag.LOWER_UP);

    stack.setUp("vx0", true);

    assertThat(link("br0").attributes().flags()).contains(LinkFlag.LOWER_UP);
  }

  @Test
  void aMacvlanHasCarrierWhileItsParentHasIt() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.addLink(
        new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT.withUp(true), "v1", MacvlanMode.BRIDGE));
    stack.setUp("v1", true);
    assertThat(link("mv0").attributes().flags()).doesNotContain(LinkFlag.LOWER_UP);

    stack.setUp("v0", true);

    assertThat(link("mv0").attributes().flags()).contains(LinkFlag.RUNNING, LinkFlag.LOWER_UP);
  }

  @Test
  void vxlanAndDummyHaveCarrierWhenUp() {
    stack.addLink(new LinkSpec.Vxlan("vx0", 1));
    stack.addLink(new LinkSpec.Dummy("d0"));

    stack.setUp("vx0", true);
    stack.setUp("d0", true);

    assertThat(link("vx0").attributes().flags()).contains(LinkFlag.RUNNING, LinkFlag.LOWER_UP);
    assertThat(link("d0").attributes().flags()).contains(LinkFlag.RUNNING, LinkFlag.LOWER_UP);
  }

  // ---- bridges

  @Test
  void aBridgeFollowsItsPortsSmallestMtuAndLowestMacUnlessSet() {
    stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withMtu(9000)));
    stack.addLink(
        veth("v0", "v1", LinkSettings.DEFAULT.withMtu(1400).withMac(mac("02:00:00:00:00:0b"))));
    stack.addLink(veth("v2", "v3", LinkSettings.DEFAULT.withMac(mac("02:00:00:00:00:0a"))));

    stack.setMaster("v0", "br0");
    stack.setMaster("v2", "br0");
    assertThat(link("br0").mtu()).isEqualTo(1400);
    assertThat(link("br0").mac()).contains(mac("02:00:00:00:00:0a"));

    stack.setNoMaster("v0");
    stack.setNoMaster("v2");
    assertThat(link("br0").mtu()).isEqualTo(1500);
    assertThat(link("br0").mac()).contains(new MacAddress(0));

    stack.setMtu("br0", 9000);
    stack.setMac("br0", mac("02:00:00:00:00:99"));
    stack.setMaster("v0", "br0");
    assertThat(link("br0").mtu()).isEqualTo(9000);
    assertThat(link("br0").mac()).contains(mac("02:00:00:00:00:99"));
  }

  @Test
  void onlyBridgesAreMastersAndNotEveryLinkIsAPort() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(new LinkSpec.Bridge("br1"));
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "v1", MacvlanMode.BRIDGE));

    assertFails(Errno.ENODEV, () -> stack.setMaster("v0", "none"));
    assertFails(Errno.ENODEV, () -> stack.setMaster("none", "br0"));
    assertFails(Errno.EOPNOTSUPP, () -> stack.setMaster("v0", "v1"));
    assertFails(Errno.EINVAL, () -> stack.setMaster("lo", "br0"));
    assertFails(Errno.ELOOP, () -> stack.setMaster("br1", "br0"));
    assertFails(Errno.EBUSY, () -> stack.setMaster("v1", "br0"));
  }

  @Test
  void aPortMovesBetweenBridgesAndARefusedMoveLeavesItWithoutMaster() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(new LinkSpec.Bridge("br1"));
    stack.addLink(veth("v0", "v1", LinkSettings.DEFAULT.withMaster("br0")));

    stack.setMaster("v0", "br1");
    assertThat(link("v0").masterIndex()).hasValue(link("br1").index());

    assertFails(Errno.EOPNOTSUPP, () -> stack.setMaster("v0", "v1"));
    assertThat(link("v0").masterIndex()).isEmpty();
  }

  @Test
  void aBridgeTakesAtMost1023Ports() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    for (int i = 0; i < 1023; i++) {
      stack.addLink(veth("p" + i, "q" + i, LinkSettings.DEFAULT.withMaster("br0")));
    }
    stack.addLink(new LinkSpec.Veth("p1023", "q1023"));

    assertFails(Errno.EXFULL, () -> stack.setMaster("p1023", "br0"));
    assertThat(link("p1023").masterIndex()).isEmpty();
  }

  // ---- deletion

  @Test
  void deletingEitherEndOfAVethDeletesBoth() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));

    stack.deleteLink("v1");

    assertThat(stack.findLink("v0")).isEmpty();
    assertFails(Errno.ENODEV, () -> stack.deleteLink("v0"));
  }

  @Test
  void loopbackCannotBeDeleted() {
    assertFails(Errno.EOPNOTSUPP, () -> stack.deleteLink("lo"));
  }

  @Test
  void deletingALinkTakesWhatIsBuiltOnIt() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(veth("v0", "v1", LinkSettings.DEFAULT.withMaster("br0")));
    stack.addLink(new LinkSpec.Veth("u0", "u1"));
    stack.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "u1", MacvlanMode.BRIDGE));
    stack.addLink(
        new LinkSpec.Vxlan(
            "vx0", LinkSettings.DEFAULT, 5, Optional.empty(), 4789, false, Optional.of("u1")));

    stack.deleteLink("br0");
    stack.deleteLink("u0");

    assertThat(link("v0").masterIndex()).isEmpty();
    assertThat(stack.listLinks()).extracting(Link::name).containsExactly("lo", "v1", "v0");
  }

  @Test
  void deletingAGroupDeletesItsLinksAndAnEmptyGroupIsNoError() {
    stack.addLink(veth("v0", "v1", LinkSettings.DEFAULT.withGroup(9)));
    stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withGroup(9)));
    stack.addLink(new LinkSpec.Bridge("br1"));

    stack.deleteLinkGroup(9);
    stack.deleteLinkGroup(10);

    assertThat(stack.listLinks()).extracting(Link::name).containsExactly("lo", "br1");
    assertThatThrownBy(() -> stack.deleteLinkGroup(0)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- settings

  @Test
  void linksAreFoundByNameOrAltNameAndListedByIndex() {
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.addAltName("v0", "port-for-endpoint-1234");

    assertThat(stack.findLink("nothing")).isEmpty();
    assertThat(stack.findLink("port-for-endpoint-1234")).map(Link::name).contains("v0");
    assertThat(link("v0").attributes().altNames()).containsExactly("port-for-endpoint-1234");
    assertThat(stack.listLinks()).extracting(Link::index).containsExactly(1, 2, 3, 4);
    assertFails(Errno.ENODEV, () -> stack.requireLink("nothing"));
  }

  @Test
  void altNamesAreUniqueAndBounded() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.addAltName("v0", "a".repeat(127));

    assertFails(Errno.EEXIST, () -> stack.addAltName("v1", "v0"));
    assertFails(Errno.EEXIST, () -> stack.addAltName("v1", "a".repeat(127)));
    assertFails(Errno.ERANGE, () -> stack.addAltName("v1", "b".repeat(128)));
    assertFails(Errno.ENODEV, () -> stack.addAltName("none", "x"));
  }

  @Test
  void mtusStayWithinTheDevicesRange() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "v1", MacvlanMode.BRIDGE));

    assertFails(Errno.EINVAL, () -> stack.setMtu("v0", 67));
    assertFails(Errno.EINVAL, () -> stack.setMtu("v0", 65536));
    assertFails(Errno.EINVAL, () -> stack.setMtu("mv0", 1501));
    assertFails(Errno.ENODEV, () -> stack.setMtu("none", 1500));
    stack.setMtu("lo", 65536);
    stack.setMtu("v0", 68);
    stack.setMtu("v1", 1400);

    assertThat(link("v0").mtu()).isEqualTo(68);
    assertThat(link("mv0").mtu()).as("a macvlan shrinks with its parent").isEqualTo(1400);
  }

  @Test
  void macsMustBeUnicastAndNotZero() {
    stack.addLink(new LinkSpec.Veth("v0", "v1"));

    assertFails(Errno.EADDRNOTAVAIL, () -> stack.setMac("v0", mac("01:00:00:00:00:01")));
    assertFails(Errno.EADDRNOTAVAIL, () -> stack.setMac("v0", new MacAddress(0)));
    stack.setMac("v0", mac("02:00:00:00:00:01"));

    assertThat(link("v0").mac()).contains(mac("02:00:00:00:00:01"));
  }

  @Test
  void renamingChecksTheNewNameAndWorksWhileUp() {
    stack.addLink(veth("v0", "v1", LinkSettings.DEFAULT.withUp(true)));
    stack.addAltName("v1", "alt");

    assertFails(Errno.EEXIST, () -> stack.rename("v0", "v1"));
    assertFails(Errno.EEXIST, () -> stack.rename("v0", "alt"));
    assertFails(Errno.EINVAL, () -> stack.rename("v0", "a b"));
    assertFails(Errno.ERANGE, () -> stack.rename("v0", "abcdefghijklmnop"));
    assertFails(Errno.ENODEV, () -> stack.rename("none", "x"));
    stack.rename("v0", "eth0");

    assertThat(stack.findLink("v0")).isEmpty();
    assertThat(link("eth0").isUp()).isTrue();
  }

  @Test
  void aMovedLinkArrivesDownWithoutMasterAndKeepsItsIndexWhenFree() {
    NetNs other = kernel.createNetNs("sb2");
    NetStack there = kernel.stack(other);
    stack.addLink(new LinkSpec.Bridge("br0"));
    Link veth =
        stack.addLink(
            veth("v0", "v1", LinkSettings.DEFAULT.withMaster("br0").withUp(true).withGroup(4)));

    stack.moveToNetNs("v0", other);

    Link moved = there.requireLink("v0");
    assertThat(moved.index()).isEqualTo(veth.index());
    assertThat(moved.isUp()).isFalse();
    assertThat(moved.masterIndex()).isEmpty();
    assertThat(moved.group()).isEqualTo(4);
    assertThat(stack.findLink("v0")).isEmpty();
    assertThat(((Link.Veth) link("v1")).peerIndex()).hasValue(veth.index());
  }

  @Test
  void aMovedLinkTakesTheTargetsNextIndexWhenItsOwnIsTaken() {
    NetNs other = kernel.createNetNs("sb2");
    NetStack there = kernel.stack(other);
    there.addLink(new LinkSpec.Bridge("b2"));
    there.addLink(new LinkSpec.Bridge("b3"));
    stack.addLink(new LinkSpec.Veth("v0", "v1"));

    stack.moveToNetNs("v0", other);

    assertThat(there.requireLink("v0").index()).isEqualTo(4);
  }

  @Test
  void aMoveNeedsAKnownTargetAFreeNameAndAMovableLink() {
    NetNs other = kernel.createNetNs("sb2");
    kernel.stack(other).addLink(new LinkSpec.Bridge("v0"));
    stack.addLink(new LinkSpec.Veth("v0", "v1"));
    stack.addLink(new LinkSpec.Bridge("br0"));

    assertFails(Errno.ENOENT, () -> stack.moveToNetNs("v0", new NetNs(Path.of("/run/netns/x"))));
    assertFails(Errno.EEXIST, () -> stack.moveToNetNs("v0", other));
    assertFails(Errno.EINVAL, () -> stack.moveToNetNs("br0", other));
    assertFails(Errno.EINVAL, () -> stack.moveToNetNs("lo", other));
    assertFails(Errno.ENODEV, () -> stack.moveToNetNs("none", other));
  }

  @Test
  void setOperationsOnAMissingLinkFailWithEnodev() {
    assertFails(Errno.ENODEV, () -> stack.setUp("none", true));
    assertFails(Errno.ENODEV, () -> stack.setGroup("none", 1));
    assertFails(Errno.ENODEV, () -> stack.setNoMaster("none"));
    assertFails(Errno.ENODEV, () -> stack.setMac("none", mac("02:00:00:00:00:01")));
    assertFails(Errno.ENODEV, () -> stack.deleteLink("none"));
  }

  @Test
  void findingAMissingLinkIsEmpty() {
    assertThat(stack.findLink("none")).isEmpty();
    assertThat(link("lo").masterIndex()).isEqualTo(OptionalInt.empty());
  }
}
