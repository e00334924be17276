package dev.junction.core.model;

import dev.junction.core.id.EndpointId;
import dev.junction.core.id.NetworkId;
import dev.junction.core.id.SandboxId;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One attachment of a sandbox to a network.
 *
 * @param name the sandbox's name: one endpoint per name and network
 * @param interfaceName the name inside the sandbox ({@code eth0}); empty for drivers without an
 *     interface (host, null)
 * @param hostInterface the host-side name of the veth, derived from the ID; empty when none
 * @param ipv4 the IPv4 address with the subnet's prefix length
 * @param ipv6 the IPv6 address with the subnet's prefix length
 * @param staticAddresses the addresses the user asked for (kept for restarts and inspect)
 * @param linkLocal extra link-local addresses ({@code --link-local-ip})
 * @param gatewayPriority higher wins the default route ({@code --gw-priority})
 * @param ifIndex the number after the interface prefix: eth0 is 0
 * @param gatewayV4 the IPv4 gateway the driver offered at join; empty for none (internal)
 * @param gatewayV6 the IPv6 gateway the driver offered at join
 */
public record Endpoint(
    EndpointId id,
    NetworkId network,
    SandboxId sandbox,
    String name,
    String interfaceName,
    int ifIndex,
    String hostInterface,
    MacAddress mac,
    Optional<InterfaceAddress> ipv4,
    Optional<InterfaceAddress> ipv6,
    List<IpAddress> staticAddresses,
    List<IpAddress> linkLocal,
    List<String> aliases,
    int gatewayPriority,
    Optional<IpAddress> gatewayV4,
    Optional<IpAddress> gatewayV6,
    Map<String, String> driverOptions,
    Instant created,
    Lifecycle lifecycle) {

  public Endpoint {
    Objects.requireNonNull(id);
    Objects.requireNonNull(network);
    Objects.requireNonNull(sandbox);
    Objects.requireNonNull(name);
    Objects.requireNonNull(interfaceName);
    Objects.requireNonNull(hostInterface);
    Objects.requireNonNull(mac);
    Objects.requireNonNull(ipv4);
    Objects.requireNonNull(ipv6);
    staticAddresses = List.copyOf(staticAddresses);
    linkLocal = List.copyOf(linkLocal);
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(gatewayV4);
    Objects.requireNonNull(gatewayV6);
    driverOptions = Collections.unmodifiableMap(new TreeMap<>(driverOptions));
    Objects.requireNonNull(created);
    Objects.requireNonNull(lifecycle);
  }

  public Endpoint withLifecycle(Lifecycle value) {
    return new Endpoint(
        id,
        network,
        sandbox,
        name,
        interfaceName,
        ifIndex,
        hostInterface,
        mac,
        ipv4,
        ipv6,
        staticAddresses,
        linkLocal,
        aliases,
        gatewayPriority,
        gatewayV4,
        gatewayV6,
        driverOptions,
        created,
        value);
  }

  /** The same endpoint with the gateways its driver offered at join. */
  public Endpoint withGateways(Optional<IpAddress> v4, Optional<IpAddress> v6) {
    return new Endpoint(
        id,
        network,
        sandbox,
        name,
        interfaceName,
        ifIndex,
        hostInterface,
        mac,
        ipv4,
        ipv6,
        staticAddresses,
        linkLocal,
        aliases,
        gatewayPriority,
        v4,
        v6,
        driverOptions,
        created,
        lifecycle);
  }

  /** Docker's ranking of gateway families: both 3, IPv6 only 2, IPv4 only 1, none 0. */
  public int gatewayRank() {
    if (gatewayV4.isPresent() && gatewayV6.isPresent()) {
      return 3;
    }
    return gatewayV6.isPresent() ? 2 : gatewayV4.isPresent() ? 1 : 0;
  }
}
