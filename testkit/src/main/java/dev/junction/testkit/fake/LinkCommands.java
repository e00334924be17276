package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.SysctlKey;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.link.MacvlanMode;
import dev.junction.kernel.ns.NetNs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The link operations of one namespace. Each checks everything, in the order the kernel does so
 * that the first error is the kernel's, before it changes anything.
 */
final class LinkCommands {

  /** Port numbers of a bridge run from 1 to 1023. */
  static final int MAX_BRIDGE_PORTS = 1023;

  private static final int ETHERNET_MTU = 1500;

  private final FakeKernel kernel;
  private final Namespace namespace;

  LinkCommands(FakeKernel kernel, Namespace namespace) {
    this.kernel = kernel;
    this.namespace = namespace;
  }

  // ---- creation

  Link add(LinkSpec spec) {
    LinkSettings settings = spec.settings();
    // What the engine resolves itself before it sends the request.
    Namespace peerNamespace =
        spec instanceof LinkSpec.Veth veth && veth.peerNs().isPresent()
            ? kernel.requireNamespace(veth.peerNs().get())
            : namespace;
    FakeLink master = settings.master().map(namespace::resolve).orElse(null);
    FakeLink lower =
        switch (spec) {
          case LinkSpec.Macvlan macvlan -> namespace.resolve(macvlan.parent());
          case LinkSpec.Vxlan vxlan -> vxlan.underlay().map(namespace::resolve).orElse(null);
          default -> null;
        };

    InterfaceNames.requireLength(spec.name());
    if (namespace.nameInUse(spec.name())) {
      throw new Refusal(Errno.EEXIST);
    }
    if (!kernel.supportsLinkKind(kindOf(spec))) {
      throw new Refusal(Errno.EOPNOTSUPP, "Unknown device type");
    }
    requireValidMac(settings);
    FakeLink link =
        switch (spec) {
          case LinkSpec.Bridge bridge -> bridge(bridge);
          case LinkSpec.Dummy dummy ->
              ethernet(new FakeLink.Kind.Dummy(), dummy.name(), dummy.settings());
          case LinkSpec.Vxlan vxlan -> vxlan(vxlan, lower);
          case LinkSpec.Macvlan macvlan -> macvlan(macvlan, lower);
          case LinkSpec.Veth veth -> vethEnd(veth.name(), settings);
        };
    link.group = settings.group().orElse(0);
    FakeLink peer = spec instanceof LinkSpec.Veth veth ? peer(veth, peerNamespace) : null;
    if (peer == null) {
      InterfaceNames.requireWellFormed(spec.name());
    }
    requireConfigurable(link, peer, peerNamespace, settings.up(), master);

    if (peer != null) {
      peerNamespace.register(peer, peerNamespace.allocateIndex());
      link.peer = peer;
      peer.peer = link;
    }
    namespace.register(link, namespace.allocateIndex());
    if (link.lower != null) {
      link.lower.uppers.add(link);
    }
    if (settings.up()) {
      namespace.bringUp(link);
    }
    if (master != null) {
      namespace.attach(link, master);
    }
    // The engine settles IPv6 and brings the peer up with further requests, after it has read
    // the link back.
    Link created = link.snapshot();
    settleIpv6(namespace, link.name, settings.ipv6());
    if (spec instanceof LinkSpec.Veth veth) {
      settleIpv6(peerNamespace, peer.name, veth.peerSettings().ipv6());
      if (veth.peerSettings().up()) {
        peerNamespace.bringUp(peer);
      }
    }
    return created;
  }

  /** IPv6 on or off as asked, whatever the namespace's default gave the link. */
  private static void settleIpv6(Namespace namespace, String link, boolean ipv6) {
    namespace.sysctls.write(ipv6Switch(link), ipv6 ? "0" : "1");
  }

  private static SysctlKey ipv6Switch(String link) {
    return SysctlKey.parse("net/ipv6/conf/" + link + "/disable_ipv6");
  }

  /**
   * A veth's peer end: the kernel checks and registers it before this end, so its errors come
   * first.
   */
  private FakeLink peer(LinkSpec.Veth veth, Namespace peerNamespace) {
    InterfaceNames.requireLength(veth.peerName());
    requireValidMac(veth.peerSettings());
    FakeLink peer = vethEnd(veth.peerName(), veth.peerSettings());
    peer.group = veth.peerSettings().group().orElse(0);
    InterfaceNames.requireWellFormed(veth.peerName());
    if (peerNamespace.nameInUse(veth.peerName())) {
      throw new Refusal(Errno.EEXIST);
    }
    try {
      InterfaceNames.requireWellFormed(veth.name());
      if (peerNamespace == namespace && veth.peerName().equals(veth.name())) {
        throw new Refusal(Errno.EEXIST);
      }
    } catch (Refusal refusal) {
      // The peer was registered, and its index spent, when the kernel gave up on this end.
      peerNamespace.allocateIndex();
      throw refusal;
    }
    return peer;
  }

  /**
   * What the kernel checks once a new link is registered: bringing it up and attaching it to its
   * master. On failure it unregisters the link (and its peer), their indexes spent.
   */
  private void requireConfigurable(
      FakeLink link, FakeLink peer, Namespace peerNamespace, boolean up, FakeLink master) {
    try {
      if (up && link.isMacvlan() && macAddressBusy(link, link.mac)) {
        throw new Refusal(Errno.EADDRINUSE);
      }
      if (master != null) {
        requirePort(link, master);
      }
    } catch (Refusal refusal) {
      if (peer != null) {
        peerNamespace.allocateIndex();
      }
      namespace.allocateIndex();
      throw refusal;
    }
  }

  private static String kindOf(LinkSpec spec) {
    return switch (spec) {
      case LinkSpec.Bridge _ -> "bridge";
      case LinkSpec.Dummy _ -> "dummy";
      case LinkSpec.Veth _ -> "veth";
      case LinkSpec.Vxlan _ -> "vxlan";
      case LinkSpec.Macvlan _ -> "macvlan";
    };
  }

  private static void requireValidMac(LinkSettings settings) {
    if (settings.mac().isPresent() && !isValidMac(settings.mac().get())) {
      throw new Refusal(Errno.EADDRNOTAVAIL);
    }
  }

  /** {@code is_valid_ether_addr}: neither multicast nor all zeros. */
  private static boolean isValidMac(MacAddress mac) {
    return !mac.isMulticast() && mac.bits() != 0;
  }

  /** {@code dev_validate_mtu}, with the kernel's messages. */
  private static void requireMtuInRange(int mtu, int max) {
    if (mtu < FakeLink.MIN_MTU) {
      throw new Refusal(Errno.EINVAL, "mtu less than device minimum");
    }
    if (mtu > max) {
      throw new Refusal(Errno.EINVAL, "mtu greater than device maximum");
    }
  }

  private FakeLink ethernet(FakeLink.Kind kind, String name, LinkSettings settings) {
    int mtu = settings.mtu().orElse(ETHERNET_MTU);
    requireMtuInRange(mtu, FakeLink.ETHERNET_MAX_MTU);
    return new FakeLink(kind, name, mtu, settings.mac().orElseGet(kernel::randomMac));
  }

  private FakeLink bridge(LinkSpec.Bridge spec) {
    FakeLink bridge =
        ethernet(new FakeLink.Kind.Bridge(spec.multicastSnooping()), spec.name(), spec.settings());
    bridge.macSetByUser = spec.settings().mac().isPresent();
    return bridge;
  }

  /** veth validates its ends' MTUs itself, without a message. */
  private FakeLink vethEnd(String name, LinkSettings settings) {
    int mtu = settings.mtu().orElse(ETHERNET_MTU);
    if (mtu < FakeLink.MIN_MTU || mtu > FakeLink.ETHERNET_MAX_MTU) {
      throw new Refusal(Errno.EINVAL);
    }
    return new FakeLink(
        new FakeLink.Kind.Veth(), name, mtu, settings.mac().orElseGet(kernel::randomMac));
  }

  /**
   * Without an underlay a vxlan starts at 1500; with one, at the underlay's MTU less the tunnel
   * headers, which is also the most it is given.
   */
  private FakeLink vxlan(LinkSpec.Vxlan spec, FakeLink underlay) {
    FakeLink.Kind.Vxlan kind =
        new FakeLink.Kind.Vxlan(spec.vni(), spec.local(), spec.port(), spec.learning());
    spec.settings().mtu().ifPresent(mtu -> requireMtuInRange(mtu, FakeLink.ETHERNET_MAX_MTU));
    for (FakeLink other : namespace.links()) {
      if (other.kind instanceof FakeLink.Kind.Vxlan existing
          && existing.vni() == kind.vni()
          && existing.port() == kind.port()
          && existing.family() == kind.family()) {
        throw new Refusal(Errno.EEXIST, "A VXLAN device with the specified VNI already exists");
      }
    }
    int max =
        underlay == null
            ? FakeLink.ETHERNET_MAX_MTU
            : Math.max(FakeLink.MIN_MTU, underlay.mtu - kind.overhead());
    int mtu = Math.min(spec.settings().mtu().orElse(underlay == null ? ETHERNET_MTU : max), max);
    FakeLink link =
        new FakeLink(kind, spec.name(), mtu, spec.settings().mac().orElseGet(kernel::randomMac));
    link.lower = underlay;
    return link;
  }

  /**
   * A macvlan on a macvlan lands on the real parent. The parent must be an Ethernet device that no
   * bridge holds, and the macvlan's MTU cannot exceed the parent's.
   */
  private FakeLink macvlan(LinkSpec.Macvlan spec, FakeLink parent) {
    spec.settings().mtu().ifPresent(mtu -> requireMtuInRange(mtu, FakeLink.ETHERNET_MAX_MTU));
    FakeLink lower = parent.isMacvlan() ? parent.lower : parent;
    int mtu = spec.settings().mtu().orElse(lower.mtu);
    if (mtu > lower.mtu) {
      throw new Refusal(Errno.EINVAL);
    }
    if (lower.isLoopback()) {
      throw new Refusal(Errno.EINVAL);
    }
    if (lower.master != null) {
      throw new Refusal(Errno.EBUSY);
    }
    List<FakeLink> siblings = macvlansOn(lower);
    boolean passthru = spec.mode() == MacvlanMode.PASSTHRU;
    if (siblings.stream().anyMatch(LinkCommands::isPassthru) || (passthru && !siblings.isEmpty())) {
      throw new Refusal(Errno.EINVAL);
    }
    MacAddress mac = passthru ? lower.mac : spec.settings().mac().orElseGet(kernel::randomMac);
    FakeLink link = new FakeLink(new FakeLink.Kind.Macvlan(spec.mode()), spec.name(), mtu, mac);
    link.lower = lower;
    return link;
  }

  private static boolean isPassthru(FakeLink link) {
    return link.kind instanceof FakeLink.Kind.Macvlan(MacvlanMode mode)
        && mode == MacvlanMode.PASSTHRU;
  }

  private static List<FakeLink> macvlansOn(FakeLink lower) {
    return lower.uppers.stream().filter(FakeLink::isMacvlan).toList();
  }

  // ---- deletion

  void delete(String name) {
    FakeLink link = namespace.require(name);
    if (link.isLoopback()) {
      throw new Refusal(Errno.EOPNOTSUPP);
    }
    remove(link);
  }

  /**
   * {@code ip link delete group}: the kernel refuses the whole group when one member cannot be
   * deleted; an empty group is the engine's business (it treats ENODEV as done).
   */
  void deleteGroup(int group) {
    List<FakeLink> members =
        namespace.links().stream().filter(link -> link.group == group).toList();
    if (members.stream().anyMatch(FakeLink::isLoopback)) {
      throw new Refusal(Errno.EOPNOTSUPP);
    }
    members.forEach(LinkCommands::remove);
  }

  /**
   * Deletes a link with what cannot live without it: a veth's other end, and the macvlans and
   * vxlans built on it, wherever they are.
   */
  static void remove(FakeLink link) {
    Set<FakeLink> doomed = new LinkedHashSet<>();
    List<FakeLink> pending = new ArrayList<>(List.of(link));
    while (!pending.isEmpty()) {
      FakeLink next = pending.removeLast();
      if (next.namespace == null || !doomed.add(next)) {
        continue;
      }
      if (next.peer != null) {
        pending.add(next.peer);
      }
      pending.addAll(next.uppers);
    }
    for (FakeLink gone : doomed) {
      gone.namespace.unregister(gone);
      gone.namespace = null;
      if (gone.lower != null) {
        gone.lower.uppers.remove(gone);
      }
    }
  }

  // ---- settings

  void setUp(String name, boolean up) {
    FakeLink link = namespace.require(name);
    if (up) {
      if (!link.up && link.isMacvlan() && macAddressBusy(link, link.mac)) {
        throw new Refusal(Errno.EADDRINUSE);
      }
      namespace.bringUp(link);
    } else {
      namespace.bringDown(link);
    }
  }

  /**
   * The device's range is checked with the kernel's messages, then the driver's own limit without
   * one. Setting a bridge's MTU pins it against its ports'.
   */
  void setMtu(String name, int mtu) {
    FakeLink link = namespace.require(name);
    if (mtu == link.mtu) {
      return;
    }
    requireMtuInRange(mtu, link.deviceMaxMtu());
    if (mtu > link.driverMaxMtu()) {
      throw new Refusal(Errno.EINVAL);
    }
    if (link.isBridge()) {
      link.mtuSetByUser = true;
    }
    namespace.changeMtu(link, mtu);
  }

  void setMac(String name, MacAddress mac) {
    FakeLink link = namespace.require(name);
    if (!isValidMac(mac)) {
      throw new Refusal(Errno.EADDRNOTAVAIL);
    }
    if (link.isMacvlan()) {
      if (mac.equals(link.mac)) {
        return;
      }
      if (isPassthru(link)) {
        // A passthru macvlan is its parent's stand-in: the parent's address changes with it.
        link.lower.namespace.changeMac(link.lower, mac);
      } else if (macAddressBusy(link, mac)) {
        throw new Refusal(Errno.EADDRINUSE);
      }
    }
    if (link.isBridge()) {
      link.macSetByUser = true;
    }
    namespace.changeMac(link, mac);
  }

  /**
   * {@code macvlan_addr_busy}: the parent's own address, or that of a sibling that is up (only
   * those are in the port's hash).
   */
  private static boolean macAddressBusy(FakeLink macvlan, MacAddress mac) {
    FakeLink lower = macvlan.lower;
    return (!isPassthru(macvlan) && lower.mac.equals(mac))
        || macvlansOn(lower).stream()
            .anyMatch(other -> other != macvlan && other.up && other.mac.equals(mac));
  }

  /**
   * The kernel lets go of the current master before it looks at the new one, so a refused move
   * leaves the link without a master, as on Linux.
   */
  void setMaster(String name, String bridgeName) {
    FakeLink bridge = namespace.resolve(bridgeName);
    FakeLink link = namespace.require(name);
    if (link.master == bridge) {
      return;
    }
    namespace.detach(link);
    requirePort(link, bridge);
    namespace.attach(link, bridge);
  }

  /** {@code br_add_if}'s checks, after the master itself is found to be a bridge. */
  private void requirePort(FakeLink link, FakeLink bridge) {
    if (!bridge.isBridge()) {
      throw new Refusal(Errno.EOPNOTSUPP);
    }
    if (link.isLoopback() || !isValidMac(link.mac)) {
      throw new Refusal(Errno.EINVAL);
    }
    if (link.isBridge()) {
      throw new Refusal(Errno.ELOOP, "Can not enslave a bridge to a bridge");
    }
    if (namespace.portsOf(bridge).size() >= MAX_BRIDGE_PORTS) {
      throw new Refusal(Errno.EXFULL);
    }
    if (!macvlansOn(link).isEmpty()) {
      // A macvlan parent's receive hook is taken.
      throw new Refusal(Errno.EBUSY);
    }
  }

  void setNoMaster(String name) {
    namespace.detach(namespace.require(name));
  }

  /** The engine finds the link by index first, so a missing link is its own ENODEV. */
  void rename(String name, String newName) {
    FakeLink link = namespace.resolve(name);
    InterfaceNames.requireLength(newName);
    if (newName.equals(link.name)) {
      return;
    }
    InterfaceNames.requireWellFormed(newName);
    if (namespace.nameInUse(newName)) {
      throw new Refusal(Errno.EEXIST);
    }
    link.name = newName;
  }

  /**
   * The link arrives down, without master, addresses, routes or neighbours, with the target's
   * sysctl defaults, and keeps its index when the target has it free. Loopback devices and bridges
   * cannot leave their namespace.
   */
  void move(String name, NetNs target) {
    Namespace destination = kernel.requireNamespace(target);
    FakeLink link = namespace.require(name);
    if (link.isLoopback() || link.isBridge()) {
      throw new Refusal(Errno.EINVAL, "The interface netns is immutable");
    }
    if (destination == namespace) {
      return;
    }
    if (destination.nameInUse(link.name)) {
      throw new Refusal(
          Errno.EEXIST,
          "Unable to use '" + link.name + "' for the new interface name in the target netns");
    }
    for (String altName : link.altNames) {
      if (destination.nameInUse(altName)) {
        throw new Refusal(
            Errno.EEXIST,
            "An interface with the altname " + altName + " exists in the target netns");
      }
    }
    namespace.fdb.moveRemote(link, destination.fdb);
    namespace.unregister(link);
    destination.register(
        link, destination.indexFree(link.index) ? link.index : destination.allocateIndex());
  }

  void setGroup(String name, int group) {
    namespace.require(name).group = group;
  }

  void addAltName(String name, String altName) {
    InterfaceNames.requireValidAltName(altName);
    FakeLink link = namespace.require(name);
    if (namespace.nameInUse(altName)) {
      throw new Refusal(Errno.EEXIST);
    }
    link.altNames.add(altName);
  }
}
