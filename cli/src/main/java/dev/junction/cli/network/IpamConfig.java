package dev.junction.cli.network;

import dev.junction.cli.json.JsonArray;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.session.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code IPAM.Config} from {@code --subnet}, {@code --ip-range}, {@code --gateway} and {@code
 * --aux-address}, paired as the docker CLI pairs them: every range, gateway and auxiliary address
 * goes with the one subnet it lies in (subnets may not overlap, so there is at most one), a subnet
 * takes one range and one gateway at most, and the errors are docker's, word for word. As in
 * docker, a text is parsed only when a check needs it: a lone {@code --subnet} goes to the daemon
 * as given, and the daemon judges it.
 */
final class IpamConfig {
  private IpamConfig() {}

  private static final class Entry {
    final String subnet;
    String ipRange = "";
    String gateway = "";
    final Map<String, String> aux = new LinkedHashMap<>();

    Entry(String subnet) {
      this.subnet = subnet;
    }
  }

  /**
   * The entries, in the order the subnets were given.
   *
   * @throws CliException naming the value that has no subnet or breaks a rule
   */
  static JsonArray pair(
      List<String> subnets, List<String> ranges, List<String> gateways, Map<String, String> aux) {
    if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
      throw new CliException("every ip-range or gateway must have a corresponding subnet");
    }
    List<Entry> entries = new ArrayList<>();
    for (String subnet : subnets) {
      for (Entry other : entries) {
        if (contains(subnet, other.subnet) || contains(other.subnet, subnet)) {
          throw new CliException("multiple overlapping subnet configuration is not supported");
        }
      }
      entries.add(new Entry(subnet));
    }
    for (String range : ranges) {
      if (Cidr.address(before(range, '/')) == null || !range.contains("/")) {
        throw new CliException("invalid CIDR address: " + range);
      }
      Entry entry = match(entries, range, "range " + range);
      if (!entry.ipRange.isEmpty()) {
        throw new CliException(
            "cannot configure multiple ranges ("
                + range
                + ", "
                + entry.ipRange
                + ") on the same subnet ("
                + entry.subnet
                + ")");
      }
      entry.ipRange = range;
    }
    for (String gateway : gateways) {
      Entry entry = match(entries, gateway, "gateway " + gateway);
      if (!entry.gateway.isEmpty()) {
        throw new CliException(
            "cannot configure multiple gateways ("
                + gateway
                + ", "
                + entry.gateway
                + ") for the same subnet ("
                + entry.subnet
                + ")");
      }
      entry.gateway = gateway;
    }
    for (Map.Entry<String, String> address : aux.entrySet()) {
      Entry entry = match(entries, address.getValue(), "aux-address " + address.getValue());
      entry.aux.put(address.getKey(), address.getValue());
    }
    JsonArray config = new JsonArray();
    for (Entry entry : entries) {
      JsonObject node = config.addObject();
      node.put("Subnet", entry.subnet);
      if (!entry.ipRange.isEmpty()) {
        node.put("IPRange", entry.ipRange);
      }
      if (!entry.gateway.isEmpty()) {
        node.put("Gateway", entry.gateway);
      }
      if (!entry.aux.isEmpty()) {
        JsonObject auxNode = node.putObject("AuxiliaryAddresses");
        for (Map.Entry<String, String> address : entry.aux.entrySet()) {
          auxNode.put(address.getKey(), address.getValue());
        }
      }
    }
    return config;
  }

  /**
   * Docker's {@code subnetMatches}: whether {@code data}, an address or address/length, lies in
   * {@code subnet}.
   */
  private static boolean contains(String subnet, String data) {
    Cidr cidr;
    try {
      cidr = Cidr.parse(subnet);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid subnet: " + e.getMessage());
    }
    if (data.contains("/")) {
      try {
        Cidr.parse(data);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }
    return cidr.contains(Cidr.address(before(data, '/')));
  }

  private static String before(String text, char separator) {
    int at = text.indexOf(separator);
    return at < 0 ? text : text.substring(0, at);
  }

  private static Entry match(List<Entry> entries, String data, String what) {
    for (Entry entry : entries) {
      if (contains(entry.subnet, data)) {
        return entry;
      }
    }
    throw new CliException("no matching subnet for " + what);
  }
}
