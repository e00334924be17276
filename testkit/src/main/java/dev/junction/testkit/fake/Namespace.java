package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.ns.NetNs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One network namespace: its links and the tables that hang off them, and the consequences one
 * change has on the others (a link going down takes its routes and IPv6 addresses, a port joining a
 * bridge moves the bridge's MTU and MAC, and so on).
 */
final class Namespace {

  private static final int ETHERNET_MTU = 1500;
  private static final int LOOPBACK_MTU = 65536;
  private static final MacAddress ZERO_MAC = new MacAddress(0);

  final NetNs handle;
  private final TreeMap<Integer, FakeLink> links = new TreeMap<>();
  private int nextIndex = 1;

  final SysctlTable sysctls = new SysctlTable(this);
  final AddressTable addresses = new AddressTable(this);
  final RouteTable routes = new RouteTable(this);
  final NeighborTable neighbors = new NeighborTable(this);
  final FdbTable fdb = new FdbTable();
  final NftTables nft = new NftTables();

  /** A namespace as the kernel makes it: nothing but a loopback device, down. */
  Namespace(NetNs handle) {
    this.handle = handle;
    FakeLink lo = new FakeLink(new FakeLink.Kind.Loopback(), "lo", LOOPBACK_MTU, ZERO_MAC);
    register(lo, allocateIndex());
  }

  // ---- the link registry

  /** Every link, by index. */
  Collection<FakeLink> links() {
    return links.values();
  }

  /** The link with this name or alternative name, as the kernel's name lookup finds it. */
  Optional<FakeLink> find(String name) {
    for (FakeLink link : links.values()) {
      if (link.answersTo(name)) {
        return Optional.of(link);
      }
    }
    return Optional.empty();
  }

  /** The link, or the kernel's ENODEV. */
  FakeLink require(String name) {
    return find(name).orElseThrow(() -> new Refusal(Errno.ENODEV));
  }

  /**
   * The link, or ENODEV as the engine's userspace lookup ({@code SIOCGIFINDEX}) reports it before
   * any message reaches the kernel.
   */
  FakeLink resolve(String name) {
    return find(name)
        .orElseThrow(() -> new Refusal(Errno.ENODEV, "no link named \"" + name + "\""));
  }

  /** Only the primary name: {@code /proc/sys/net/.../conf} directories know no altnames. */
  Optional<FakeLink> findByPrimaryName(String name) {
    return links.values().stream().filter(link -> link.name.equals(name)).findFirst();
  }

  boolean nameInUse(String name) {
    return find(name).isPresent();
  }

  /**
   * The next free index. The kernel allocates cyclically from a hint that only moves forward, so
   * indexes are not reused, and one a moved-in link kept is skipped.
   */
  int allocateIndex() {
    while (links.containsKey(nextIndex)) {
      nextIndex++;
    }
    return nextIndex++;
  }

  boolean indexFree(int index) {
    return !links.containsKey(index);
  }

  void register(FakeLink link, int index) {
    link.namespace = this;
    link.index = index;
    links.put(index, link);
    sysctls.initialize(link);
  }

  List<FakeLink> portsOf(FakeLink bridge) {
    List<FakeLink> ports = new ArrayList<>();
    for (FakeLink link : links.values()) {
      if (link.master == bridge) {
        ports.add(link);
      }
    }
    return ports;
  }

  // ---- consequences

  void bringUp(FakeLink link) {
    if (link.up) {
      return;
    }
    link.up = true;
    if (link.isLoopback()) {
      addresses.addLoopbackAddresses(link);
    }
    addresses.installPrefixRoutes(link);
  }

  /**
   * What {@code NETDEV_DOWN} does: every route through the link goes, in every table; IPv6 drops
   * the link's addresses (keep_addr_on_down is off); neighbour entries go, permanent ones too. IPv4
   * addresses stay, and their prefix routes return when the link comes back up.
   */
  void bringDown(FakeLink link) {
    if (!link.up) {
      return;
    }
    link.up = false;
    routes.removeVia(link, null);
    addresses.removeIpv6(link);
    neighbors.removeLink(link);
    fdb.linkDown(link);
  }

  /** IPv6 stops on a link (disable_ipv6, or an MTU below 1280): addresses and routes go. */
  void stopIpv6(FakeLink link) {
    addresses.removeIpv6(link);
    routes.removeVia(link, IpFamily.V6);
  }

  /**
   * IPv6 restarts on a link: nothing comes back but what the kernel generates, which for a loopback
   * device that is up is {@code ::1}.
   */
  void startIpv6(FakeLink link) {
    if (link.up && link.isLoopback()) {
      addresses.addLoopbackAddresses(link);
    }
  }

  /**
   * Takes a link out of this namespace, with everything that refers to it here: what {@code
   * NETDEV_UNREGISTER} does, for a deletion or a move alike.
   */
  void unregister(FakeLink link) {
    link.up = false;
    addresses.removeAll(link);
    routes.removeVia(link, null);
    neighbors.removeLink(link);
    fdb.removeLink(link);
    for (FakeLink port : portsOf(link)) {
      port.master = null;
    }
    FakeLink bridge = link.master;
    link.master = null;
    links.remove(link.index);
    if (bridge != null && links.get(bridge.index) == bridge) {
      adjustBridge(bridge);
    }
  }

  void attach(FakeLink port, FakeLink bridge) {
    port.master = bridge;
    adjustBridge(bridge);
  }

  void detach(FakeLink port) {
    FakeLink bridge = port.master;
    if (bridge != null) {
      port.master = null;
      adjustBridge(bridge);
    }
  }

  /**
   * A bridge takes the smallest MTU and the lowest MAC of its ports (1500 and the zero MAC without
   * ports) unless they were set on the bridge itself. MTU and MAC given at creation do not count as
   * set: the kernel applies them without going through the bridge driver.
   */
  void adjustBridge(FakeLink bridge) {
    List<FakeLink> ports = portsOf(bridge);
    if (!bridge.mtuSetByUser) {
      int mtu = ports.stream().mapToInt(port -> port.mtu).min().orElse(ETHERNET_MTU);
      changeMtu(bridge, mtu);
    }
    if (!bridge.macSetByUser) {
      bridge.mac =
          ports.stream()
              .map(port -> port.mac)
              .min(Comparator.comparingLong(MacAddress::bits))
              .orElse(ZERO_MAC);
    }
  }

  /** Sets an MTU that has passed validation, and carries it to what depends on it. */
  void changeMtu(FakeLink link, int mtu) {
    int old = link.mtu;
    if (old == mtu) {
      return;
    }
    link.mtu = mtu;
    // Raising it again brings back only link-local addresses, which the fake does not model.
    if (mtu < FakeLink.IPV6_MIN_MTU && old >= FakeLink.IPV6_MIN_MTU) {
      stopIpv6(link);
    }
    for (FakeLink upper : link.uppers) {
      // Macvlans shrink with their parent, but do not grow back.
      if (upper.isMacvlan() && upper.mtu > mtu) {
        upper.namespace.changeMtu(upper, mtu);
      }
    }
    if (link.master != null) {
      adjustBridge(link.master);
    }
  }

  void changeMac(FakeLink link, MacAddress mac) {
    link.mac = mac;
    if (link.master != null) {
      adjustBridge(link.master);
    }
  }
}
