package dev.junction.cli.network;

import dev.junction.cli.json.JsonArray;
import dev.junction.cli.json.JsonObject;
import java.util.List;

/**
 * Docker's {@code EndpointSettings} of a connect, as {@code network connect} and {@code sandbox
 * create --network} send it: empty strings, empty lists and a zero priority are left out (the
 * daemon takes them as unset).
 */
public final class EndpointSettings {
  private EndpointSettings() {}

  /** {@code EndpointSettings} with the fields given; the daemon treats absent ones as unset. */
  public static JsonObject of(
      String ip,
      String ip6,
      List<String> linkLocalIps,
      List<String> aliases,
      JsonObject driverOptions,
      int gatewayPriority,
      String macAddress) {
    JsonObject settings = new JsonObject();
    JsonObject ipam = new JsonObject();
    if (!ip.isEmpty()) {
      ipam.put("IPv4Address", ip);
    }
    if (!ip6.isEmpty()) {
      ipam.put("IPv6Address", ip6);
    }
    if (!linkLocalIps.isEmpty()) {
      JsonArray linkLocal = ipam.putArray("LinkLocalIPs");
      for (String address : linkLocalIps) {
        linkLocal.add(address);
      }
    }
    if (!ipam.isEmpty()) {
      settings.put("IPAMConfig", ipam);
    }
    if (!aliases.isEmpty()) {
      JsonArray list = settings.putArray("Aliases");
      for (String alias : aliases) {
        list.add(alias);
      }
    }
    if (!driverOptions.isEmpty()) {
      settings.put("DriverOpts", driverOptions);
    }
    if (gatewayPriority != 0) {
      settings.put("GwPriority", gatewayPriority);
    }
    if (!macAddress.isEmpty()) {
      settings.put("MacAddress", macAddress);
    }
    return settings;
  }
}
