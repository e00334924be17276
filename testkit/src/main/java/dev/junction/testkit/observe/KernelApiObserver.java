package dev.junction.testkit.observe;

import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.nft.NftBaseChain;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Observes a kernel through its own interface, in the observer's words. For the in-memory fake,
 * whose state has no other witness; the real kernel is observed with {@link IpObserver}.
 */
public final class KernelApiObserver implements KernelObserver {

  private final Kernel kernel;

  public KernelApiObserver(Kernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public boolean netNsExists(Path path) {
    try {
      kernel.openNetNs(path);
      return true;
    } catch (KernelException e) {
      return false;
    }
  }

  @Override
  public List<ObservedLink> links(NetNs ns) {
    List<Link> links = kernel.stack(ns).listLinks();
    Map<Integer, String> names = links.stream().collect(Collectors.toMap(Link::index, Link::name));
    List<ObservedLink> observed = new ArrayList<>();
    for (Link link : links) {
      Set<String> flags = new LinkedHashSet<>();
      for (LinkFlag flag : link.attributes().flags()) {
        if (flag != LinkFlag.RUNNING) { // ip does not print RUNNING
          flags.add(flag.name());
        }
      }
      if (link.isUp() && !link.attributes().flags().contains(LinkFlag.RUNNING)) {
        flags.add("NO-CARRIER");
      }
      Optional<String> master =
          link.masterIndex().isPresent()
              ? Optional.ofNullable(names.get(link.masterIndex().getAsInt()))
              : Optional.empty();
      observed.add(
          switch (link) {
            case Link.Vxlan vxlan ->
                observed(
                    link,
                    flags,
                    master,
                    vxlan.vni(),
                    vxlan.local().map(Object::toString).orElse(""),
                    vxlan.port(),
                    vxlan.learning(),
                    "",
                    false);
            case Link.Macvlan macvlan ->
                observed(
                    link,
                    flags,
                    master,
                    0,
                    "",
                    0,
                    false,
                    macvlan.mode().name().toLowerCase(Locale.ROOT),
                    false);
            case Link.Bridge bridge ->
                observed(link, flags, master, 0, "", 0, false, "", bridge.multicastSnooping());
            default -> observed(link, flags, master, 0, "", 0, false, "", false);
          });
    }
    return observed;
  }

  /** The link's common attributes, with the kind-specific ones given. */
  private static ObservedLink observed(
      Link link,
      Set<String> flags,
      Optional<String> master,
      int vxlanId,
      String vxlanLocal,
      int vxlanPort,
      boolean vxlanLearning,
      String macvlanMode,
      boolean bridgeMulticastSnooping) {
    return new ObservedLink(
        link.index(),
        link.name(),
        link.kind(),
        link.mtu(),
        mac(link),
        flags,
        master,
        link.group(),
        link.attributes().altNames(),
        vxlanId,
        vxlanLocal,
        vxlanPort,
        vxlanLearning,
        macvlanMode,
        bridgeMulticastSnooping);
  }

  private static String mac(Link link) {
    return link.mac().map(Object::toString).orElse("");
  }

  @Override
  public List<String> addresses(NetNs ns, String device) {
    return kernel.stack(ns).listAddresses(device, null).stream()
        .filter(
            address ->
                !(address.address().family() == IpFamily.V6 && address.scope() == Scope.LINK))
        .map(LinkAddress::address)
        .map(Object::toString)
        .toList();
  }

  @Override
  public List<ObservedRoute> routes(NetNs ns, IpFamily family, int table) {
    List<ObservedRoute> routes = new ArrayList<>();
    for (Route route : kernel.stack(ns).listRoutes(family, table)) {
      if (route.destination().toString().equals("fe80::/64")) {
        continue;
      }
      routes.add(
          new ObservedRoute(
              route.destination().toString(),
              route.gateway().map(Object::toString).orElse(""),
              route.device().orElse(""),
              route.metric(),
              route.scope() == Scope.UNIVERSE
                  ? "global"
                  : route.scope().name().toLowerCase(Locale.ROOT),
              protocolName(route.protocol()),
              route.source().map(Object::toString).orElse("")));
    }
    return routes;
  }

  private static String protocolName(int protocol) {
    return switch (protocol) {
      case Route.PROTOCOL_KERNEL -> "kernel";
      case Route.PROTOCOL_BOOT -> "boot";
      case Route.PROTOCOL_STATIC -> "static";
      default -> String.valueOf(protocol);
    };
  }

  @Override
  public List<String> neighbors(NetNs ns, String device) {
    return kernel.stack(ns).listNeighbors(device).stream()
        .map(
            n ->
                n.address()
                    + " "
                    + n.mac().map(Object::toString).orElse("")
                    + " "
                    + n.state().name())
        .toList();
  }

  @Override
  public List<String> fdb(NetNs ns, String device) {
    return kernel.stack(ns).listFdb(device).stream()
        .map(entry -> entry.mac() + " " + entry.destination().map(Object::toString).orElse(""))
        .toList();
  }

  @Override
  public String sysctl(NetNs ns, String key) {
    return kernel.stack(ns).readSysctl(key);
  }

  @Override
  public List<String> nftTables(NetNs ns) {
    return kernel.stack(ns).listNftTables();
  }

  @Override
  public List<String> nftChains(NetNs ns, String family, String table) {
    NetStack stack = kernel.stack(ns);
    Optional<NftTableState> state = stack.findNftTable(NftFamily.fromKeyword(family), table);
    Function<NftBaseChain, String> base =
        b ->
            ":"
                + b.type().keyword()
                + ":"
                + b.hook().keyword()
                + ":"
                + b.priority()
                + ":"
                + b.policy().keyword();
    return state
        .map(
            s ->
                s.chains().stream()
                    .map(
                        c ->
                            c.name()
                                + c.base().map(base).orElse("")
                                + " rules="
                                + c.ruleComments().size())
                    .toList())
        .orElse(List.of());
  }
}
