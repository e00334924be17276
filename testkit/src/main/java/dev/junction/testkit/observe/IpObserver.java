package dev.junction.testkit.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ns.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Observes the real kernel with iproute2 and nft in JSON mode, entering namespaces with {@code
 * nsenter}: a second opinion that shares no code with the netlink implementation.
 */
public final class IpObserver implements KernelObserver {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(NetNs ns, String... command) {
    String output = Command.check(ns, command);
    if (output.isBlank()) {
      return JSON.createArrayNode();
    }
    try {
      return JSON.readTree(output);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "unreadable JSON from " + String.join(" ", command) + ": " + output, e);
    }
  }

  @Override
  public boolean netNsExists(Path path) {
    return Command.run(List.of("nsenter", "--net=" + path, "--", "true")).ok();
  }

  @Override
  public List<ObservedLink> links(NetNs ns) {
    List<ObservedLink> links = new ArrayList<>();
    for (JsonNode link : json(ns, "ip", "-j", "-d", "link", "show")) {
      Set<String> flags = new LinkedHashSet<>();
      link.path("flags").forEach(flag -> flags.add(flag.asText()));
      List<String> altNames = new ArrayList<>();
      link.path("altnames").forEach(name -> altNames.add(name.asText()));
      JsonNode info = link.path("linkinfo");
      JsonNode data = info.path("info_data");
      String kind = info.path("info_kind").asText("");
      String group = link.path("group").asText("default");
      links.add(
          new ObservedLink(
              link.path("ifindex").asInt(),
              link.path("ifname").asText(),
              kind,
              link.path("mtu").asInt(),
              link.path("address").asText(""),
              flags,
              link.has("master") ? Optional.of(link.path("master").asText()) : Optional.empty(),
              group.equals("default") ? 0 : Integer.parseInt(group),
              altNames,
              kind.equals("vxlan") ? data.path("id").asInt() : 0,
              kind.equals("vxlan") ? data.path("local").asText("") : "",
              kind.equals("vxlan") ? data.path("port").asInt() : 0,
              kind.equals("vxlan") && data.path("learning").asBoolean(),
              kind.equals("macvlan") ? data.path("mode").asText("") : "",
              kind.equals("bridge") && data.path("mcast_snooping").asInt() != 0));
    }
    return links;
  }

  @Override
  public List<String> addresses(NetNs ns, String device) {
    List<String> addresses = new ArrayList<>();
    for (JsonNode link : json(ns, "ip", "-j", "addr", "show", "dev", device)) {
      for (JsonNode address : link.path("addr_info")) {
        if (address.path("family").asText().equals("inet6")
            && address.path("scope").asText().equals("link")) {
          continue;
        }
        addresses.add(address.path("local").asText() + "/" + address.path("prefixlen").asInt());
      }
    }
    return addresses;
  }

  @Override
  public List<ObservedRoute> routes(NetNs ns, IpFamily family, int table) {
    List<ObservedRoute> routes = new ArrayList<>();
    String flag = family == IpFamily.V4 ? "-4" : "-6";
    for (JsonNode route :
        json(ns, "ip", flag, "-j", "route", "show", "table", String.valueOf(table))) {
      String destination = route.path("dst").asText();
      if (destination.equals("fe80::/64")
          || route.has("type") && !route.path("type").asText().equals("unicast")) {
        continue;
      }
      if (destination.equals("default")) {
        destination = family == IpFamily.V4 ? "0.0.0.0/0" : "::/0";
      } else if (!destination.contains("/")) {
        destination += family == IpFamily.V4 ? "/32" : "/128";
      }
      routes.add(
          new ObservedRoute(
              destination,
              route.path("gateway").asText(""),
              route.path("dev").asText(""),
              route.path("metric").asInt(0),
              route.path("scope").asText("global"),
              route.path("protocol").asText("boot"),
              route.path("prefsrc").asText("")));
    }
    return routes;
  }

  @Override
  public List<String> neighbors(NetNs ns, String device) {
    List<String> neighbors = new ArrayList<>();
    for (JsonNode neighbor : json(ns, "ip", "-j", "neigh", "show", "dev", device)) {
      String destination = neighbor.path("dst").asText();
      if (destination.startsWith("ff") || destination.matches("2(2[4-9]|3\\d)\\..*")) {
        continue; // multicast entries the kernel keeps for itself
      }
      List<String> states = new ArrayList<>();
      neighbor.path("state").forEach(state -> states.add(state.asText()));
      neighbors.add(
          neighbor.path("dst").asText()
              + " "
              + neighbor.path("lladdr").asText("")
              + " "
              + String.join(",", states));
    }
    return neighbors;
  }

  @Override
  public List<String> fdb(NetNs ns, String device) {
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : json(ns, "bridge", "-j", "fdb", "show", "dev", device)) {
      if (entry.has("dst")) {
        entries.add(entry.path("mac").asText() + " " + entry.path("dst").asText());
      }
    }
    return entries;
  }

  @Override
  public String sysctl(NetNs ns, String key) {
    String path = key.contains("/") ? key : key.replace('.', '/');
    return Command.check(ns, "cat", "/proc/sys/" + path).strip();
  }

  @Override
  public List<String> nftTables(NetNs ns) {
    List<String> tables = new ArrayList<>();
    for (JsonNode item : json(ns, "nft", "-j", "list", "tables").path("nftables")) {
      if (item.has("table")) {
        tables.add(
            item.path("table").path("family").asText()
                + " "
                + item.path("table").path("name").asText());
      }
    }
    return tables;
  }

  @Override
  public List<String> nftChains(NetNs ns, String family, String table) {
    List<String> chains = new ArrayList<>();
    JsonNode items = json(ns, "nft", "-j", "list", "table", family, table).path("nftables");
    for (JsonNode item : items) {
      if (item.has("chain")) {
        JsonNode chain = item.path("chain");
        String name = chain.path("name").asText();
        long rules = 0;
        for (JsonNode other : items) {
          if (other.has("rule") && other.path("rule").path("chain").asText().equals(name)) {
            rules++;
          }
        }
        String base =
            chain.has("hook")
                ? ":"
                    + chain.path("type").asText()
                    + ":"
                    + chain.path("hook").asText()
                    + ":"
                    + chain.path("prio").asInt()
                    + ":"
                    + chain.path("policy").asText()
                : "";
        chains.add(name + base + " rules=" + rules);
      }
    }
    return chains;
  }
}
