package dev.junction.core.driver.bridge;

import dev.junction.core.driver.EndpointContext;
import dev.junction.core.driver.JoinInfo;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.driver.LinkReaper;
import dev.junction.core.driver.NetworkContext;
import dev.junction.core.driver.NetworkDriver;
import dev.junction.core.error.ConflictException;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.core.model.SubnetConfig;
import dev.junction.core.store.Scope;
import dev.junction.core.undo.Undo;
import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's bridge driver: a Linux bridge per network, holding the gateway addresses, and a veth
 * pair per endpoint whose sandbox end is created directly inside the sandbox's namespace.
 *
 * <p>Kernel names come from IDs, so a restart finds them: the bridge is {@code br-<12 of the
 * network ID>} unless named by option, an endpoint's host end is {@code veth<11 of the endpoint
 * ID>}. Live links are in link group {@link LinkGroups#LIVE}.
 */
public final class BridgeDriver implements NetworkDriver {

  /** The Linux bridge has 1024 port numbers, and port 0 is never used. */
  public static final int MAX_PORTS = 1023;

  private final LinkReaper reaper;

  public BridgeDriver(LinkReaper reaper) {
    this.reaper = reaper;
  }

  @Override
  public String name() {
    return "bridge";
  }

  @Override
  public Scope scope() {
    return Scope.LOCAL;
  }

  @Override
  public boolean usesIpam() {
    return true;
  }

  @Override
  public Map<String, String> validateOptions(String networkName, Map<String, String> options) {
    return BridgeOptions.validate(networkName, options);
  }

  @Override
  public int maxEndpoints() {
    return MAX_PORTS;
  }

  @Override
  public String interfacePrefix(Network network) {
    return network.options().getOrDefault(BridgeOptions.INTERFACE_PREFIX, "eth");
  }

  /** The bridge's interface name. */
  public static String bridgeName(Network network) {
    String named = network.options().get(BridgeOptions.BRIDGE_NAME);
    return named != null ? named : "br-" + network.id().shortId();
  }

  /** The host end of an endpoint's veth pair: 15 bytes, from the endpoint ID. */
  public static String hostInterfaceName(Endpoint endpoint) {
    return "veth" + endpoint.id().value().substring(0, 11);
  }

  /** The name an interface takes while it waits for deletion: frees its own name at once. */
  static String pendingName(String id) {
    return "jd" + id.substring(0, 13);
  }

  private static int mtu(Network network) {
    return BridgeOptions.mtu(network.options());
  }

  private static List<InterfaceAddress> gatewayAddresses(Network network) {
    return network.subnets().stream()
        .filter(s -> s.gateway().isPresent())
        .map(s -> new InterfaceAddress(s.gateway().get(), s.subnet().length()))
        .toList();
  }

  /**
   * The bridge's MAC, from the network ID: locally administered, stable across restarts. A bridge
   * left to choose its own takes its lowest port's MAC, and all zeros when its last port goes, so
   * every port change would change the gateway's MAC under the sandboxes' ARP caches.
   */
  public static MacAddress bridgeMac(Network network) {
    long bits = Long.parseUnsignedLong(network.id().value().substring(0, 10), 16);
    return new MacAddress((0x02L << 40) | bits);
  }

  @Override
  public void createNetwork(NetworkContext context) {
    Network network = context.network();
    NetStack host = context.host();
    String bridge = bridgeName(network);
    // Without multicast snooping: on a container network nothing sends IGMP or MLD queries (Docker
    // starts no querier), and without a querier a snooping bridge sends multicast to every port
    // anyway. What snooping costs is per port: timers, and a pass over every port at each join,
    // a fifth of a connect's kernel time at 500 ports (measured).
    host.addLink(
        new LinkSpec.Bridge(
            bridge,
            LinkSettings.DEFAULT
                .withMac(bridgeMac(network))
                .withGroup(LinkGroups.LIVE)
                .withUp(true),
            false));
    try {
      // An MTU given at creation is the bridge's only until its ports change it; one set
      // afterwards stays, as the network's option means.
      host.setMtu(bridge, mtu(network));
      for (InterfaceAddress gateway : gatewayAddresses(network)) {
        host.addAddress(bridge, gateway);
      }
    } catch (RuntimeException e) {
      try {
        host.deleteLink(bridge);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public void deleteNetwork(NetworkContext context) {
    Network network = context.network();
    NetStack host = context.host();
    String bridge = bridgeName(network);
    String pending = pendingName(network.id().value());
    if (host.findLink(bridge).isEmpty()) {
      return; // already gone
    }
    // Take the bridge out of use now (its addresses may be handed out again at once) and let the
    // reaper delete it by itself, when network changes pause: a bridge deletion holds the
    // networking lock for 15-50 ms (an RCU barrier), and would hold up the next network's creation.
    try (Undo undo = Undo.begin("delete bridge " + bridge)) {
      for (InterfaceAddress gateway : gatewayAddresses(network)) {
        if (deleteAddressIfPresent(host, bridge, gateway)) {
          undo.push("add " + gateway + " back", () -> host.addAddress(bridge, gateway));
        }
      }
      host.setUp(bridge, false);
      undo.push("set " + bridge + " up", () -> host.setUp(bridge, true));
      host.rename(bridge, pending);
      undo.push("rename " + pending + " back", () -> host.rename(pending, bridge));
      host.setGroup(pending, LinkGroups.PENDING_SLOW_DELETION);
      undo.commit();
    }
    reaper.scheduleSlow(host, pending);
  }

  @Override
  public void createEndpoint(NetworkContext network, EndpointContext context) {
    Endpoint endpoint = context.endpoint();
    int mtu = mtu(network.network());
    LinkSpec.Veth veth =
        new LinkSpec.Veth(
            hostInterfaceName(endpoint),
            // No IPv6 on the host end (a bridge port needs none), nor on the sandbox end of a
            // network without IPv6, as Docker: every IPv6 link in the host namespace makes the
            // next one dearer, and every new IPv6 interface on a bridge sends multicast (DAD, MLD,
            // router solicitations) that floods to all its ports. With a thousand endpoints, that
            // is a connect of 35 ms instead of 12.
            // The host end has the bridge's MAC. Each port's own MAC would be a local entry in the
            // bridge's forwarding table, which the kernel walks whole at every new port: with 500
            // ports a connect's veth took 12% longer (measured). Nothing is sent from a port's MAC
            // (no IP, no IPv6 on it), and frames to the bridge's MAC reach the bridge either way.
            LinkSettings.DEFAULT
                .withMac(bridgeMac(network.network()))
                .withMtu(mtu)
                .withGroup(LinkGroups.LIVE)
                .withMaster(bridgeName(network.network()))
                .withUp(true)
                .withIpv6(false),
            endpoint.interfaceName(),
            Optional.of(context.sandbox().netNs()),
            LinkSettings.DEFAULT
                .withMtu(mtu)
                .withMac(endpoint.mac())
                .withUp(true)
                .withIpv6(network.network().ipv6()));
    try {
      network.host().addLink(veth);
    } catch (KernelException e) {
      if (e.is(Errno.EXFULL)) {
        throw new ConflictException(
            "network \""
                + network.network().name()
                + "\" has "
                + MAX_PORTS
                + " endpoints, the most a Linux bridge can hold",
            e);
      }
      throw e;
    }
  }

  @Override
  public void deleteEndpoint(NetworkContext network, EndpointContext context) {
    Endpoint endpoint = context.endpoint();
    NetStack sandbox = context.sandbox();
    NetStack host = network.host();
    String hostEnd = hostInterfaceName(endpoint);
    String inside = endpoint.interfaceName();
    String pending = pendingName(endpoint.id().value());
    String bridge = bridgeName(network.network());
    // Out of use at once: no addresses (they may be handed out again), no bridge port (it counts
    // towards the bridge's limit), and the sandbox's interface name free for the next connect.
    // Each step is undone if a later one fails, so a failed disconnect changes nothing.
    // No lookups first, which would cost a request each: the steps themselves say when the
    // interface (ENODEV) or the sandbox's whole namespace (ENOENT) is gone.
    try (Undo undo = Undo.begin("delete endpoint " + endpoint.name())) {
      try {
        for (InterfaceAddress address : addressesOf(endpoint)) {
          if (deleteAddressIfPresent(sandbox, inside, address)) {
            undo.push("add " + address + " back", () -> sandbox.addAddress(inside, address));
          }
        }
        sandbox.setUp(inside, false);
        undo.push("set " + inside + " up", () -> sandbox.setUp(inside, true));
        sandbox.rename(inside, pending);
        undo.push("rename " + pending + " back", () -> sandbox.rename(pending, inside));
      } catch (KernelException e) {
        if (!e.is(Errno.ENODEV) && !e.is(Errno.ENOENT)) {
          throw e;
        }
      }
      try {
        host.setNoMaster(hostEnd);
      } catch (KernelException e) {
        if (e.is(Errno.ENODEV)) {
          undo.commit(); // the pair went with its sandbox's namespace
          return;
        }
        throw e;
      }
      undo.push("attach " + hostEnd + " to " + bridge, () -> host.setMaster(hostEnd, bridge));
      host.setGroup(hostEnd, LinkGroups.PENDING_DELETION);
      undo.commit();
    }
    reaper.schedule(host);
  }

  /** Deletes an address; false when it was not there (during teardown that counts as done). */
  private static boolean deleteAddressIfPresent(
      NetStack stack, String link, InterfaceAddress address) {
    try {
      stack.deleteAddress(link, address);
      return true;
    } catch (KernelException e) {
      if (e.is(Errno.EADDRNOTAVAIL)) {
        return false;
      }
      throw e;
    }
  }

  private static List<InterfaceAddress> addressesOf(Endpoint endpoint) {
    return java.util.stream.Stream.concat(endpoint.ipv4().stream(), endpoint.ipv6().stream())
        .toList();
  }

  @Override
  public List<String> checkNetwork(NetworkContext network) {
    return BridgeCheck.network(
        network, mtu(network.network()), gatewayAddresses(network.network()));
  }

  @Override
  public void repairNetwork(NetworkContext context, List<Endpoint> endpoints) {
    Network network = context.network();
    NetStack host = context.host();
    String bridge = bridgeName(network);
    Optional<Link> found = host.findLink(bridge);
    if (found.isPresent() && !(found.get() instanceof Link.Bridge)) {
      return; // someone else's link by that name: not ours to change; check reports it
    }
    if (found.isEmpty()) {
      createNetwork(context);
    } else {
      if (!found.get().isUp()) {
        host.setUp(bridge, true);
      }
      if (found.get().mtu() != mtu(network)) {
        host.setMtu(bridge, mtu(network));
      }
      List<InterfaceAddress> addresses =
          host.listAddresses(bridge, null).stream().map(LinkAddress::address).toList();
      for (InterfaceAddress gateway : gatewayAddresses(network)) {
        if (!addresses.contains(gateway)) {
          host.addAddress(bridge, gateway);
        }
      }
    }
    int index = host.requireLink(bridge).index();
    for (Endpoint endpoint : endpoints) {
      Optional<Link> port = host.findLink(hostInterfaceName(endpoint));
      if (port.isPresent()
          && (port.get().masterIndex().isEmpty() || port.get().masterIndex().getAsInt() != index)) {
        host.setMaster(port.get().name(), bridge);
      }
    }
  }

  @Override
  public void repairEndpoint(NetworkContext network, EndpointContext context) {
    Endpoint endpoint = context.endpoint();
    NetStack host = network.host();
    NetStack sandbox = context.sandbox();
    String hostEnd = hostInterfaceName(endpoint);
    String inside = endpoint.interfaceName();
    String bridge = bridgeName(network.network());
    Optional<Link> hostLink = host.findLink(hostEnd);
    Optional<Link> sandboxLink = sandbox.findLink(inside);
    if (hostLink.isEmpty() || sandboxLink.isEmpty()) {
      // Half a pair, or a pair whose ends are not each other's: out of use, and made anew.
      hostLink.ifPresent(
          link -> {
            host.setNoMaster(hostEnd);
            host.setGroup(hostEnd, LinkGroups.PENDING_DELETION);
            reaper.schedule(host);
          });
      if (sandboxLink.isPresent()) {
        sandbox.setUp(inside, false);
        sandbox.rename(inside, pendingName(endpoint.id().value()));
        sandbox.deleteLink(pendingName(endpoint.id().value()));
      }
      createEndpoint(network, context);
    } else {
      int bridgeIndex = host.requireLink(bridge).index();
      if (hostLink.get().masterIndex().isEmpty()
          || hostLink.get().masterIndex().getAsInt() != bridgeIndex) {
        host.setMaster(hostEnd, bridge);
      }
      if (!hostLink.get().isUp()) {
        host.setUp(hostEnd, true);
      }
      if (!sandboxLink.get().isUp()) {
        sandbox.setUp(inside, true);
      }
    }
    List<InterfaceAddress> present =
        sandbox.listAddresses(inside, null).stream().map(LinkAddress::address).toList();
    for (InterfaceAddress address : addressesOf(endpoint)) {
      if (!present.contains(address)) {
        sandbox.addAddress(inside, address);
      }
    }
  }

  @Override
  public List<String> checkEndpoint(NetworkContext network, EndpointContext endpoint) {
    return BridgeCheck.endpoint(network, endpoint);
  }

  @Override
  public Set<String> hostLinks(Network network, List<Endpoint> endpoints) {
    return Set.copyOf(BridgeCheck.ownedLinks(network, endpoints));
  }

  @Override
  public JoinInfo join(NetworkContext network, EndpointContext endpoint) {
    Network n = network.network();
    if (n.internal()) {
      return JoinInfo.NONE;
    }
    Optional<IpAddress> v4 = n.subnet(IpFamily.V4).flatMap(SubnetConfig::gateway);
    Optional<IpAddress> v6 = n.subnet(IpFamily.V6).flatMap(SubnetConfig::gateway);
    return new JoinInfo(
        endpoint.endpoint().ipv4().isPresent() ? v4 : Optional.empty(),
        endpoint.endpoint().ipv6().isPresent() ? v6 : Optional.empty());
  }
}
