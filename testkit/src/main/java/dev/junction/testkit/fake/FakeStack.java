package dev.junction.testkit.fake;

import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.SysctlKey;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftNames;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.fake.FakeKernel.Op;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A namespace's {@link NetStack}: names each operation as the real implementation does, checks what
 * the real one refuses before it reaches the kernel, and hands the rest to the namespace.
 */
final class FakeStack implements NetStack {

  private final FakeKernel kernel;
  private final NetNs netNs;

  FakeStack(FakeKernel kernel, NetNs netNs) {
    this.kernel = kernel;
    this.netNs = netNs;
  }

  @Override
  public NetNs netNs() {
    return netNs;
  }

  private <T> T read(Op op, String operation, Function<Namespace, T> body) {
    return kernel.call(netNs, op, operation, null, body);
  }

  private void change(Op op, String operation, Consumer<Namespace> body) {
    kernel.call(
        netNs,
        op,
        operation,
        operation,
        ns -> {
          body.accept(ns);
          return null;
        });
  }

  private LinkCommands links(Namespace namespace) {
    return new LinkCommands(kernel, namespace);
  }

  // ---- links

  @Override
  public Link addLink(LinkSpec spec) {
    String operation = spec.describe();
    return kernel.call(netNs, Op.ADD_LINK, operation, operation, ns -> links(ns).add(spec));
  }

  @Override
  public void deleteLink(String name) {
    change(Op.DELETE_LINK, "ip link delete " + name, ns -> links(ns).delete(name));
  }

  @Override
  public void deleteLinkGroup(int group) {
    if (group == 0) {
      throw new IllegalArgumentException(
          "ip link delete group 0 would delete every default-group link: refused");
    }
    change(
        Op.DELETE_LINK_GROUP, "ip link delete group " + group, ns -> links(ns).deleteGroup(group));
  }

  @Override
  public Optional<Link> findLink(String name) {
    return read(Op.FIND_LINK, "ip link show " + name, ns -> ns.find(name).map(FakeLink::snapshot));
  }

  @Override
  public List<Link> listLinks() {
    return read(
        Op.LIST_LINKS, "ip link show", ns -> ns.links().stream().map(FakeLink::snapshot).toList());
  }

  @Override
  public void setUp(String name, boolean up) {
    change(
        Op.SET_UP, "ip link set " + name + (up ? " up" : " down"), ns -> links(ns).setUp(name, up));
  }

  @Override
  public void setMtu(String name, int mtu) {
    change(Op.SET_MTU, "ip link set " + name + " mtu " + mtu, ns -> links(ns).setMtu(name, mtu));
  }

  @Override
  public void setMac(String name, MacAddress mac) {
    change(
        Op.SET_MAC, "ip link set " + name + " address " + mac, ns -> links(ns).setMac(name, mac));
  }

  @Override
  public void setMaster(String name, String bridge) {
    change(
        Op.SET_MASTER,
        "ip link set " + name + " master " + bridge,
        ns -> links(ns).setMaster(name, bridge));
  }

  @Override
  public void setNoMaster(String name) {
    change(Op.SET_NOMASTER, "ip link set " + name + " nomaster", ns -> links(ns).setNoMaster(name));
  }

  @Override
  public void rename(String name, String newName) {
    change(
        Op.RENAME,
        "ip link set " + name + " name " + newName,
        ns -> links(ns).rename(name, newName));
  }

  @Override
  public void moveToNetNs(String name, NetNs target) {
    change(
        Op.MOVE_NETNS,
        "ip link set " + name + " netns " + target.path(),
        ns -> links(ns).move(name, target));
  }

  @Override
  public void setGroup(String name, int group) {
    change(
        Op.SET_GROUP,
        "ip link set " + name + " group " + group,
        ns -> links(ns).setGroup(name, group));
  }

  @Override
  public void addAltName(String name, String altName) {
    change(
        Op.ADD_ALTNAME,
        "ip link property add dev " + name + " altname " + altName,
        ns -> links(ns).addAltName(name, altName));
  }

  // ---- addresses

  @Override
  public void addAddress(String name, InterfaceAddress address) {
    change(
        Op.ADD_ADDRESS,
        "ip addr add " + address + " dev " + name,
        ns -> ns.addresses.add(ns.resolve(name), address));
  }

  @Override
  public void deleteAddress(String name, InterfaceAddress address) {
    change(
        Op.DELETE_ADDRESS,
        "ip addr del " + address + " dev " + name,
        ns -> ns.addresses.delete(ns.resolve(name), address));
  }

  @Override
  public List<LinkAddress> listAddresses(String name, IpFamily family) {
    return read(
        Op.LIST_ADDRESSES,
        "ip addr show dev " + name,
        ns -> ns.addresses.list(ns.resolve(name), family));
  }

  @Override
  public List<LinkAddress> listAddresses(IpFamily family) {
    return read(Op.LIST_ADDRESSES, "ip addr show", ns -> ns.addresses.list(null, family));
  }

  // ---- routes

  @Override
  public void addRoute(Route route) {
    change(Op.ADD_ROUTE, "ip route add " + route.describe(), ns -> ns.routes.add(route));
  }

  @Override
  public void replaceRoute(Route route) {
    change(
        Op.REPLACE_ROUTE, "ip route replace " + route.describe(), ns -> ns.routes.replace(route));
  }

  @Override
  public void deleteRoute(Route route) {
    change(Op.DELETE_ROUTE, "ip route del " + route.describe(), ns -> ns.routes.delete(route));
  }

  @Override
  public List<Route> listRoutes(IpFamily family, int table) {
    return read(
        Op.LIST_ROUTES, "ip route show table " + table, ns -> ns.routes.list(family, table));
  }

  // ---- neighbours and FDB

  @Override
  public void addNeighbor(Neighbor neighbor) {
    MacAddress mac =
        neighbor
            .mac()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "neighbour " + neighbor.address() + ": a MAC address is required"));
    change(
        Op.ADD_NEIGHBOR,
        "ip neigh replace "
            + neighbor.address()
            + " lladdr "
            + mac
            + " dev "
            + neighbor.device()
            + " nud permanent",
        ns -> ns.neighbors.replace(ns.resolve(neighbor.device()), neighbor.address(), mac));
  }

  @Override
  public void deleteNeighbor(String name, IpAddress address) {
    change(
        Op.DELETE_NEIGHBOR,
        "ip neigh del " + address + " dev " + name,
        ns -> ns.neighbors.delete(ns.resolve(name), address));
  }

  @Override
  public List<Neighbor> listNeighbors(String name) {
    return read(
        Op.LIST_NEIGHBORS,
        "ip neigh show dev " + name,
        ns -> ns.neighbors.list(ns.resolve(name), name));
  }

  @Override
  public void appendFdb(FdbEntry entry) {
    change(
        Op.APPEND_FDB,
        "bridge fdb append "
            + entry.mac()
            + " dev "
            + entry.device()
            + entry.destination().map(d -> " dst " + d).orElse("")
            + (entry.permanent() ? " self permanent" : " self dynamic"),
        ns -> ns.fdb.append(ns.resolve(entry.device()), entry));
  }

  @Override
  public void deleteFdb(FdbEntry entry) {
    change(
        Op.DELETE_FDB,
        "bridge fdb del "
            + entry.mac()
            + " dev "
            + entry.device()
            + entry.destination().map(d -> " dst " + d).orElse("")
            + " self",
        ns -> ns.fdb.delete(ns.resolve(entry.device()), entry));
  }

  @Override
  public List<FdbEntry> listFdb(String name) {
    return read(
        Op.LIST_FDB, "bridge fdb show dev " + name, ns -> ns.fdb.list(ns.resolve(name), name));
  }

  // ---- sysctls

  @Override
  public String readSysctl(String key) {
    SysctlKey parsed = SysctlKey.parse(key);
    return read(Op.READ_SYSCTL, "sysctl -n " + parsed, ns -> ns.sysctls.read(parsed));
  }

  @Override
  public void writeSysctl(String key, String value) {
    SysctlKey parsed = SysctlKey.parse(key);
    if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new IllegalArgumentException(
          "invalid value for sysctl " + parsed + ": \"" + value + "\"");
    }
    change(
        Op.WRITE_SYSCTL,
        "sysctl -w " + parsed + "=" + value,
        ns -> ns.sysctls.write(parsed, value));
  }

  // ---- nftables

  @Override
  public void applyNft(NftRuleset ruleset) {
    // The log names the tables, since "nft -f -" alone would not tell batches apart.
    kernel.call(
        netNs,
        Op.APPLY_NFT,
        "nft -f -",
        "nft -f -: " + NftTables.describe(ruleset),
        ns -> {
          ns.nft.apply(ruleset);
          return null;
        });
  }

  @Override
  public Optional<NftTableState> findNftTable(NftFamily family, String name) {
    NftNames.requireIdentifier("table", name);
    return read(
        Op.FIND_NFT_TABLE,
        "nft list table " + family.keyword() + " " + name,
        ns -> ns.nft.find(family, name));
  }

  @Override
  public List<String> listNftTables() {
    return read(Op.LIST_NFT_TABLES, "nft list tables", ns -> ns.nft.list());
  }

  @Override
  public String toString() {
    return "FakeStack[" + netNs + "]";
  }
}
