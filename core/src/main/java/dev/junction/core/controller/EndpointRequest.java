package dev.junction.core.controller;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code docker network connect} asks for beyond the two names.
 *
 * @param ipv4 a static address ({@code --ip}); only on networks with a user-configured subnet
 * @param gatewayPriority higher wins the default route ({@code --gw-priority})
 */
public record EndpointRequest(
    Optional<IpAddress> ipv4,
    Optional<IpAddress> ipv6,
    List<IpAddress> linkLocal,
    List<String> aliases,
    Optional<MacAddress> mac,
    int gatewayPriority,
    Map<String, String> driverOptions) {

  public static final EndpointRequest DEFAULT =
      new EndpointRequest(
          Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), 0, Map.of());

  public EndpointRequest {
    Objects.requireNonNull(ipv4);
    Objects.requireNonNull(ipv6);
    linkLocal = List.copyOf(linkLocal);
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(mac);
    driverOptions = Map.copyOf(driverOptions);
  }

  public EndpointRequest withIpv4(String address) {
    return new EndpointRequest(
        Optional.of(IpAddress.parse(address)),
        ipv6,
        linkLocal,
        aliases,
        mac,
        gatewayPriority,
        driverOptions);
  }

  public EndpointRequest withIpv6(String address) {
    return new EndpointRequest(
        ipv4,
        Optional.of(IpAddress.parse(address)),
        linkLocal,
        aliases,
        mac,
        gatewayPriority,
        driverOptions);
  }

  public EndpointRequest withGatewayPriority(int value) {
    return new EndpointRequest(ipv4, ipv6, linkLocal, aliases, mac, value, driverOptions);
  }

  public EndpointRequest withMac(MacAddress value) {
    return new EndpointRequest(
        ipv4, ipv6, linkLocal, aliases, Optional.of(value), gatewayPriority, driverOptions);
  }

  public EndpointRequest withAliases(List<String> values) {
    return new EndpointRequest(ipv4, ipv6, linkLocal, values, mac, gatewayPriority, driverOptions);
  }

  public EndpointRequest withLinkLocal(List<IpAddress> values) {
    return new EndpointRequest(ipv4, ipv6, values, aliases, mac, gatewayPriority, driverOptions);
  }
}
