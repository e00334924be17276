package dev.junction.netlink;

import dev.junction.kernel.Errno;
import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.KernelException;
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
import dev.junction.kernel.link.LinkAttributes;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NamespaceActor.Context;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.rtnl.AddressMessages;
import dev.junction.netlink.rtnl.LinkMessages;
import dev.junction.netlink.rtnl.NeighborMessages;
import dev.junction.netlink.rtnl.NsidMessages;
import dev.junction.netlink.rtnl.RouteMessages;
import dev.junction.netlink.sys.Libc;
import dev.junction.netlink.sys.NetlinkSocket;
import dev.junction.netlink.sys.Nftables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** One namespace's stack, each operation a task for that namespace's actor. */
final class NetlinkNetStack implements NetStack {

  /** Routes are listed by destination, then metric, whatever order the kernel dumps them in. */
  private static final java.util.Comparator<Route> ROUTE_ORDER =
      java.util.Comparator.comparing(Route::destination).thenComparingInt(Route::metric);

  private final NetlinkKernel kernel;
  private final NetNs ns;

  /** Whether links and addresses are read from the current namespace, by ns's id there. */
  private final boolean fromOutside;

  NetlinkNetStack(NetlinkKernel kernel, NetNs ns, boolean fromOutside) {
    this.kernel = kernel;
    this.ns = ns;
    this.fromOutside = fromOutside;
  }

  @Override
  public NetNs netNs() {
    return ns;
  }

  private <T> T call(Function<Context, T> task) {
    return kernel.actor(ns).call(task);
  }

  /**
   * Runs {@code read} on a strict socket of the current namespace, with the id by which that
   * namespace knows {@code ns}, giving {@code ns} one if it has none. The id is asked for each
   * time: a path can come to name another namespace, whose id differs.
   */
  private <T> T fromOutside(
      String operation, java.util.function.BiFunction<NetlinkSocket, Integer, T> read) {
    return kernel.readFromOutside(
        socket -> {
          int fd;
          try {
            fd = Libc.open(ns.path().toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
          } catch (KernelException e) {
            throw new KernelException(e.errno(), operation, "cannot open " + ns.path());
          }
          try {
            int nsid = NsidMessages.parse(socket.get(NsidMessages.get(fd), operation));
            if (nsid == NsidMessages.NOT_ASSIGNED) {
              socket.execute(NsidMessages.assign(fd), operation);
              nsid = NsidMessages.parse(socket.get(NsidMessages.get(fd), operation));
            }
            return read.apply(socket, nsid);
          } finally {
            Libc.close(fd);
          }
        });
  }

  private void run(java.util.function.Consumer<Context> task) {
    call(
        context -> {
          task.accept(context);
          return null;
        });
  }

  private static void execute(Context context, MessageWriter request, String operation) {
    context.rtnl().execute(request, operation);
  }

  private static int indexOf(Context context, String name, String operation) {
    return context.indexOf(name, operation);
  }

  private static Map<Integer, String> linkNames(Context context, String operation) {
    Map<Integer, String> names = new HashMap<>();
    for (Message message : context.rtnl().dump(LinkMessages.dump(), operation)) {
      Link link = LinkMessages.parse(message);
      names.put(link.index(), link.name());
    }
    return names;
  }

  // ---- links

  @Override
  public Link addLink(LinkSpec spec) {
    String operation = spec.describe();
    // The peer namespace's descriptor comes from its own actor, started here if need be.
    Integer peerFd =
        spec instanceof LinkSpec.Veth veth && veth.peerNs().isPresent()
            ? kernel.actor(veth.peerNs().get()).namespaceFd()
            : null;
    LinkSettings own = spec.settings();
    // A link without IPv6 must not come up before disable_ipv6 is set, or it would get its
    // link-local address first. A veth end has no carrier until its peer is up, so it may.
    boolean deferUp = !own.ipv6() && own.up() && !(spec instanceof LinkSpec.Veth);
    LinkSpec sent = deferUp ? withoutUp(spec) : spec;
    Link link =
        call(
            context -> {
              Map<String, Integer> resolved = new HashMap<>(); // the master's index, for the echo
              LinkMessages.Resolver resolver =
                  new LinkMessages.Resolver() {
                    @Override
                    public int indexOf(String name) {
                      int index = NetlinkNetStack.indexOf(context, name, operation);
                      resolved.put(name, index);
                      return index;
                    }

                    @Override
                    public int namespaceFd(NetNs peer) {
                      return peerFd;
                    }
                  };
              if (sent instanceof LinkSpec.Veth) {
                // The kernel echoes the new link, which spares reading it back (a round trip and
                // a kilobyte of attributes per connect). It echoes it before attaching it to its
                // master, which the request named and which the acknowledgement says it took.
                Optional<Message> echoed =
                    context.rtnl().executeEchoed(LinkMessages.add(sent, resolver), operation);
                if (echoed.isPresent() && LinkMessages.isLink(echoed.get())) {
                  Link made = LinkMessages.parse(echoed.get());
                  if (made instanceof Link.Veth veth
                      && made.attributes().name().equals(spec.name())) {
                    return own.master().isEmpty()
                        ? veth
                        : withMaster(veth, resolved.get(own.master().get()));
                  }
                }
              } else {
                execute(context, LinkMessages.add(sent, resolver), operation);
              }
              return LinkMessages.parse(
                  context.rtnl().get(LinkMessages.get(spec.name()), operation));
            });
    try {
      // Linux 6.x refuses a veth peer that asks to start up (ENOTCONN), so the peer comes up
      // with a second request, once IPv6 is settled on both ends.
      settleIpv6(this, spec.name(), own.ipv6());
      if (spec instanceof LinkSpec.Veth veth) {
        NetlinkNetStack peerStack =
            veth.peerNs().map(peer -> new NetlinkNetStack(kernel, peer, false)).orElse(this);
        settleIpv6(peerStack, veth.peerName(), veth.peerSettings().ipv6());
        if (veth.peerSettings().up()) {
          peerStack.setUp(veth.peerName(), true);
        }
      }
      if (deferUp) {
        setUp(spec.name(), true);
        link = requireLink(spec.name());
      }
    } catch (RuntimeException e) {
      try {
        deleteLink(spec.name()); // all or nothing: a veth pair goes with its failed half
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return link;
  }

  /**
   * Gives a new link IPv6 or none. A link starts from its namespace's default, so the sysctl is
   * written only where the default is not what is asked: a namespace whose default disables IPv6
   * (as the engine sets in the sandboxes it creates) spares each new link a request.
   */
  private static void settleIpv6(NetlinkNetStack stack, String link, boolean ipv6) {
    if (ipv6 != stack.ipv6DisabledByDefault()) {
      return;
    }
    stack.writeSysctl("net/ipv6/conf/" + link + "/disable_ipv6", ipv6 ? "0" : "1");
  }

  private static final SysctlKey IPV6_DEFAULT =
      SysctlKey.parse("net/ipv6/conf/default/disable_ipv6");

  /** The namespace's default disable_ipv6, read once and then followed through this layer. */
  private boolean ipv6DisabledByDefault() {
    NamespaceActor actor = kernel.actor(ns);
    Boolean known = actor.ipv6DisabledByDefault();
    if (known == null) {
      known = !readSysctl(IPV6_DEFAULT.toString()).equals("0");
      actor.ipv6DisabledByDefault(known);
    }
    return known;
  }

  private static Link.Veth withMaster(Link.Veth veth, int master) {
    LinkAttributes echoed = veth.attributes();
    return new Link.Veth(
        new LinkAttributes(
            echoed.index(),
            echoed.name(),
            echoed.mtu(),
            echoed.mac(),
            echoed.flags(),
            OptionalInt.of(master),
            echoed.group(),
            echoed.altNames()),
        veth.peerIndex());
  }

  private static LinkSpec withoutUp(LinkSpec spec) {
    LinkSettings down = spec.settings().withUp(false);
    return switch (spec) {
      case LinkSpec.Bridge bridge -> new LinkSpec.Bridge(bridge.name(), down);
      case LinkSpec.Dummy dummy -> new LinkSpec.Dummy(dummy.name(), down);
      case LinkSpec.Vxlan vxlan ->
          new LinkSpec.Vxlan(
              vxlan.name(),
              down,
              vxlan.vni(),
              vxlan.local(),
              vxlan.port(),
              vxlan.learning(),
              vxlan.underlay());
      case LinkSpec.Macvlan macvlan ->
          new LinkSpec.Macvlan(macvlan.name(), down, macvlan.parent(), macvlan.mode());
      case LinkSpec.Veth veth ->
          new LinkSpec.Veth(veth.name(), down, veth.peerName(), veth.peerNs(), veth.peerSettings());
    };
  }

  @Override
  public void deleteLink(String name) {
    kernel
        .actor(ns)
        .callDeletion(
            socket -> {
              socket.execute(LinkMessages.delete(name), "ip link delete " + name);
              return null;
            });
  }

  @Override
  public void deleteLinkGroup(int group) {
    if (group == 0) {
      throw new IllegalArgumentException(
          "ip link delete group 0 would delete every default-group link: refused");
    }
    kernel
        .actor(ns)
        .callDeletion(
            socket -> {
              try {
                socket.execute(LinkMessages.deleteGroup(group), "ip link delete group " + group);
              } catch (KernelException e) {
                if (!e.is(Errno.ENODEV)) { // the group has no links: nothing to do
                  throw e;
                }
              }
              return null;
            });
  }

  @Override
  public Optional<Link> findLink(String name) {
    if (fromOutside) {
      String operation = "ip -n " + ns.name() + " link show " + name;
      return fromOutside(
          operation,
          (socket, nsid) -> {
            try {
              return Optional.of(
                  LinkMessages.parse(socket.get(LinkMessages.get(name, nsid), operation)));
            } catch (KernelException e) {
              if (e.is(Errno.ENODEV)) {
                return Optional.empty();
              }
              throw e;
            }
          });
    }
    return call(
        context -> {
          try {
            return Optional.of(
                LinkMessages.parse(
                    context.rtnl().get(LinkMessages.get(name), "ip link show " + name)));
          } catch (KernelException e) {
            if (e.is(Errno.ENODEV)) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public List<Link> listLinks() {
    if (fromOutside) {
      String operation = "ip -n " + ns.name() + " link show";
      return fromOutside(
          operation,
          (socket, nsid) ->
              socket.dump(LinkMessages.dump(nsid), operation).stream()
                  .map(LinkMessages::parse)
                  .toList());
    }
    return call(
        context ->
            context.rtnl().dump(LinkMessages.dump(), "ip link show").stream()
                .map(LinkMessages::parse)
                .toList());
  }

  @Override
  public void setUp(String name, boolean up) {
    run(
        context ->
            execute(
                context,
                LinkMessages.setUp(name, up),
                "ip link set " + name + (up ? " up" : " down")));
  }

  @Override
  public void setMtu(String name, int mtu) {
    run(
        context ->
            execute(
                context, LinkMessages.setMtu(name, mtu), "ip link set " + name + " mtu " + mtu));
  }

  @Override
  public void setMac(String name, MacAddress mac) {
    run(
        context ->
            execute(
                context,
                LinkMessages.setMac(name, mac),
                "ip link set " + name + " address " + mac));
  }

  @Override
  public void setMaster(String name, String bridge) {
    String operation = "ip link set " + name + " master " + bridge;
    run(
        context ->
            execute(
                context,
                LinkMessages.setMaster(name, indexOf(context, bridge, operation)),
                operation));
  }

  @Override
  public void setNoMaster(String name) {
    run(
        context ->
            execute(context, LinkMessages.setMaster(name, 0), "ip link set " + name + " nomaster"));
  }

  @Override
  public void rename(String name, String newName) {
    String operation = "ip link set " + name + " name " + newName;
    run(
        context ->
            execute(
                context,
                LinkMessages.rename(indexOf(context, name, operation), newName),
                operation));
  }

  @Override
  public void moveToNetNs(String name, NetNs target) {
    String operation = "ip link set " + name + " netns " + target.path();
    int targetFd = kernel.actor(target).namespaceFd();
    run(context -> execute(context, LinkMessages.setNetNs(name, targetFd), operation));
  }

  @Override
  public void setGroup(String name, int group) {
    run(
        context ->
            execute(
                context,
                LinkMessages.setGroup(name, group),
                "ip link set " + name + " group " + group));
  }

  @Override
  public void addAltName(String name, String altName) {
    run(
        context ->
            execute(
                context,
                LinkMessages.addAltName(name, altName),
                "ip link property add dev " + name + " altname " + altName));
  }

  // ---- addresses

  @Override
  public void addAddress(String name, InterfaceAddress address) {
    String operation = "ip addr add " + address + " dev " + name;
    run(
        context ->
            execute(
                context,
                AddressMessages.add(indexOf(context, name, operation), address),
                operation));
  }

  @Override
  public void deleteAddress(String name, InterfaceAddress address) {
    String operation = "ip addr del " + address + " dev " + name;
    run(
        context ->
            execute(
                context,
                AddressMessages.delete(indexOf(context, name, operation), address),
                operation));
  }

  @Override
  public List<LinkAddress> listAddresses(String name, IpFamily family) {
    if (fromOutside) {
      String operation = "ip -n " + ns.name() + " addr show dev " + name;
      return fromOutside(
          operation,
          (socket, nsid) -> {
            int index =
                LinkMessages.parse(socket.get(LinkMessages.get(name, nsid), operation)).index();
            return socket.dump(AddressMessages.dump(family, nsid), operation).stream()
                .map(AddressMessages::parse)
                .filter(address -> address.linkIndex() == index)
                .toList();
          });
    }
    String operation = "ip addr show dev " + name;
    return call(
        context -> {
          int index = indexOf(context, name, operation);
          return context.rtnl().dump(AddressMessages.dump(family), operation).stream()
              .map(AddressMessages::parse)
              .filter(address -> address.linkIndex() == index)
              .toList();
        });
  }

  @Override
  public List<LinkAddress> listAddresses(IpFamily family) {
    if (fromOutside) {
      String operation = "ip -n " + ns.name() + " addr show";
      return fromOutside(
          operation,
          (socket, nsid) ->
              socket.dump(AddressMessages.dump(family, nsid), operation).stream()
                  .map(AddressMessages::parse)
                  .toList());
    }
    return call(
        context ->
            context.rtnl().dump(AddressMessages.dump(family), "ip addr show").stream()
                .map(AddressMessages::parse)
                .toList());
  }

  // ---- routes

  private void route(RouteMessages.Mode mode, Route route, String verb) {
    String operation = "ip route " + verb + " " + route.describe();
    run(
        context -> {
          int device = route.device().map(name -> indexOf(context, name, operation)).orElse(0);
          execute(context, RouteMessages.request(mode, route, device), operation);
        });
  }

  @Override
  public void addRoute(Route route) {
    route(RouteMessages.Mode.ADD, route, "add");
  }

  @Override
  public void replaceRoute(Route route) {
    route(RouteMessages.Mode.REPLACE, route, "replace");
  }

  @Override
  public void deleteRoute(Route route) {
    route(RouteMessages.Mode.DELETE, route, "del");
  }

  @Override
  public List<Route> listRoutes(IpFamily family, int table) {
    String operation = "ip route show table " + table;
    return call(
        context -> {
          List<Message> replies = context.rtnl().dump(RouteMessages.dump(family), operation);
          Map<Integer, String> names = linkNames(context, operation);
          List<Route> routes = new ArrayList<>();
          for (Message message : replies) {
            RouteMessages.parse(message, table, index -> names.getOrDefault(index, "if" + index))
                .ifPresent(routes::add);
          }
          routes.sort(ROUTE_ORDER);
          return routes;
        });
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
    String operation =
        "ip neigh replace "
            + neighbor.address()
            + " lladdr "
            + mac
            + " dev "
            + neighbor.device()
            + " nud permanent";
    run(
        context ->
            execute(
                context,
                NeighborMessages.replace(
                    indexOf(context, neighbor.device(), operation), neighbor.address(), mac),
                operation));
  }

  @Override
  public void deleteNeighbor(String name, IpAddress address) {
    String operation = "ip neigh del " + address + " dev " + name;
    run(
        context ->
            execute(
                context,
                NeighborMessages.delete(indexOf(context, name, operation), address),
                operation));
  }

  @Override
  public List<Neighbor> listNeighbors(String name) {
    String operation = "ip neigh show dev " + name;
    return call(
        context -> {
          int index = indexOf(context, name, operation);
          List<Neighbor> neighbors = new ArrayList<>();
          for (IpFamily family : IpFamily.values()) {
            for (Message message : context.rtnl().dump(NeighborMessages.dump(family), operation)) {
              if (NeighborMessages.linkIndex(message) == index) {
                NeighborMessages.parseNeighbor(message, name).ifPresent(neighbors::add);
              }
            }
          }
          return neighbors;
        });
  }

  @Override
  public void appendFdb(FdbEntry entry) {
    String operation =
        "bridge fdb append "
            + entry.mac()
            + " dev "
            + entry.device()
            + entry.destination().map(d -> " dst " + d).orElse("")
            + (entry.permanent() ? " self permanent" : " self dynamic");
    run(
        context ->
            execute(
                context,
                NeighborMessages.appendFdb(indexOf(context, entry.device(), operation), entry),
                operation));
  }

  @Override
  public void deleteFdb(FdbEntry entry) {
    String operation =
        "bridge fdb del "
            + entry.mac()
            + " dev "
            + entry.device()
            + entry.destination().map(d -> " dst " + d).orElse("")
            + " self";
    run(
        context ->
            execute(
                context,
                NeighborMessages.deleteFdb(indexOf(context, entry.device(), operation), entry),
                operation));
  }

  @Override
  public List<FdbEntry> listFdb(String name) {
    String operation = "bridge fdb show dev " + name;
    return call(
        context -> {
          int index = indexOf(context, name, operation);
          List<FdbEntry> entries = new ArrayList<>();
          for (Message message : context.rtnl().dump(NeighborMessages.dumpFdb(), operation)) {
            if (NeighborMessages.linkIndex(message) == index) {
              NeighborMessages.parseFdb(message, name)
                  .filter(entry -> entry.destination().isPresent())
                  .ifPresent(entries::add);
            }
          }
          return entries;
        });
  }

  // ---- sysctls: /proc/sys/net shows the namespace of the thread that opens the file, so the
  // actor, which lives in this namespace, does the opening.

  @Override
  public String readSysctl(String key) {
    SysctlKey parsed = SysctlKey.parse(key);
    String operation = "sysctl -n " + parsed;
    return withSysctl(
        parsed,
        Libc.O_RDONLY,
        operation,
        fd -> {
          try {
            return new String(Libc.read(fd, 4096, parsed.toString()), StandardCharsets.UTF_8)
                .strip();
          } catch (KernelException e) {
            throw new KernelException(e.errno(), operation, e.kernelMessage());
          }
        });
  }

  @Override
  public void writeSysctl(String key, String value) {
    SysctlKey parsed = SysctlKey.parse(key);
    if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new IllegalArgumentException(
          "invalid value for sysctl " + parsed + ": \"" + value + "\"");
    }
    String operation = "sysctl -w " + parsed + "=" + value;
    withSysctl(
        parsed,
        Libc.O_WRONLY,
        operation,
        fd -> {
          try {
            Libc.write(fd, value.getBytes(StandardCharsets.UTF_8), parsed.toString());
          } catch (KernelException e) {
            throw new KernelException(e.errno(), operation, e.kernelMessage());
          }
          return "";
        });
    if (parsed.equals(IPV6_DEFAULT)) {
      kernel.actor(ns).ipv6DisabledByDefault(!value.equals("0"));
    }
  }

  /**
   * Runs a sysctl file operation in this namespace: on the calling thread when it is there already
   * (the engine's own namespace, seen from any thread but an actor), which spares two thread
   * switches; else on the namespace's actor.
   */
  private <T> T inside(Supplier<T> operation) {
    if (ns.isCurrent() && NamespaceActor.inProcessNamespace()) {
      return operation.get();
    }
    return kernel.actor(ns).callInside(context -> operation.get());
  }

  private static final String IPV6_CONF = "net/ipv6/conf/";

  /**
   * Opens the file of sysctl {@code key} in this namespace, gives its descriptor to {@code use}
   * (which answers something non-null), and closes it. A link's IPv6 settings, which every connect
   * writes, are opened relative to the namespace's {@code ipv6/conf} directory on the calling
   * thread; other keys are opened by path, which needs a thread inside the namespace.
   */
  private <T> T withSysctl(SysctlKey key, int mode, String operation, IntFunction<T> use) {
    String path = key.path();
    if (path.startsWith(IPV6_CONF)) {
      T result =
          call(
              context -> {
                if (context.ipv6Conf() < 0) {
                  return null;
                }
                int fd =
                    opened(
                        () ->
                            Libc.openat(
                                context.ipv6Conf(),
                                path.substring(IPV6_CONF.length()),
                                mode | Libc.O_CLOEXEC,
                                0),
                        operation);
                return usedAndClosed(fd, use);
              });
      if (result != null) {
        return result;
      }
    }
    return inside(
        () ->
            usedAndClosed(
                opened(() -> Libc.open("/proc/sys/" + path, mode | Libc.O_CLOEXEC, 0), operation),
                use));
  }

  private static int opened(IntSupplier open, String operation) {
    try {
      return open.getAsInt();
    } catch (KernelException e) {
      throw new KernelException(e.errno(), operation, e.is(Errno.ENOENT) ? "unknown key" : "");
    }
  }

  private static <T> T usedAndClosed(int fd, IntFunction<T> use) {
    try {
      return use.apply(fd);
    } finally {
      Libc.close(fd);
    }
  }

  // ---- nftables

  @Override
  public void applyNft(NftRuleset ruleset) {
    run(
        context -> {
          Nftables.Result result = context.nftables().run(ruleset.text(), false);
          if (!result.ok()) {
            throw NftListing.failure("nft -f -", result.error());
          }
        });
  }

  @Override
  public Optional<NftTableState> findNftTable(NftFamily family, String name) {
    String command = "list table " + family.keyword() + " " + NftListing.requireName(name);
    return call(
        context -> {
          Nftables.Result result = context.nftables().run(command, true);
          if (!result.ok()) {
            KernelException failure = NftListing.failure("nft " + command, result.error());
            if (failure.is(Errno.ENOENT)) {
              return Optional.empty();
            }
            throw failure;
          }
          return Optional.of(NftListing.parseTable(result.output(), family, name));
        });
  }

  @Override
  public List<String> listNftTables() {
    return call(
        context -> {
          Nftables.Result result = context.nftables().run("list tables", true);
          if (!result.ok()) {
            throw NftListing.failure("nft list tables", result.error());
          }
          return NftListing.parseTables(result.output());
        });
  }
}
