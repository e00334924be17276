package dev.junction.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NeighborState;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkAttributes;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.link.MacvlanMode;
import dev.junction.kernel.nft.NftBaseChain;
import dev.junction.kernel.nft.NftChain;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRule;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTable;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.observe.KernelObserver;
import dev.junction.testkit.observe.ObservedLink;
import dev.junction.testkit.observe.ObservedRoute;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of {@link Kernel} and {@link NetStack}, its effect and its errors, checked
 * through the kernel itself and through an independent {@link KernelObserver}. Subclasses say which
 * kernel. Each test works in namespaces of its own.
 */
public abstract class KernelContract {

  /** Opens the kernel under test, with its observer, for one test. */
  protected abstract KernelFixture openFixture();

  private KernelFixture fixture;
  protected Kernel kernel;
  protected KernelObserver observer;

  @BeforeEach
  void openKernel() {
    fixture = openFixture();
    kernel = fixture.kernel();
    observer = fixture.observer();
  }

  @AfterEach
  void closeKernel() {
    fixture.close();
  }

  private NetNs ns(String label) {
    return fixture.newNetNs(label);
  }

  private static void assertErrno(Errno errno, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(KernelException.class)
        .satisfies(
            e ->
                assertThat(((KernelException) e).errno())
                    .as("errno of: " + e.getMessage())
                    .isEqualTo(errno.number()));
  }

  private static LinkSpec.Veth veth(String name, String peer, NetNs peerNs) {
    return new LinkSpec.Veth(
        name, LinkSettings.DEFAULT, peer, Optional.ofNullable(peerNs), LinkSettings.DEFAULT);
  }

  private static LinkSpec.Veth upVeth(String name, String peer, NetNs peerNs) {
    LinkSettings up = LinkSettings.DEFAULT.withUp(true);
    return new LinkSpec.Veth(name, up, peer, Optional.ofNullable(peerNs), up);
  }

  private ObservedLink observed(NetNs ns, String name) {
    return observer
        .link(ns, name)
        .orElseThrow(() -> new AssertionError("observer does not see link " + name + " in " + ns));
  }

  private List<String> observedNames(NetNs ns) {
    return observer.links(ns).stream().map(ObservedLink::name).toList();
  }

  // ---- namespaces

  @Test
  void createdNamespaceHasOnlyLoopbackDown() {
    NetNs ns = ns("new");
    assertThat(kernel.listNetNs()).contains(ns);
    assertThat(observer.netNsExists(ns.path())).isTrue();
    List<Link> links = kernel.stack(ns).listLinks();
    assertThat(links).extracting(Link::name).containsExactly("lo");
    assertThat(links.getFirst().index()).isEqualTo(1);
    assertThat(links.getFirst().isUp()).isFalse();
    assertThat(observedNames(ns)).containsExactly("lo");
    assertThat(observed(ns, "lo").isUp()).isFalse();
  }

  @Test
  void creatingAnExistingNamespaceFailsWithEexist() {
    NetNs ns = ns("dup");
    assertErrno(Errno.EEXIST, () -> kernel.createNetNs(ns.name()));
    assertThat(kernel.listNetNs()).containsOnlyOnce(ns);
  }

  @Test
  void namespaceNamesThatCouldLeaveTheDirectoryAreRefused() {
    for (String bad : List.of("", ".", "..", "../x", "a/b", "-x", "a b", "x".repeat(256))) {
      assertThatThrownBy(() -> kernel.createNetNs(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void openingANamespaceByPathGivesItsStack() {
    NetNs ns = ns("open");
    kernel.stack(ns).addLink(new LinkSpec.Bridge("br0"));
    NetNs opened = kernel.openNetNs(ns.path());
    assertThat(opened).isEqualTo(ns);
    assertThat(kernel.stack(opened).findLink("br0")).isPresent();
  }

  @Test
  void openingAMissingPathFailsWithEnoent() {
    assertErrno(
        Errno.ENOENT, () -> kernel.openNetNs(kernel.netNsDirectory().resolve("no-such-namespace")));
  }

  @Test
  void deletedNamespaceIsGone() {
    NetNs ns = ns("gone");
    kernel.stack(ns).addLink(new LinkSpec.Bridge("br0"));
    kernel.deleteNetNs(ns);
    assertThat(kernel.listNetNs()).doesNotContain(ns);
    assertThat(observer.netNsExists(ns.path())).isFalse();
    assertErrno(Errno.ENOENT, () -> kernel.deleteNetNs(ns));
    assertErrno(Errno.ENOENT, () -> kernel.stack(ns).listLinks());
  }

  @Test
  void lookingIntoANamespaceReadsWhatItsStackReads() {
    NetNs ns = ns("look");
    NetStack inside = kernel.stack(ns);
    inside.addLink(new LinkSpec.Bridge("br0"));
    inside.setUp("br0", true);
    inside.addAddress("br0", InterfaceAddress.parse("10.9.0.1/24"));
    inside.addAddress("br0", InterfaceAddress.parse("fd00:9::1/64"));
    NetStack outside = kernel.lookInto(ns);

    assertThat(outside.netNs()).isEqualTo(ns);
    assertThat(outside.listLinks()).isEqualTo(inside.listLinks());
    assertThat(outside.findLink("br0")).isEqualTo(inside.findLink("br0")).isPresent();
    assertThat(outside.findLink("nope")).isEmpty();
    assertThat(outside.listAddresses("br0", null))
        .isEqualTo(inside.listAddresses("br0", null))
        .extracting(LinkAddress::address)
        .contains(InterfaceAddress.parse("10.9.0.1/24"), InterfaceAddress.parse("fd00:9::1/64"));
    assertThat(outside.listAddresses("br0", IpFamily.V4))
        .extracting(LinkAddress::address)
        .containsExactly(InterfaceAddress.parse("10.9.0.1/24"));
    assertThat(outside.listAddresses(IpFamily.V6)).isEqualTo(inside.listAddresses(IpFamily.V6));
    assertErrno(Errno.ENODEV, () -> outside.listAddresses("nope", null));
    // its changes are the namespace's own
    outside.setUp("br0", false);
    assertThat(observed(ns, "br0").isUp()).isFalse();

    kernel.deleteNetNs(ns);
    assertErrno(Errno.ENOENT, () -> kernel.lookInto(ns).findLink("br0"));
  }

  @Test
  void deletingANamespaceOutsideTheDirectoryIsRefused() {
    assertThatThrownBy(() -> kernel.deleteNetNs(NetNs.current()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listedNamespacesAreSortedByName() {
    NetNs b = ns("b");
    NetNs a = ns("a");
    List<NetNs> listed = kernel.listNetNs();
    assertThat(listed).containsSubsequence(a, b);
  }

  @Test
  void currentNamespaceHasLoopbackUp() {
    Link lo = kernel.stack(kernel.currentNetNs()).requireLink("lo");
    assertThat(lo.isUp()).isTrue();
    assertThat(lo.index()).isEqualTo(1);
  }

  // ---- links: adding

  @Test
  void aBridgeSnoopsMulticastUnlessMadeNotTo() {
    NetNs ns = ns("snooping");
    NetStack stack = kernel.stack(ns);
    Link usual = stack.addLink(new LinkSpec.Bridge("br0"));
    Link quiet = stack.addLink(new LinkSpec.Bridge("br1", LinkSettings.DEFAULT, false));
    assertThat(((Link.Bridge) usual).multicastSnooping()).isTrue();
    assertThat(((Link.Bridge) quiet).multicastSnooping()).isFalse();
    assertThat(((Link.Bridge) stack.requireLink("br1")).multicastSnooping()).isFalse();
    assertThat(observed(ns, "br0").bridgeMulticastSnooping()).isTrue();
    assertThat(observed(ns, "br1").bridgeMulticastSnooping()).isFalse();
  }

  @Test
  void bridgeIsCreatedWithItsSettings() {
    NetNs ns = ns("bridge");
    MacAddress mac = MacAddress.parse("02:11:22:33:44:55");
    Link link =
        kernel
            .stack(ns)
            .addLink(
                new LinkSpec.Bridge(
                    "br0",
                    LinkSettings.DEFAULT.withMtu(1400).withMac(mac).withGroup(5).withUp(true)));
    assertThat(link).isInstanceOf(Link.Bridge.class);
    assertThat(link.name()).isEqualTo("br0");
    assertThat(link.index()).isGreaterThan(1);
    assertThat(link.mtu()).isEqualTo(1400);
    assertThat(link.mac()).contains(mac);
    assertThat(link.group()).isEqualTo(5);
    assertThat(link.isUp()).isTrue();
    ObservedLink seen = observed(ns, "br0");
    assertThat(seen.kind()).isEqualTo("bridge");
    assertThat(seen.index()).isEqualTo(link.index());
    assertThat(seen.mtu()).isEqualTo(1400);
    assertThat(seen.mac()).isEqualTo(mac.toString());
    assertThat(seen.group()).isEqualTo(5);
    assertThat(seen.isUp()).isTrue();
  }

  @Test
  void vethPeerIsCreatedDirectlyInTheOtherNamespace() {
    NetNs host = ns("vhost");
    NetNs sandbox = ns("vsandbox");
    MacAddress peerMac = MacAddress.parse("02:00:00:00:aa:01");
    LinkSpec.Veth spec =
        new LinkSpec.Veth(
            "veth0",
            LinkSettings.DEFAULT.withMtu(1450).withUp(true),
            "eth0",
            Optional.of(sandbox),
            LinkSettings.DEFAULT.withMtu(1450).withMac(peerMac).withUp(true));
    Link link = kernel.stack(host).addLink(spec);
    assertThat(link).isInstanceOf(Link.Veth.class);
    Link peer = kernel.stack(sandbox).requireLink("eth0");
    assertThat(peer).isInstanceOf(Link.Veth.class);
    assertThat(((Link.Veth) link).peerIndex()).hasValue(peer.index());
    assertThat(((Link.Veth) peer).peerIndex()).hasValue(link.index());
    assertThat(peer.mac()).contains(peerMac);
    assertThat(kernel.stack(host).findLink("eth0")).isEmpty();
    assertThat(observedNames(host)).contains("veth0").doesNotContain("eth0");
    ObservedLink seenPeer = observed(sandbox, "eth0");
    assertThat(seenPeer.kind()).isEqualTo("veth");
    assertThat(seenPeer.mtu()).isEqualTo(1450);
    assertThat(seenPeer.mac()).isEqualTo(peerMac.toString());
    assertThat(seenPeer.flags()).contains("UP", "LOWER_UP");
    assertThat(observed(host, "veth0").flags()).contains("UP", "LOWER_UP");
    assertThat(kernel.stack(host).requireLink("veth0").attributes().flags())
        .contains(LinkFlag.LOWER_UP);
  }

  @Test
  void aVethOnABridgeIsReturnedAsReadingItBackShowsIt() {
    NetNs host = ns("vbhost");
    NetNs sandbox = ns("vbsandbox");
    NetStack stack = kernel.stack(host);
    stack.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withUp(true)));
    Link made =
        stack.addLink(
            new LinkSpec.Veth(
                "veth0",
                LinkSettings.DEFAULT.withMtu(1400).withGroup(7).withMaster("br0").withUp(true),
                "eth0",
                Optional.of(sandbox),
                LinkSettings.DEFAULT.withUp(true)));
    Link read = stack.requireLink("veth0");
    assertThat(made).isInstanceOf(Link.Veth.class);
    assertThat(((Link.Veth) made).peerIndex()).isEqualTo(((Link.Veth) read).peerIndex());
    LinkAttributes returned = made.attributes();
    LinkAttributes current = read.attributes();
    assertThat(returned.index()).isEqualTo(current.index());
    assertThat(returned.name()).isEqualTo("veth0");
    assertThat(returned.mtu()).isEqualTo(1400);
    assertThat(returned.mac()).isEqualTo(current.mac());
    assertThat(returned.group()).isEqualTo(7);
    assertThat(returned.masterIndex()).hasValue(stack.requireLink("br0").index());
    assertThat(returned.masterIndex()).isEqualTo(current.masterIndex());
    assertThat(returned.flags()).contains(LinkFlag.UP);
  }

  @Test
  void vethWithBothEndsInOneNamespace() {
    NetNs ns = ns("vsame");
    kernel.stack(ns).addLink(veth("a0", "a1", null));
    assertThat(kernel.stack(ns).listLinks()).extracting(Link::name).contains("a0", "a1");
    assertThat(observedNames(ns)).contains("a0", "a1");
    assertThat(kernel.stack(ns).requireLink("a0").attributes().flags())
        .doesNotContain(LinkFlag.LOWER_UP);
  }

  @Test
  void aLinkCreatedWithoutIpv6HasNone() {
    NetNs host = ns("noipv6");
    NetNs sandbox = ns("noipv6sb");
    LinkSettings noIpv6 = LinkSettings.DEFAULT.withUp(true).withIpv6(false);
    kernel
        .stack(host)
        .addLink(new LinkSpec.Veth("veth0", noIpv6, "eth0", Optional.of(sandbox), noIpv6));
    assertThat(observer.sysctl(host, "net/ipv6/conf/veth0/disable_ipv6")).isEqualTo("1");
    assertThat(observer.sysctl(sandbox, "net/ipv6/conf/eth0/disable_ipv6")).isEqualTo("1");
    assertThat(kernel.stack(sandbox).requireLink("eth0").isUp()).isTrue();
    assertThat(kernel.stack(sandbox).listAddresses("eth0", IpFamily.V6)).isEmpty();
    assertErrno(
        Errno.EACCES,
        () -> kernel.stack(sandbox).addAddress("eth0", InterfaceAddress.parse("fd00::5/64")));
    kernel.stack(host).addLink(new LinkSpec.Bridge("br0", noIpv6));
    assertThat(kernel.stack(host).requireLink("br0").isUp()).isTrue();
    assertThat(observer.sysctl(host, "net/ipv6/conf/br0/disable_ipv6")).isEqualTo("1");
  }

  @Test
  void aLinkFollowsItsNamespacesIpv6DefaultOnlyWhereAskedTo() {
    NetNs host = ns("v6default");
    NetNs sandbox = ns("v6defaultsb");
    kernel.stack(sandbox).writeSysctl("net/ipv6/conf/default/disable_ipv6", "1");
    LinkSettings noIpv6 = LinkSettings.DEFAULT.withUp(true).withIpv6(false);
    LinkSettings ipv6 = LinkSettings.DEFAULT.withUp(true).withIpv6(true);
    kernel
        .stack(host)
        .addLink(new LinkSpec.Veth("veth0", noIpv6, "eth0", Optional.of(sandbox), noIpv6));
    kernel
        .stack(host)
        .addLink(new LinkSpec.Veth("veth1", noIpv6, "eth1", Optional.of(sandbox), ipv6));

    assertThat(observer.sysctl(sandbox, "net/ipv6/conf/eth0/disable_ipv6")).isEqualTo("1");
    assertThat(observer.sysctl(sandbox, "net/ipv6/conf/eth1/disable_ipv6")).isEqualTo("0");
    assertThat(observer.sysctl(sandbox, "net/ipv6/conf/lo/disable_ipv6")).isEqualTo("0");
    kernel.stack(sandbox).addAddress("eth1", InterfaceAddress.parse("fd00::5/64"));
    assertErrno(
        Errno.EACCES,
        () -> kernel.stack(sandbox).addAddress("eth0", InterfaceAddress.parse("fd00::6/64")));
  }

  @Test
  void vethCanBeAttachedToABridgeAtCreation() {
    NetNs ns = ns("vmaster");
    NetNs sandbox = ns("vmsandbox");
    NetStack stack = kernel.stack(ns);
    Link bridge = stack.addLink(new LinkSpec.Bridge("br0"));
    Link link =
        stack.addLink(
            new LinkSpec.Veth(
                "veth0",
                LinkSettings.DEFAULT.withMaster("br0"),
                "eth0",
                Optional.of(sandbox),
                LinkSettings.DEFAULT));
    assertThat(link.masterIndex()).hasValue(bridge.index());
    assertThat(observed(ns, "veth0").master()).contains("br0");
  }

  @Test
  void vxlanIsCreatedWithItsOptions() {
    NetNs ns = ns("vxlan");
    NetStack stack = kernel.stack(ns);
    stack.addLink(veth("under0", "under1", null));
    IpAddress local = IpAddress.parse("192.0.2.10");
    Link link =
        stack.addLink(
            new LinkSpec.Vxlan(
                "vx0",
                LinkSettings.DEFAULT,
                4097,
                Optional.of(local),
                4789,
                false,
                Optional.of("under0")));
    assertThat(link)
        .isInstanceOfSatisfying(
            Link.Vxlan.class,
            vxlan -> {
              assertThat(vxlan.vni()).isEqualTo(4097);
              assertThat(vxlan.local()).contains(local);
              assertThat(vxlan.port()).isEqualTo(4789);
              assertThat(vxlan.learning()).isFalse();
              assertThat(vxlan.underlayIndex()).hasValue(stack.requireLink("under0").index());
            });
    ObservedLink seen = observed(ns, "vx0");
    assertThat(seen.kind()).isEqualTo("vxlan");
    assertThat(seen.vxlanId()).isEqualTo(4097);
    assertThat(seen.vxlanLocal()).isEqualTo("192.0.2.10");
    assertThat(seen.vxlanPort()).isEqualTo(4789);
    assertThat(seen.vxlanLearning()).isFalse();
  }

  @Test
  void vxlanWithAVniInUseFailsWithEexistAndTheKernelsReason() {
    NetStack stack = kernel.stack(ns("vxdup"));
    stack.addLink(new LinkSpec.Vxlan("vx0", 42));
    assertThatThrownBy(() -> stack.addLink(new LinkSpec.Vxlan("vx1", 42)))
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EEXIST.number());
              assertThat(e.kernelMessage()).contains("VNI");
            });
    assertThat(stack.findLink("vx1")).isEmpty();
  }

  @Test
  void macvlanIsCreatedOnItsParent() {
    NetNs ns = ns("macvlan");
    NetStack stack = kernel.stack(ns);
    Link parent = stack.addLink(veth("p0", "p1", null));
    Link link =
        stack.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "p0", MacvlanMode.BRIDGE));
    assertThat(link)
        .isInstanceOfSatisfying(
            Link.Macvlan.class,
            macvlan -> {
              assertThat(macvlan.mode()).isEqualTo(MacvlanMode.BRIDGE);
              assertThat(macvlan.parentIndex()).hasValue(parent.index());
            });
    ObservedLink seen = observed(ns, "mv0");
    assertThat(seen.kind()).isEqualTo("macvlan");
    assertThat(seen.macvlanMode()).isEqualTo("bridge");
  }

  @Test
  void macvlanWithoutItsParentFailsWithEnodev() {
    NetStack stack = kernel.stack(ns("mvorphan"));
    assertErrno(
        Errno.ENODEV,
        () ->
            stack.addLink(
                new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "nope", MacvlanMode.BRIDGE)));
    assertThat(stack.findLink("mv0")).isEmpty();
  }

  @Test
  void dummyIsCreatedWhereTheKernelHasDummies() {
    NetNs ns = ns("dummy");
    NetStack stack = kernel.stack(ns);
    if (fixture.supportsLinkKind("dummy")) {
      assertThat(stack.addLink(new LinkSpec.Dummy("d0"))).isInstanceOf(Link.Dummy.class);
      assertThat(observed(ns, "d0").kind()).isEqualTo("dummy");
    } else {
      assertErrno(Errno.EOPNOTSUPP, () -> stack.addLink(new LinkSpec.Dummy("d0")));
      assertThat(observedNames(ns)).doesNotContain("d0");
    }
  }

  @Test
  void addingALinkWithATakenNameFailsWithEexist() {
    NetNs ns = ns("taken");
    NetStack stack = kernel.stack(ns);
    Link first = stack.addLink(new LinkSpec.Bridge("br0"));
    assertErrno(Errno.EEXIST, () -> stack.addLink(new LinkSpec.Bridge("br0")));
    assertErrno(Errno.EEXIST, () -> stack.addLink(veth("br0", "x1", null)));
    assertThat(stack.requireLink("br0").index()).isEqualTo(first.index());
    assertThat(stack.findLink("x1")).isEmpty();
  }

  @Test
  void vethWhosePeerNameIsTakenLeavesNoHalfPair() {
    NetNs host = ns("halfhost");
    NetNs sandbox = ns("halfsb");
    kernel.stack(sandbox).addLink(new LinkSpec.Bridge("eth0"));
    assertErrno(Errno.EEXIST, () -> kernel.stack(host).addLink(veth("veth0", "eth0", sandbox)));
    assertThat(kernel.stack(host).findLink("veth0")).isEmpty();
    assertThat(observedNames(host)).doesNotContain("veth0");
  }

  @Test
  void namesOfSixteenBytesOrMoreFailWithErange() {
    NetStack stack = kernel.stack(ns("long"));
    assertErrno(Errno.ERANGE, () -> stack.addLink(new LinkSpec.Bridge("abcdefghijklmnop")));
    assertThat(stack.addLink(new LinkSpec.Bridge("abcdefghijklmno")).name())
        .isEqualTo("abcdefghijklmno");
  }

  @Test
  void namesWithSlashesOrDotsOnlyFailWithEinval() {
    NetStack stack = kernel.stack(ns("badname"));
    assertErrno(Errno.EINVAL, () -> stack.addLink(new LinkSpec.Bridge("a/b")));
    assertErrno(Errno.EINVAL, () -> stack.addLink(new LinkSpec.Bridge(".")));
    assertErrno(Errno.EINVAL, () -> stack.addLink(new LinkSpec.Bridge("a b")));
  }

  @Test
  void aMissingMasterFailsWithEnodev() {
    NetStack stack = kernel.stack(ns("nomaster"));
    assertErrno(
        Errno.ENODEV,
        () -> stack.addLink(new LinkSpec.Bridge("br1", LinkSettings.DEFAULT.withMaster("nope"))));
    assertThat(stack.findLink("br1")).isEmpty();
  }

  // ---- links: deleting, finding, listing

  @Test
  void deletingOneEndOfAVethDeletesBoth() {
    NetNs host = ns("delhost");
    NetNs sandbox = ns("delsb");
    kernel.stack(host).addLink(veth("veth0", "eth0", sandbox));
    kernel.stack(host).deleteLink("veth0");
    assertThat(kernel.stack(host).findLink("veth0")).isEmpty();
    assertThat(kernel.stack(sandbox).findLink("eth0")).isEmpty();
    assertThat(observedNames(sandbox)).containsExactly("lo");
  }

  @Test
  void deletingAMissingLinkFailsWithEnodev() {
    assertErrno(Errno.ENODEV, () -> kernel.stack(ns("delmissing")).deleteLink("nope"));
  }

  @Test
  void loopbackCannotBeDeleted() {
    NetNs ns = ns("dello");
    assertErrno(Errno.EOPNOTSUPP, () -> kernel.stack(ns).deleteLink("lo"));
    assertThat(observedNames(ns)).contains("lo");
  }

  @Test
  void deletingABridgeDetachesItsPorts() {
    NetNs ns = ns("delbridge");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(
        new LinkSpec.Veth(
            "p0",
            LinkSettings.DEFAULT.withMaster("br0"),
            "p1",
            Optional.empty(),
            LinkSettings.DEFAULT));
    stack.deleteLink("br0");
    assertThat(stack.requireLink("p0").masterIndex()).isEmpty();
    assertThat(observed(ns, "p0").master()).isEmpty();
  }

  @Test
  void deletingALinkGroupDeletesItsLinksAndTheirPeersOnly() {
    NetNs host = ns("grouphost");
    NetNs sandbox = ns("groupsb");
    NetStack stack = kernel.stack(host);
    LinkSettings grouped = LinkSettings.DEFAULT.withGroup(77);
    for (int i = 0; i < 3; i++) {
      stack.addLink(
          new LinkSpec.Veth(
              "g" + i, grouped, "gp" + i, Optional.of(sandbox), LinkSettings.DEFAULT));
    }
    stack.addLink(veth("other0", "other1", sandbox));
    stack.deleteLinkGroup(77);
    assertThat(stack.listLinks()).extracting(Link::name).containsExactlyInAnyOrder("lo", "other0");
    assertThat(kernel.stack(sandbox).listLinks())
        .extracting(Link::name)
        .containsExactlyInAnyOrder("lo", "other1");
    assertThat(observedNames(sandbox)).containsExactlyInAnyOrder("lo", "other1");
    stack.deleteLinkGroup(77); // an empty group is not an error
    assertThatThrownBy(() -> stack.deleteLinkGroup(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findingAMissingLinkGivesEmptyAndRequiringItEnodev() {
    NetStack stack = kernel.stack(ns("find"));
    assertThat(stack.findLink("nope")).isEmpty();
    assertErrno(Errno.ENODEV, () -> stack.requireLink("nope"));
  }

  @Test
  void listedLinksMatchTheObserver() {
    NetNs ns = ns("list");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(veth("v0", "v1", null));
    List<Link> links = stack.listLinks();
    assertThat(links).extracting(Link::index).isSorted();
    assertThat(links).extracting(Link::name).containsExactlyInAnyOrderElementsOf(observedNames(ns));
    for (Link link : links) {
      ObservedLink seen = observed(ns, link.name());
      assertThat(seen.index()).as(link.name()).isEqualTo(link.index());
      assertThat(seen.mtu()).as(link.name()).isEqualTo(link.mtu());
      assertThat(seen.kind()).as(link.name()).isEqualTo(link.kind());
    }
  }

  // ---- links: settings

  @Test
  void settingUpAndDownChangesTheFlag() {
    NetNs ns = ns("updown");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.setUp("br0", true);
    assertThat(stack.requireLink("br0").isUp()).isTrue();
    assertThat(observed(ns, "br0").isUp()).isTrue();
    stack.setUp("br0", false);
    assertThat(stack.requireLink("br0").isUp()).isFalse();
    assertThat(observed(ns, "br0").isUp()).isFalse();
    assertErrno(Errno.ENODEV, () -> stack.setUp("nope", true));
  }

  @Test
  void mtuIsSetWithinTheDevicesRange() {
    NetNs ns = ns("mtu");
    NetStack stack = kernel.stack(ns);
    stack.addLink(veth("v0", "v1", null));
    stack.setMtu("v0", 9000);
    assertThat(stack.requireLink("v0").mtu()).isEqualTo(9000);
    assertThat(observed(ns, "v0").mtu()).isEqualTo(9000);
    assertErrno(Errno.EINVAL, () -> stack.setMtu("v0", 67));
    assertErrno(Errno.EINVAL, () -> stack.setMtu("v0", 65536));
    assertThat(stack.requireLink("v0").mtu()).isEqualTo(9000);
    assertErrno(Errno.ENODEV, () -> stack.setMtu("nope", 1500));
  }

  @Test
  void macIsSetAndMulticastOrZeroRefused() {
    NetNs ns = ns("mac");
    NetStack stack = kernel.stack(ns);
    stack.addLink(veth("v0", "v1", null));
    MacAddress mac = MacAddress.parse("02:42:ac:11:00:02");
    stack.setMac("v0", mac);
    assertThat(stack.requireLink("v0").mac()).contains(mac);
    assertThat(observed(ns, "v0").mac()).isEqualTo("02:42:ac:11:00:02");
    assertErrno(
        Errno.EADDRNOTAVAIL, () -> stack.setMac("v0", MacAddress.parse("01:00:5e:00:00:01")));
    assertErrno(
        Errno.EADDRNOTAVAIL, () -> stack.setMac("v0", MacAddress.parse("00:00:00:00:00:00")));
    assertThat(stack.requireLink("v0").mac()).contains(mac);
  }

  @Test
  void masterIsSetAndCleared() {
    NetNs ns = ns("master");
    NetStack stack = kernel.stack(ns);
    Link bridge = stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(veth("v0", "v1", null));
    stack.setMaster("v0", "br0");
    assertThat(stack.requireLink("v0").masterIndex()).hasValue(bridge.index());
    assertThat(observed(ns, "v0").master()).contains("br0");
    stack.setNoMaster("v0");
    assertThat(stack.requireLink("v0").masterIndex()).isEmpty();
    assertThat(observed(ns, "v0").master()).isEmpty();
  }

  @Test
  void aMasterMustBeAnExistingBridge() {
    NetStack stack = kernel.stack(ns("badmaster"));
    stack.addLink(veth("v0", "v1", null));
    stack.addLink(new LinkSpec.Vxlan("vx0", 7));
    assertErrno(Errno.ENODEV, () -> stack.setMaster("v0", "nope"));
    assertErrno(Errno.ENODEV, () -> stack.setNoMaster("nope"));
    assertErrno(Errno.EOPNOTSUPP, () -> stack.setMaster("v0", "vx0"));
    assertThat(stack.requireLink("v0").masterIndex()).isEmpty();
  }

  @Test
  void renameGivesTheLinkItsNewName() {
    NetNs ns = ns("rename");
    NetStack stack = kernel.stack(ns);
    Link link = stack.addLink(veth("tmp0", "tmp1", null));
    stack.rename("tmp0", "eth0");
    assertThat(stack.findLink("tmp0")).isEmpty();
    assertThat(stack.requireLink("eth0").index()).isEqualTo(link.index());
    assertThat(observedNames(ns)).contains("eth0").doesNotContain("tmp0");
    assertErrno(Errno.EEXIST, () -> stack.rename("eth0", "tmp1"));
    assertErrno(Errno.ENODEV, () -> stack.rename("nope", "x"));
  }

  @Test
  void renameWorksWhileTheLinkIsUp() {
    NetStack stack = kernel.stack(ns("renameup"));
    stack.addLink(upVeth("tmp0", "tmp1", null));
    stack.rename("tmp0", "eth0");
    assertThat(stack.requireLink("eth0").isUp()).isTrue();
  }

  @Test
  void movingALinkToAnotherNamespace() {
    NetNs from = ns("movefrom");
    NetNs to = ns("moveto");
    NetStack source = kernel.stack(from);
    source.addLink(new LinkSpec.Bridge("br0"));
    source.addLink(
        new LinkSpec.Veth(
            "v0",
            LinkSettings.DEFAULT.withMaster("br0").withUp(true),
            "v1",
            Optional.empty(),
            LinkSettings.DEFAULT));
    source.addAddress("v0", InterfaceAddress.parse("10.3.0.1/24"));
    source.moveToNetNs("v0", to);
    assertThat(source.findLink("v0")).isEmpty();
    Link moved = kernel.stack(to).requireLink("v0");
    assertThat(moved.isUp()).isFalse();
    assertThat(moved.masterIndex()).isEmpty();
    assertThat(kernel.stack(to).listAddresses("v0", IpFamily.V4)).isEmpty();
    assertThat(observedNames(to)).contains("v0");
    assertThat(observedNames(from)).doesNotContain("v0");
  }

  @Test
  void movingALinkWhoseNameIsTakenThereFailsWithEexist() {
    NetNs from = ns("mvfrom");
    NetNs to = ns("mvto");
    kernel.stack(from).addLink(veth("v0", "v1", null));
    kernel.stack(to).addLink(new LinkSpec.Bridge("v0"));
    assertErrno(Errno.EEXIST, () -> kernel.stack(from).moveToNetNs("v0", to));
    assertThat(kernel.stack(from).findLink("v0")).isPresent();
  }

  @Test
  void groupIsSet() {
    NetNs ns = ns("group");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.setGroup("br0", 12);
    assertThat(stack.requireLink("br0").group()).isEqualTo(12);
    assertThat(observed(ns, "br0").group()).isEqualTo(12);
  }

  @Test
  void altNamesAreAddedAndMustBeUnique() {
    NetNs ns = ns("altname");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Bridge("br0"));
    stack.addLink(new LinkSpec.Bridge("br1"));
    stack.addAltName("br0", "junction-net-a");
    assertThat(stack.requireLink("br0").attributes().altNames()).containsExactly("junction-net-a");
    assertThat(observed(ns, "br0").altNames()).containsExactly("junction-net-a");
    assertErrno(Errno.EEXIST, () -> stack.addAltName("br1", "junction-net-a"));
    assertErrno(Errno.EEXIST, () -> stack.addAltName("br1", "br0"));
    assertErrno(Errno.EEXIST, () -> stack.addLink(new LinkSpec.Bridge("junction-net-a")));
  }

  // ---- addresses

  @Test
  void addressesOfBothFamiliesAreAddedListedAndDeleted() {
    NetNs ns = ns("addr");
    NetStack stack = kernel.stack(ns);
    Link link = stack.addLink(veth("v0", "v1", null));
    InterfaceAddress v4 = InterfaceAddress.parse("10.1.0.5/24");
    InterfaceAddress v6 = InterfaceAddress.parse("fd00:1::5/64");
    stack.addAddress("v0", v4);
    stack.addAddress("v0", v6);
    assertThat(stack.listAddresses("v0", null))
        .containsExactly(
            new LinkAddress(link.index(), v4, Scope.UNIVERSE),
            new LinkAddress(link.index(), v6, Scope.UNIVERSE));
    assertThat(stack.listAddresses("v0", IpFamily.V4))
        .extracting(LinkAddress::address)
        .containsExactly(v4);
    assertThat(stack.listAddresses(IpFamily.V6))
        .extracting(LinkAddress::address)
        .contains(v6)
        .doesNotContain(v4);
    assertThat(observer.addresses(ns, "v0")).containsExactly("10.1.0.5/24", "fd00:1::5/64");
    stack.deleteAddress("v0", v4);
    assertThat(stack.listAddresses("v0", IpFamily.V4)).isEmpty();
    assertThat(observer.addresses(ns, "v0")).containsExactly("fd00:1::5/64");
  }

  @Test
  void addressErrors() {
    NetStack stack = kernel.stack(ns("addrerr"));
    stack.addLink(veth("v0", "v1", null));
    stack.addAddress("v0", InterfaceAddress.parse("10.1.0.5/24"));
    stack.addAddress("v0", InterfaceAddress.parse("fd00::5/64"));
    assertErrno(Errno.EEXIST, () -> stack.addAddress("v0", InterfaceAddress.parse("10.1.0.5/24")));
    stack.addAddress(
        "v0",
        InterfaceAddress.parse("10.1.0.5/16")); // IPv4: another prefix length is another address
    assertErrno(Errno.EEXIST, () -> stack.addAddress("v0", InterfaceAddress.parse("fd00::5/80")));
    assertErrno(
        Errno.EADDRNOTAVAIL, () -> stack.deleteAddress("v0", InterfaceAddress.parse("10.1.0.5/8")));
    assertErrno(
        Errno.EADDRNOTAVAIL,
        () -> stack.deleteAddress("v0", InterfaceAddress.parse("10.1.0.6/24")));
    assertErrno(
        Errno.ENODEV, () -> stack.addAddress("nope", InterfaceAddress.parse("10.1.0.5/24")));
    assertErrno(Errno.ENODEV, () -> stack.listAddresses("nope", null));
    assertErrno(
        Errno.ENODEV, () -> stack.deleteAddress("nope", InterfaceAddress.parse("10.1.0.5/24")));
  }

  @Test
  void loopbackGetsItsAddressesWhenUp() {
    NetNs ns = ns("loup");
    NetStack stack = kernel.stack(ns);
    assertThat(stack.listAddresses("lo", IpFamily.V4)).isEmpty();
    stack.setUp("lo", true);
    assertThat(stack.listAddresses("lo", IpFamily.V4))
        .containsExactly(new LinkAddress(1, InterfaceAddress.parse("127.0.0.1/8"), Scope.HOST));
    assertThat(observer.addresses(ns, "lo")).contains("127.0.0.1/8");
  }

  // ---- routes

  private static Route kernelRoute(String prefix, String device, String source) {
    return Route.to(IpPrefix.parse(prefix))
        .withDevice(device)
        .withProtocol(Route.PROTOCOL_KERNEL)
        .withSource(IpAddress.parse(source));
  }

  @Test
  void anAddressOnAnUpLinkBringsItsPrefixRoute() {
    NetNs ns = ns("prefix");
    NetStack stack = kernel.stack(ns);
    stack.addLink(upVeth("v0", "v1", null));
    stack.addAddress("v0", InterfaceAddress.parse("10.2.0.1/24"));
    stack.addAddress("v0", InterfaceAddress.parse("fd00:2::1/64"));
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(kernelRoute("10.2.0.0/24", "v0", "10.2.0.1"));
    assertThat(observer.routes(ns, IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(
            new ObservedRoute("10.2.0.0/24", "", "v0", 0, "link", "kernel", "10.2.0.1"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .filteredOn(route -> !route.destination().address().isLinkLocal())
        .containsExactly(
            Route.to(IpPrefix.parse("fd00:2::/64"))
                .withDevice("v0")
                .withScope(Scope.UNIVERSE)
                .withMetric(256)
                .withProtocol(Route.PROTOCOL_KERNEL));
    assertThat(observer.routes(ns, IpFamily.V6, Route.MAIN_TABLE))
        .containsExactly(new ObservedRoute("fd00:2::/64", "", "v0", 256, "global", "kernel", ""));
  }

  @Test
  void routesOfEveryShapeAreAddedAndListed() {
    NetNs ns = ns("routes");
    NetStack stack = kernel.stack(ns);
    stack.addLink(upVeth("v0", "v1", null));
    stack.addAddress("v0", InterfaceAddress.parse("10.4.0.2/24"));
    IpAddress gateway = IpAddress.parse("10.4.0.1");
    Route byDefault = Route.defaultVia(gateway).withDevice("v0");
    Route device = Route.to(IpPrefix.parse("10.5.0.0/16")).withDevice("v0");
    Route metric =
        Route.to(IpPrefix.parse("10.6.0.0/16"))
            .withGateway(gateway)
            .withDevice("v0")
            .withMetric(50);
    Route onLink =
        Route.to(IpPrefix.parse("10.7.0.0/16"))
            .withGateway(IpAddress.parse("192.0.2.1"))
            .withDevice("v0")
            .withOnLink(true);
    Route sourced =
        Route.to(IpPrefix.parse("10.8.0.0/16"))
            .withDevice("v0")
            .withSource(IpAddress.parse("10.4.0.2"));
    Route table = Route.to(IpPrefix.parse("10.9.0.0/16")).withDevice("v0").withTable(100);
    for (Route route : List.of(byDefault, device, metric, onLink, sourced, table)) {
      stack.addRoute(route);
    }
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .contains(byDefault, device, metric, onLink, sourced)
        .doesNotContain(table);
    assertThat(stack.listRoutes(IpFamily.V4, 100)).containsExactly(table);
    List<Route> main = stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE);
    assertThat(main).extracting(Route::destination).isSorted();
    assertThat(observer.routes(ns, IpFamily.V4, Route.MAIN_TABLE))
        .contains(
            new ObservedRoute("0.0.0.0/0", "10.4.0.1", "v0", 0, "global", "boot", ""),
            new ObservedRoute("10.5.0.0/16", "", "v0", 0, "link", "boot", ""),
            new ObservedRoute("10.6.0.0/16", "10.4.0.1", "v0", 50, "global", "boot", ""),
            new ObservedRoute("10.7.0.0/16", "192.0.2.1", "v0", 0, "global", "boot", ""),
            new ObservedRoute("10.8.0.0/16", "", "v0", 0, "link", "boot", "10.4.0.2"));
    assertThat(observer.routes(ns, IpFamily.V4, 100))
        .containsExactly(new ObservedRoute("10.9.0.0/16", "", "v0", 0, "link", "boot", ""));
  }

  @Test
  void ipv6RoutesGetTheDefaultMetric() {
    NetNs ns = ns("routes6");
    NetStack stack = kernel.stack(ns);
    stack.addLink(upVeth("v0", "v1", null));
    stack.addAddress("v0", InterfaceAddress.parse("fd00:4::2/64"));
    stack.addRoute(Route.defaultVia(IpAddress.parse("fd00:4::1")).withDevice("v0"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .contains(Route.defaultVia(IpAddress.parse("fd00:4::1")).withDevice("v0").withMetric(1024));
    assertThat(observer.routes(ns, IpFamily.V6, Route.MAIN_TABLE))
        .contains(new ObservedRoute("::/0", "fd00:4::1", "v0", 1024, "global", "boot", ""));
  }

  @Test
  void routeErrors() {
    NetStack stack = kernel.stack(ns("routeerr"));
    stack.addLink(upVeth("v0", "v1", null));
    stack.addLink(veth("down0", "down1", null));
    stack.addAddress("v0", InterfaceAddress.parse("10.4.0.2/24"));
    stack.addAddress("v0", InterfaceAddress.parse("fd00:4::2/64"));
    Route route = Route.to(IpPrefix.parse("10.5.0.0/16")).withDevice("v0");
    stack.addRoute(route);
    assertErrno(Errno.EEXIST, () -> stack.addRoute(route));
    assertErrno(
        Errno.ENETDOWN,
        () -> stack.addRoute(Route.to(IpPrefix.parse("10.6.0.0/16")).withDevice("down0")));
    assertErrno(
        Errno.ENETDOWN,
        () -> stack.addRoute(Route.to(IpPrefix.parse("fd00:6::/64")).withDevice("down0")));
    assertErrno(
        Errno.ENETUNREACH,
        () ->
            stack.addRoute(
                Route.to(IpPrefix.parse("10.7.0.0/16"))
                    .withGateway(IpAddress.parse("192.0.2.1"))
                    .withDevice("v0")));
    assertErrno(
        Errno.EHOSTUNREACH,
        () ->
            stack.addRoute(
                Route.to(IpPrefix.parse("fd00:7::/64"))
                    .withGateway(IpAddress.parse("fd00:99::1"))
                    .withDevice("v0")));
    assertErrno(
        Errno.ENODEV,
        () -> stack.addRoute(Route.to(IpPrefix.parse("10.8.0.0/16")).withDevice("nope")));
    assertErrno(
        Errno.ESRCH,
        () -> stack.deleteRoute(Route.to(IpPrefix.parse("10.9.0.0/16")).withDevice("v0")));
  }

  @Test
  void replaceAddsOrReplacesAndDeleteRemoves() {
    NetNs ns = ns("replace");
    NetStack stack = kernel.stack(ns);
    stack.addLink(upVeth("v0", "v1", null));
    stack.addAddress("v0", InterfaceAddress.parse("10.4.0.2/24"));
    Route first = Route.defaultVia(IpAddress.parse("10.4.0.1")).withDevice("v0");
    Route second = Route.defaultVia(IpAddress.parse("10.4.0.254")).withDevice("v0");
    stack.replaceRoute(first);
    stack.replaceRoute(second);
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .contains(second)
        .doesNotContain(first);
    assertThat(observer.routes(ns, IpFamily.V4, Route.MAIN_TABLE))
        .extracting(ObservedRoute::gateway)
        .contains("10.4.0.254")
        .doesNotContain("10.4.0.1");
    stack.deleteRoute(Route.to(IpPrefix.DEFAULT_V4));
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).doesNotContain(second);
    assertThat(observer.routes(ns, IpFamily.V4, Route.MAIN_TABLE))
        .extracting(ObservedRoute::destination)
        .doesNotContain("0.0.0.0/0");
  }

  @Test
  void linkDownDropsItsRoutesAndIpv6AddressesButKeepsIpv4Addresses() {
    NetNs ns = ns("down");
    NetStack stack = kernel.stack(ns);
    stack.addLink(upVeth("v0", "v1", null));
    stack.addAddress("v0", InterfaceAddress.parse("10.4.0.2/24"));
    stack.addAddress("v0", InterfaceAddress.parse("fd00:4::2/64"));
    stack.addRoute(Route.to(IpPrefix.parse("10.5.0.0/16")).withDevice("v0"));
    stack.setUp("v0", false);
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
    assertThat(observer.routes(ns, IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
    assertThat(stack.listAddresses("v0", null))
        .extracting(LinkAddress::address)
        .containsExactly(InterfaceAddress.parse("10.4.0.2/24"));
    assertThat(observer.addresses(ns, "v0")).containsExactly("10.4.0.2/24");
    stack.setUp("v0", true);
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(kernelRoute("10.4.0.0/24", "v0", "10.4.0.2"));
  }

  // ---- neighbours

  @Test
  void permanentNeighboursAreAddedReplacedAndDeleted() {
    NetNs ns = ns("neigh");
    NetStack stack = kernel.stack(ns);
    stack.addLink(upVeth("v0", "v1", null));
    IpAddress address = IpAddress.parse("10.4.0.9");
    MacAddress mac = MacAddress.parse("02:00:00:00:00:09");
    stack.addNeighbor(Neighbor.permanent("v0", address, mac));
    assertThat(stack.listNeighbors("v0")).containsExactly(Neighbor.permanent("v0", address, mac));
    assertThat(observer.neighbors(ns, "v0"))
        .containsExactly("10.4.0.9 02:00:00:00:00:09 PERMANENT");
    MacAddress other = MacAddress.parse("02:00:00:00:00:10");
    stack.addNeighbor(Neighbor.permanent("v0", address, other));
    assertThat(stack.listNeighbors("v0"))
        .containsExactly(new Neighbor("v0", address, Optional.of(other), NeighborState.PERMANENT));
    IpAddress v6 = IpAddress.parse("fd00::9");
    stack.addNeighbor(Neighbor.permanent("v0", v6, mac));
    assertThat(observer.neighbors(ns, "v0")).contains("fd00::9 02:00:00:00:00:09 PERMANENT");
    stack.deleteNeighbor("v0", address);
    assertThat(stack.listNeighbors("v0")).containsExactly(Neighbor.permanent("v0", v6, mac));
    assertErrno(Errno.ENOENT, () -> stack.deleteNeighbor("v0", address));
    assertErrno(Errno.ENODEV, () -> stack.addNeighbor(Neighbor.permanent("nope", address, mac)));
  }

  @Test
  void neighboursMayBeAddedToADownLinkAndGoWhenItGoesDown() {
    NetNs ns = ns("neighdown");
    NetStack stack = kernel.stack(ns);
    stack.addLink(veth("v0", "v1", null));
    stack.addNeighbor(
        Neighbor.permanent(
            "v0", IpAddress.parse("10.4.0.9"), MacAddress.parse("02:00:00:00:00:09")));
    assertThat(stack.listNeighbors("v0")).hasSize(1);
    stack.setUp("v0", true);
    stack.addNeighbor(
        Neighbor.permanent(
            "v0", IpAddress.parse("10.4.0.10"), MacAddress.parse("02:00:00:00:00:0a")));
    stack.setUp("v0", false);
    assertThat(stack.listNeighbors("v0")).isEmpty();
    assertThat(observer.neighbors(ns, "v0")).isEmpty();
  }

  // ---- FDB

  @Test
  void vxlanForwardingEntriesAreAppendedListedAndDeleted() {
    NetNs ns = ns("fdb");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Vxlan("vx0", 4097));
    MacAddress flood = MacAddress.parse("00:00:00:00:00:00");
    MacAddress remote = MacAddress.parse("02:42:0a:00:00:05");
    FdbEntry floodA = FdbEntry.permanent("vx0", flood, IpAddress.parse("192.0.2.1"));
    FdbEntry floodB = FdbEntry.permanent("vx0", flood, IpAddress.parse("192.0.2.2"));
    FdbEntry unicast = FdbEntry.permanent("vx0", remote, IpAddress.parse("192.0.2.2"));
    stack.appendFdb(floodA);
    stack.appendFdb(floodB);
    stack.appendFdb(unicast);
    stack.appendFdb(unicast); // the same entry again is no error
    assertThat(stack.listFdb("vx0")).containsExactlyInAnyOrder(floodA, floodB, unicast);
    assertThat(observer.fdb(ns, "vx0"))
        .containsExactlyInAnyOrder(
            "00:00:00:00:00:00 192.0.2.1",
            "00:00:00:00:00:00 192.0.2.2",
            "02:42:0a:00:00:05 192.0.2.2");
    stack.deleteFdb(floodA);
    assertThat(stack.listFdb("vx0")).containsExactlyInAnyOrder(floodB, unicast);
    assertThat(observer.fdb(ns, "vx0")).doesNotContain("00:00:00:00:00:00 192.0.2.1");
    // The kernel reports ENOENT for a MAC without entries; a destination the MAC lacks is not an
    // error.
    stack.deleteFdb(floodA);
    assertErrno(
        Errno.ENOENT,
        () ->
            stack.deleteFdb(
                FdbEntry.permanent(
                    "vx0", MacAddress.parse("02:42:0a:00:00:99"), IpAddress.parse("192.0.2.2"))));
    assertThat(stack.listFdb("vx0")).containsExactlyInAnyOrder(floodB, unicast);
    assertErrno(
        Errno.ENODEV,
        () -> stack.appendFdb(FdbEntry.permanent("nope", remote, IpAddress.parse("192.0.2.2"))));
  }

  @Test
  void dynamicForwardingEntriesAreAppendedAsNotPermanent() {
    NetStack stack = kernel.stack(ns("fdbdyn"));
    stack.addLink(new LinkSpec.Vxlan("vx0", 4099));
    FdbEntry dynamic =
        new FdbEntry(
            "vx0",
            MacAddress.parse("02:42:0a:00:00:07"),
            Optional.of(IpAddress.parse("192.0.2.4")),
            false);
    stack.appendFdb(dynamic);
    assertThat(stack.listFdb("vx0")).containsExactly(dynamic);
  }

  @Test
  void permanentForwardingEntriesSurviveTheDeviceGoingDown() {
    NetNs ns = ns("fdbdown");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Vxlan("vx0", 4098));
    stack.setUp("vx0", true);
    FdbEntry entry =
        FdbEntry.permanent(
            "vx0", MacAddress.parse("02:42:0a:00:00:06"), IpAddress.parse("192.0.2.3"));
    stack.appendFdb(entry);
    stack.setUp("vx0", false);
    assertThat(stack.listFdb("vx0")).containsExactly(entry);
    assertThat(observer.fdb(ns, "vx0")).containsExactly("02:42:0a:00:00:06 192.0.2.3");
  }

  // ---- sysctls

  @Test
  void sysctlsAreReadAndWrittenPerNamespace() {
    NetNs a = ns("sysa");
    NetNs b = ns("sysb");
    assertThat(kernel.stack(a).readSysctl("net.ipv4.ip_forward")).isEqualTo("0");
    kernel.stack(a).writeSysctl("net.ipv4.ip_forward", "1");
    assertThat(kernel.stack(a).readSysctl("net.ipv4.ip_forward")).isEqualTo("1");
    assertThat(observer.sysctl(a, "net.ipv4.ip_forward")).isEqualTo("1");
    assertThat(kernel.stack(b).readSysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(observer.sysctl(b, "net.ipv4.ip_forward")).isEqualTo("0");
  }

  @Test
  void linkSysctlsComeAndGoWithTheLink() {
    NetNs ns = ns("syslink");
    NetStack stack = kernel.stack(ns);
    stack.addLink(new LinkSpec.Bridge("br-1.2"));
    stack.writeSysctl("net/ipv6/conf/br-1.2/disable_ipv6", "1");
    assertThat(stack.readSysctl("net/ipv6/conf/br-1.2/disable_ipv6")).isEqualTo("1");
    assertThat(observer.sysctl(ns, "net/ipv6/conf/br-1.2/disable_ipv6")).isEqualTo("1");
    stack.deleteLink("br-1.2");
    assertErrno(Errno.ENOENT, () -> stack.readSysctl("net/ipv6/conf/br-1.2/disable_ipv6"));
  }

  @Test
  void sysctlErrors() {
    NetStack stack = kernel.stack(ns("syserr"));
    assertErrno(Errno.ENOENT, () -> stack.readSysctl("net.ipv4.no_such_key"));
    assertErrno(Errno.EINVAL, () -> stack.writeSysctl("net.ipv4.ip_forward", "abc"));
    assertThat(stack.readSysctl("net.ipv4.ip_forward")).isEqualTo("0");
    assertThatThrownBy(() -> stack.readSysctl("kernel.hostname"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stack.readSysctl("net/../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stack.writeSysctl("net.ipv4.ip_forward", "1\n0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- nftables

  private static NftTable table(String name, String... chainNames) {
    NftBaseChain forward =
        new NftBaseChain(
            NftBaseChain.Type.FILTER, NftBaseChain.Hook.FORWARD, 0, NftBaseChain.Policy.ACCEPT);
    List<NftChain> chains =
        java.util.Arrays.stream(chainNames)
            .map(
                chain ->
                    chain.equals("forward")
                        ? NftChain.base(
                            "forward",
                            forward,
                            List.of(
                                NftRule.of("iifname {} oifname {} accept", "br-a", "br-a")
                                    .withComment("same-network"),
                                NftRule.of("ip saddr {} drop", IpPrefix.parse("10.99.0.0/16"))))
                        : NftChain.regular(
                            chain,
                            List.of(NftRule.of("counter accept").withComment(chain + "-rule"))))
            .toList();
    return new NftTable(NftFamily.INET, name, chains);
  }

  @Test
  void nftTablesAreReplacedAtomicallyListedAndDeleted() {
    NetNs ns = ns("nft");
    NetStack stack = kernel.stack(ns);
    NftTable first = table("junction", "forward", "isolation");
    stack.applyNft(NftRuleset.builder().replaceTable(first).build());
    assertThat(stack.findNftTable(NftFamily.INET, "junction")).contains(NftTableState.of(first));
    assertThat(stack.listNftTables()).containsExactly("inet junction");
    assertThat(observer.nftTables(ns)).containsExactly("inet junction");
    assertThat(observer.nftChains(ns, "inet", "junction"))
        .containsExactlyInAnyOrder("forward:filter:forward:0:accept rules=2", "isolation rules=1");
    NftTable second = table("junction", "isolation");
    stack.applyNft(NftRuleset.builder().replaceTable(second).build());
    assertThat(stack.findNftTable(NftFamily.INET, "junction")).contains(NftTableState.of(second));
    assertThat(observer.nftChains(ns, "inet", "junction")).containsExactly("isolation rules=1");
    stack.applyNft(
        NftRuleset.builder()
            .deleteTable(NftFamily.INET, "junction")
            .deleteTable(NftFamily.IP, "absent")
            .build());
    assertThat(stack.findNftTable(NftFamily.INET, "junction")).isEmpty();
    assertThat(stack.listNftTables()).isEmpty();
    assertThat(observer.nftTables(ns)).isEmpty();
  }

  @Test
  void nftTablesArePerNamespace() {
    NetNs a = ns("nfta");
    NetNs b = ns("nftb");
    kernel
        .stack(a)
        .applyNft(NftRuleset.builder().replaceTable(table("junction", "isolation")).build());
    assertThat(kernel.stack(b).listNftTables()).isEmpty();
    assertThat(observer.nftTables(b)).isEmpty();
    assertThatThrownBy(() -> kernel.stack(a).findNftTable(NftFamily.INET, "bad name"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
