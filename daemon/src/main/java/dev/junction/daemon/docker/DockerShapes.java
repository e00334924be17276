package dev.junction.daemon.docker;

import dev.junction.core.controller.NetworkView;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Network;
import dev.junction.core.model.SubnetConfig;
import dev.junction.daemon.api.ApiTime;
import dev.junction.kernel.ip.InterfaceAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The response bodies of Docker's network API, with Docker's field names and order, so that
 * clients, {@code --format} templates and people reading {@code inspect} find what they expect.
 */
public final class DockerShapes {
  private DockerShapes() {}

  /** A network as {@code GET /networks/{id}} shows it; {@code GET /networks} the same. */
  public static Map<String, Object> network(NetworkView view) {
    Network network = view.network();
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("Name", network.name());
    shape.put("Id", network.id().value());
    shape.put("Created", ApiTime.rfc3339Nano(network.created()));
    shape.put("Scope", network.scope());
    shape.put("Driver", network.driver());
    shape.put("EnableIPv4", true);
    shape.put("EnableIPv6", network.ipv6());
    shape.put("IPAM", ipam(network));
    shape.put("Internal", network.internal());
    shape.put("Attachable", network.attachable());
    shape.put("Ingress", false);
    shape.put("ConfigFrom", Map.of("Network", ""));
    shape.put("ConfigOnly", false);
    Map<String, Object> containers = new LinkedHashMap<>();
    for (NetworkView.Attachment attachment : view.endpoints()) {
      containers.put(attachment.sandbox().id().value(), endpoint(attachment));
    }
    shape.put("Containers", containers);
    shape.put("Options", network.options());
    shape.put("Labels", network.labels());
    return shape;
  }

  private static Map<String, Object> ipam(Network network) {
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("Driver", "default");
    ipam.put("Options", network.ipamOptions().isEmpty() ? null : network.ipamOptions());
    List<Map<String, Object>> configs = new ArrayList<>();
    for (SubnetConfig subnet : network.subnets()) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("Subnet", subnet.subnet().toString());
      subnet.ipRange().ifPresent(range -> config.put("IPRange", range.toString()));
      subnet.gateway().ifPresent(gateway -> config.put("Gateway", gateway.toString()));
      if (!subnet.auxAddresses().isEmpty()) {
        Map<String, String> aux = new LinkedHashMap<>();
        subnet.auxAddresses().forEach((name, address) -> aux.put(name, address.toString()));
        config.put("AuxiliaryAddresses", aux);
      }
      configs.add(config);
    }
    ipam.put("Config", configs);
    return ipam;
  }

  private static Map<String, Object> endpoint(NetworkView.Attachment attachment) {
    Endpoint endpoint = attachment.endpoint();
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("Name", attachment.sandbox().name());
    shape.put("EndpointID", endpoint.id().value());
    shape.put("MacAddress", endpoint.interfaceName().isEmpty() ? "" : endpoint.mac().toString());
    shape.put("IPv4Address", text(endpoint.ipv4()));
    shape.put("IPv6Address", text(endpoint.ipv6()));
    return shape;
  }

  static String text(Optional<InterfaceAddress> address) {
    return address.map(InterfaceAddress::toString).orElse("");
  }
}
