package dev.junction.kernel;

import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.kernel.ns.NetNs;
import java.util.List;
import java.util.Optional;

/**
 * The network stack of one namespace: its links, addresses, routes, neighbours, forwarding entries,
 * sysctls and nftables. Links are named by their interface name. Every method either does what it
 * says or throws {@link KernelException} with the kernel's error and changes nothing. Thread-safe.
 */
public interface NetStack {

  NetNs netNs();

  // ---- links

  /**
   * Creates a link ({@code ip link add ...}), with its settings in the same message, and returns it
   * as the kernel reports it.
   *
   * @throws KernelException {@link Errno#EEXIST} for a name in use, {@link Errno#ERANGE} for a name
   *     over 15 bytes, {@link Errno#ENODEV} for a missing master or parent
   */
  Link addLink(LinkSpec spec);

  /**
   * {@code ip link delete NAME}. Deleting either end of a veth pair deletes both.
   *
   * @throws KernelException {@link Errno#ENODEV} when there is no such link
   */
  void deleteLink(String name);

  /**
   * {@code ip link delete group GROUP}: deletes every link of the group with one message, far
   * cheaper than one deletion each. A group with no links is not an error.
   */
  void deleteLinkGroup(int group);

  /** {@code ip link show NAME}: the link, or empty when there is none. */
  Optional<Link> findLink(String name);

  /**
   * {@code ip link show NAME}.
   *
   * @throws KernelException {@link Errno#ENODEV} when there is no such link
   */
  default Link requireLink(String name) {
    return findLink(name)
        .orElseThrow(
            () ->
                new KernelException(Errno.ENODEV.number(), "ip link show " + name, "no such link"));
  }

  /** {@code ip link show}: every link of the namespace, by index. */
  List<Link> listLinks();

  /** {@code ip link set NAME up} or {@code down}. */
  void setUp(String name, boolean up);

  /** {@code ip link set NAME mtu MTU}; {@link Errno#EINVAL} outside the device's range. */
  void setMtu(String name, int mtu);

  /** {@code ip link set NAME address MAC}. */
  void setMac(String name, MacAddress mac);

  /**
   * {@code ip link set NAME master BRIDGE}. Unlike the other operations, a refused change from one
   * bridge to another leaves the link without a master (the kernel detaches before it attaches).
   */
  void setMaster(String name, String bridge);

  /** {@code ip link set NAME nomaster}. */
  void setNoMaster(String name);

  /**
   * {@code ip link set NAME name NEW}; {@link Errno#EEXIST} when the new name is taken. Linux 6.9
   * and later rename links that are up; older kernels refuse with {@link Errno#EBUSY}.
   */
  void rename(String name, String newName);

  /** {@code ip link set NAME netns TARGET}: the link leaves this namespace for {@code target}. */
  void moveToNetNs(String name, NetNs target);

  /** {@code ip link set NAME group GROUP}. */
  void setGroup(String name, int group);

  /** {@code ip link property add dev NAME altname ALT}. */
  void addAltName(String name, String altName);

  // ---- addresses

  /**
   * {@code ip addr add ADDRESS dev NAME} (IPv6 addresses with {@code nodad}: the engine hands out
   * unique addresses, and duplicate detection would hold them unusable for a second).
   *
   * @throws KernelException {@link Errno#EEXIST} when the link already has it
   */
  void addAddress(String name, InterfaceAddress address);

  /**
   * {@code ip addr del ADDRESS dev NAME}.
   *
   * @throws KernelException {@link Errno#EADDRNOTAVAIL} when the link does not have it
   */
  void deleteAddress(String name, InterfaceAddress address);

  /** {@code ip addr show dev NAME}, one family or both (null). */
  List<LinkAddress> listAddresses(String name, IpFamily family);

  /** {@code ip addr show}: the addresses of every link, one family or both (null). */
  List<LinkAddress> listAddresses(IpFamily family);

  // ---- routes

  /**
   * {@code ip route add ROUTE}.
   *
   * @throws KernelException {@link Errno#EEXIST} for an existing route, {@link Errno#ENETUNREACH}
   *     for a gateway not reachable on the device (unless on-link), {@link Errno#ENETDOWN} when the
   *     device is down
   */
  void addRoute(Route route);

  /** {@code ip route replace ROUTE}: adds it, or replaces the route with the same destination. */
  void replaceRoute(Route route);

  /**
   * {@code ip route del ROUTE}; fields left unset match anything.
   *
   * @throws KernelException {@link Errno#ESRCH} when no route matches
   */
  void deleteRoute(Route route);

  /**
   * {@code ip route show table TABLE}: the unicast routes of one family in one table, by
   * destination, then metric.
   */
  List<Route> listRoutes(IpFamily family, int table);

  // ---- neighbours and forwarding entries

  /** {@code ip neigh replace ADDRESS lladdr MAC dev NAME nud permanent}. */
  void addNeighbor(Neighbor neighbor);

  /**
   * {@code ip neigh del ADDRESS dev NAME}.
   *
   * @throws KernelException {@link Errno#ENOENT} when there is no such entry
   */
  void deleteNeighbor(String name, IpAddress address);

  /** {@code ip neigh show dev NAME}, without the multicast entries the kernel keeps for itself. */
  List<Neighbor> listNeighbors(String name);

  /**
   * {@code bridge fdb append MAC dev NAME dst DEST self permanent}: adds a destination for the MAC;
   * a MAC may have several (the all-zero MAC floods to each).
   */
  void appendFdb(FdbEntry entry);

  /**
   * {@code bridge fdb del MAC dev NAME dst DEST self}.
   *
   * @throws KernelException {@link Errno#ENOENT} when the MAC has no entry; as in the kernel, a
   *     destination the MAC does not have is not an error
   */
  void deleteFdb(FdbEntry entry);

  /** {@code bridge fdb show dev NAME}, entries with a destination (tunnel entries) only. */
  List<FdbEntry> listFdb(String name);

  // ---- sysctls

  /**
   * {@code sysctl -n KEY} in this namespace; the key is dotted ({@code net.ipv4.ip_forward}) or a
   * path under {@code /proc/sys} ({@code net/ipv4/conf/br-1.2/forwarding}, for names with dots).
   * Only {@code net.*} keys, which are per namespace, are allowed.
   *
   * @throws KernelException {@link Errno#ENOENT} for an unknown key
   */
  String readSysctl(String key);

  /** {@code sysctl -w KEY=VALUE} in this namespace; {@link Errno#EINVAL} for a bad value. */
  void writeSysctl(String key, String value);

  // ---- nftables

  /**
   * {@code nft -f RULESET} in this namespace, as one transaction.
   *
   * @throws KernelException when nft refuses it; nothing is applied then
   */
  void applyNft(NftRuleset ruleset);

  /** {@code nft list table FAMILY NAME}: the table, or empty when there is none. */
  Optional<NftTableState> findNftTable(NftFamily family, String name);

  /** {@code nft list tables}: family and name of every table, as {@code "inet junction"}. */
  List<String> listNftTables();
}
