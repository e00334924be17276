package dev.junction.daemon.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.controller.EndpointRequest;
import dev.junction.core.controller.NetworkRequest;
import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.NotImplementedException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request bodies of Docker's network API, field for field as clients send them, and their
 * translation to the engine's requests. Empty strings and zeros mean "unset": the docker CLI sends
 * every field of {@code EndpointSettings}, set or not.
 */
public final class DockerBodies {
  private DockerBodies() {}

  /** {@code POST /networks/create}. */
  public record NetworkCreate(
      @JsonProperty("Name") String name,
      @JsonProperty("CheckDuplicate") Boolean checkDuplicate,
      @JsonProperty("Driver") String driver,
      @JsonProperty("Scope") String scope,
      @JsonProperty("EnableIPv4") Boolean enableIpv4,
      @JsonProperty("EnableIPv6") Boolean enableIpv6,
      @JsonProperty("IPAM") Ipam ipam,
      @JsonProperty("Internal") boolean internal,
      @JsonProperty("Attachable") boolean attachable,
      @JsonProperty("Ingress") boolean ingress,
      @JsonProperty("ConfigOnly") boolean configOnly,
      @JsonProperty("ConfigFrom") ConfigFrom configFrom,
      @JsonProperty("Options") Map<String, String> options,
      @JsonProperty("Labels") Map<String, String> labels) {

    NetworkRequest toRequest() {
      if (name == null || name.isEmpty()) {
        throw new InvalidParameterException("network name is empty: a name is required");
      }
      if (scope != null && !scope.isEmpty() && !scope.equals("local")) {
        throw new NotImplementedException(
            "network \"" + name + "\": scope \"" + scope + "\" is not supported; use local");
      }
      if (ingress) {
        throw new NotImplementedException(
            "network \"" + name + "\": ingress networks need swarm, which Junction does not run");
      }
      if (configOnly || (configFrom != null && !isEmpty(configFrom.network()))) {
        throw new NotImplementedException(
            "network \"" + name + "\": configuration-only networks are not supported");
      }
      if (Boolean.FALSE.equals(enableIpv4)) {
        throw new NotImplementedException(
            "network \"" + name + "\": networks without IPv4 are not supported");
      }
      Ipam given = ipam == null ? new Ipam(null, null, null) : ipam;
      if (!isEmpty(given.driver()) && !given.driver().equals("default")) {
        throw new NotImplementedException(
            "network \""
                + name
                + "\": IPAM driver \""
                + given.driver()
                + "\" is not supported; use default");
      }
      List<SubnetRequest> subnets = new ArrayList<>();
      for (IpamConfig config : given.config() == null ? List.<IpamConfig>of() : given.config()) {
        if (config == null) {
          throw new InvalidParameterException(
              "network \"" + name + "\": IPAM.Config holds a null entry");
        }
        subnets.add(config.toRequest(name));
      }
      return new NetworkRequest(
          name,
          isEmpty(driver) ? "bridge" : driver,
          nonNull(options, "Options"),
          nonNull(labels, "Labels"),
          internal,
          attachable,
          Boolean.TRUE.equals(enableIpv6),
          subnets,
          given.options() == null ? Map.of() : nonNull(given.options(), "IPAM.Options"));
    }
  }

  /** {@code ConfigFrom}: names a configuration-only network. */
  public record ConfigFrom(@JsonProperty("Network") String network) {}

  /** {@code IPAM}. */
  public record Ipam(
      @JsonProperty("Driver") String driver,
      @JsonProperty("Config") List<IpamConfig> config,
      @JsonProperty("Options") Map<String, String> options) {}

  /** One entry of {@code IPAM.Config}. */
  public record IpamConfig(
      @JsonProperty("Subnet") String subnet,
      @JsonProperty("IPRange") String ipRange,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {

    SubnetRequest toRequest(String name) {
      String network = "network \"" + name + "\"";
      Map<String, IpAddress> aux = new LinkedHashMap<>();
      if (auxiliaryAddresses != null) {
        for (var entry : auxiliaryAddresses.entrySet()) {
          aux.put(
              entry.getKey(),
              address(network, "auxiliary address " + entry.getKey(), entry.getValue()));
        }
      }
      return new SubnetRequest(
          prefix(network, "subnet", subnet),
          prefix(network, "IP range", ipRange),
          isEmpty(gateway) ? Optional.empty() : Optional.of(address(network, "gateway", gateway)),
          aux);
    }
  }

  /** {@code POST /networks/{id}/connect}. */
  public record Connect(
      @JsonProperty("Container") String container,
      @JsonProperty("EndpointConfig") EndpointSettings endpointConfig) {}

  /** {@code POST /networks/{id}/disconnect}. */
  public record Disconnect(
      @JsonProperty("Container") String container, @JsonProperty("Force") boolean force) {}

  /** {@code EndpointSettings}: what a connect asks for, plus operational fields it ignores. */
  public record EndpointSettings(
      @JsonProperty("IPAMConfig") EndpointIpam ipamConfig,
      @JsonProperty("Links") List<String> links,
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("DriverOpts") Map<String, String> driverOpts,
      @JsonProperty("GwPriority") int gwPriority,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("NetworkID") String networkId,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("IPAddress") String ipAddress,
      @JsonProperty("IPPrefixLen") int ipPrefixLen,
      @JsonProperty("IPv6Gateway") String ipv6Gateway,
      @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
      @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
      @JsonProperty("DNSNames") List<String> dnsNames) {

    /** The engine's request; {@code where} names the connect in errors. */
    public EndpointRequest toRequest(String where) {
      if (links != null && !links.isEmpty()) {
        throw new NotImplementedException(
            where + ": legacy links are not supported; use the network's DNS names");
      }
      EndpointIpam ipam = ipamConfig == null ? new EndpointIpam(null, null, null) : ipamConfig;
      List<IpAddress> linkLocal = new ArrayList<>();
      for (String address : ipam.linkLocalIps() == null ? List.<String>of() : ipam.linkLocalIps()) {
        linkLocal.add(address(where, "link-local address", address));
      }
      Optional<MacAddress> mac = Optional.empty();
      if (!isEmpty(macAddress)) {
        try {
          mac = Optional.of(MacAddress.parse(macAddress));
        } catch (IllegalArgumentException e) {
          throw new InvalidParameterException(
              where + ": invalid MAC address \"" + macAddress + "\": " + e.getMessage());
        }
      }
      return new EndpointRequest(
          isEmpty(ipam.ipv4Address())
              ? Optional.empty()
              : Optional.of(address(where, "IPv4 address", ipam.ipv4Address())),
          isEmpty(ipam.ipv6Address())
              ? Optional.empty()
              : Optional.of(address(where, "IPv6 address", ipam.ipv6Address())),
          linkLocal,
          aliases == null ? List.of() : aliases,
          mac,
          gwPriority,
          driverOpts == null ? Map.of() : driverOpts);
    }
  }

  /** {@code EndpointSettings.IPAMConfig}. */
  public record EndpointIpam(
      @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address,
      @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {}

  static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }

  private static Map<String, String> nonNull(Map<String, String> values, String field) {
    if (values == null) {
      return Map.of();
    }
    for (var entry : values.entrySet()) {
      if (entry.getValue() == null) {
        throw new InvalidParameterException(
            field + " \"" + entry.getKey() + "\" has a null value: a string is expected");
      }
    }
    return values;
  }

  private static Optional<IpPrefix> prefix(String where, String what, String text) {
    if (isEmpty(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpPrefix.parse(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          where + ": invalid " + what + " \"" + text + "\": " + e.getMessage());
    }
  }

  private static IpAddress address(String where, String what, String text) {
    try {
      return IpAddress.parse(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidParameterException(where + ": invalid " + what + " \"" + text + "\"");
    }
  }
}
