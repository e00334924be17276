package dev.junction.core.driver.bridge;

import dev.junction.core.driver.EndpointContext;
import dev.junction.core.driver.NetworkContext;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.link.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the kernel has of a bridge network and its endpoints, against what the driver builds. */
final class BridgeCheck {
  private BridgeCheck() {}

  static List<String> network(NetworkContext context, int mtu, List<InterfaceAddress> gateways) {
    NetStack host = context.host();
    String name = BridgeDriver.bridgeName(context.network());
    Optional<Link> found = host.findLink(name);
    if (found.isEmpty()) {
      return List.of("its bridge " + name + " is missing");
    }
    Link link = found.get();
    if (!(link instanceof Link.Bridge)) {
      return List.of("its bridge " + name + " is a " + link.kind() + " link, not a bridge");
    }
    List<String> problems = new ArrayList<>();
    if (!link.isUp()) {
      problems.add("its bridge " + name + " is down");
    }
    if (link.mtu() != mtu) {
      problems.add("its bridge " + name + " has MTU " + link.mtu() + ", not " + mtu);
    }
    List<InterfaceAddress> addresses = addressesOf(host, name);
    for (InterfaceAddress gateway : gateways) {
      if (!addresses.contains(gateway)) {
        problems.add("its bridge " + name + " lacks its gateway address " + gateway);
      }
    }
    return problems;
  }

  static List<String> endpoint(NetworkContext network, EndpointContext context) {
    Endpoint endpoint = context.endpoint();
    List<String> problems = new ArrayList<>();
    String hostEnd = BridgeDriver.hostInterfaceName(endpoint);
    String bridge = BridgeDriver.bridgeName(network.network());
    Optional<Link> hostLink = network.hostLink(hostEnd);
    if (hostLink.isEmpty()) {
      problems.add("the host end " + hostEnd + " of its veth pair is missing");
    } else {
      Optional<Link> bridgeLink = network.hostLink(bridge);
      if (bridgeLink.isPresent()
          && (hostLink.get().masterIndex().isEmpty()
              || hostLink.get().masterIndex().getAsInt() != bridgeLink.get().index())) {
        problems.add("the host end " + hostEnd + " is not a port of bridge " + bridge);
      }
      if (!hostLink.get().isUp()) {
        problems.add("the host end " + hostEnd + " is down");
      }
    }
    String inside = endpoint.interfaceName();
    Optional<Link> sandboxLink;
    try {
      sandboxLink = context.sandbox().findLink(inside);
    } catch (KernelException e) {
      if (e.is(Errno.ENOENT)) {
        problems.add("the sandbox's namespace is gone");
        return problems;
      }
      throw e;
    }
    if (sandboxLink.isEmpty()) {
      problems.add("its interface " + inside + " in the sandbox is missing");
      return problems;
    }
    if (!sandboxLink.get().isUp()) {
      problems.add("its interface " + inside + " in the sandbox is down");
    }
    // All of the namespace's addresses in one request; the link's index picks its own.
    int index = sandboxLink.get().index();
    List<InterfaceAddress> addresses =
        context.sandbox().listAddresses((IpFamily) null).stream()
            .filter(a -> a.linkIndex() == index)
            .map(LinkAddress::address)
            .toList();
    for (InterfaceAddress address :
        Stream.concat(endpoint.ipv4().stream(), endpoint.ipv6().stream()).toList()) {
      if (!addresses.contains(address)) {
        problems.add("its interface " + inside + " in the sandbox lacks its address " + address);
      }
    }
    return problems;
  }

  private static List<InterfaceAddress> addressesOf(NetStack stack, String link) {
    return stack.listAddresses(link, null).stream().map(LinkAddress::address).toList();
  }

  static List<String> ownedLinks(Network network, List<Endpoint> endpoints) {
    List<String> names = new ArrayList<>();
    names.add(BridgeDriver.bridgeName(network));
    for (Endpoint endpoint : endpoints) {
      names.add(BridgeDriver.hostInterfaceName(endpoint));
    }
    return names;
  }
}
