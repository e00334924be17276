package dev.junction.core.controller;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code docker network create} asks for.
 *
 * @param driver {@code bridge} unless given
 * @param subnets Docker's IPAM config list; empty for a subnet from the default pools
 */
public record NetworkRequest(
    String name,
    String driver,
    Map<String, String> options,
    Map<String, String> labels,
    boolean internal,
    boolean attachable,
    boolean ipv6,
    List<SubnetRequest> subnets,
    Map<String, String> ipamOptions) {

  public NetworkRequest {
    Objects.requireNonNull(name, "name");
    driver = driver == null || driver.isEmpty() ? "bridge" : driver;
    options = Map.copyOf(options);
    labels = Map.copyOf(labels);
    subnets = List.copyOf(subnets);
    ipamOptions = Map.copyOf(ipamOptions);
  }

  /** A bridge network with everything left to the defaults. */
  public static NetworkRequest bridge(String name) {
    return new NetworkRequest(
        name, "bridge", Map.of(), Map.of(), false, false, false, List.of(), Map.of());
  }

  public NetworkRequest withSubnets(SubnetRequest... values) {
    return new NetworkRequest(
        name, driver, options, labels, internal, attachable, ipv6, List.of(values), ipamOptions);
  }

  public NetworkRequest withOptions(Map<String, String> values) {
    return new NetworkRequest(
        name, driver, values, labels, internal, attachable, ipv6, subnets, ipamOptions);
  }

  public NetworkRequest withLabels(Map<String, String> values) {
    return new NetworkRequest(
        name, driver, options, values, internal, attachable, ipv6, subnets, ipamOptions);
  }

  public NetworkRequest withInternal(boolean value) {
    return new NetworkRequest(
        name, driver, options, labels, value, attachable, ipv6, subnets, ipamOptions);
  }

  public NetworkRequest withIpv6(boolean value) {
    return new NetworkRequest(
        name, driver, options, labels, internal, attachable, value, subnets, ipamOptions);
  }

  public NetworkRequest withDriver(String value) {
    return new NetworkRequest(
        name, value, options, labels, internal, attachable, ipv6, subnets, ipamOptions);
  }

  public NetworkRequest withIpamOptions(Map<String, String> values) {
    return new NetworkRequest(
        name, driver, options, labels, internal, attachable, ipv6, subnets, values);
  }

  /** One entry of {@code IPAM.Config}: {@code --subnet --ip-range --gateway --aux-address}. */
  public record SubnetRequest(
      Optional<IpPrefix> subnet,
      Optional<IpPrefix> ipRange,
      Optional<IpAddress> gateway,
      Map<String, IpAddress> auxAddresses) {

    public SubnetRequest {
      Objects.requireNonNull(subnet);
      Objects.requireNonNull(ipRange);
      Objects.requireNonNull(gateway);
      auxAddresses = Map.copyOf(auxAddresses);
    }

    public static SubnetRequest of(String subnet) {
      return new SubnetRequest(
          Optional.of(IpPrefix.parse(subnet)), Optional.empty(), Optional.empty(), Map.of());
    }

    public SubnetRequest withRange(String range) {
      return new SubnetRequest(subnet, Optional.of(IpPrefix.parse(range)), gateway, auxAddresses);
    }

    public SubnetRequest withGateway(String address) {
      return new SubnetRequest(
          subnet, ipRange, Optional.of(IpAddress.parse(address)), auxAddresses);
    }

    public SubnetRequest withAux(Map<String, IpAddress> values) {
      return new SubnetRequest(subnet, ipRange, gateway, values);
    }
  }
}
