package dev.junction.cli.network;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.format.GoTime;
import dev.junction.cli.format.ListFormat;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.listing.Listing;
import dev.junction.cli.session.NaturalOrder;
import dev.junction.cli.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code junction network ls}: {@code GET /networks}, sorted and printed as docker does. */
final class NetworkListCommand implements Action {

  static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
  static final String RAW =
      "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n";
  static final String RAW_QUIET = "network_id: {{.ID}}";

  static final Map<String, String> TITLES =
      Map.of(
          "ID", "NETWORK ID",
          "Name", "NAME",
          "Driver", "DRIVER",
          "Scope", "SCOPE",
          "IPv4", "IPV4",
          "IPv6", "IPV6",
          "Internal", "INTERNAL",
          "Labels", "LABELS",
          "CreatedAt", "CREATED AT");

  static final Command COMMAND =
      Command.named("ls", "List networks")
          .aliases("list")
          .options(Listing.options("network", "driver=bridge").toArray(Option[]::new))
          .footer(
              "",
              "Filters: driver, id, label (KEY or KEY=VALUE), name, scope, type (custom or builtin),",
              "dangling (true or false).",
              "Fields: .ID .Name .Driver .Scope .IPv4 .IPv6 .Internal .Labels .CreatedAt .Label \"KEY\"")
          .action(new NetworkListCommand());

  private static final Listing LISTING =
      new Listing("networks", TABLE, RAW, RAW_QUIET, TITLES, NetworkListCommand::rows);

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    return LISTING.run(arguments, session);
  }

  /** The rows docker's network formatter shows, in its name order. */
  static List<ListFormat.Row> rows(JsonValue networks, boolean truncate) {
    List<JsonValue> sorted = new ArrayList<>(networks.elements());
    sorted.sort(new ByName());
    List<ListFormat.Row> rows = new ArrayList<>();
    for (JsonValue network : sorted) {
      // Docker joins labels in Go's random map order; sorted, the output is at least stable.
      Map<String, String> labels = new TreeMap<>();
      for (Map.Entry<String, JsonValue> label : network.get("Labels").fields().entrySet()) {
        labels.put(label.getKey(), label.getValue().asText());
      }
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<String, String> label : labels.entrySet()) {
        pairs.add(label.getKey() + "=" + label.getValue());
      }
      String id = network.get("Id").asText();
      JsonObject row = new JsonObject();
      row.put("CreatedAt", GoTime.string(network.get("Created").asText()));
      row.put("Driver", network.get("Driver").asText());
      row.put("ID", truncate ? truncateId(id) : id);
      row.put("IPv4", String.valueOf(network.get("EnableIPv4").asBoolean(true)));
      row.put("IPv6", String.valueOf(network.get("EnableIPv6").asBoolean(false)));
      row.put("Internal", String.valueOf(network.get("Internal").asBoolean(false)));
      row.put("Labels", String.join(",", pairs));
      row.put("Name", network.get("Name").asText());
      row.put("Scope", network.get("Scope").asText());
      rows.add(new ListFormat.Row(row, labels));
    }
    return rows;
  }

  /** Docker's short IDs: the first twelve characters. */
  static String truncateId(String id) {
    int colon = id.indexOf(':');
    String bare = colon >= 0 ? id.substring(colon + 1) : id;
    return bare.length() > 12 ? bare.substring(0, 12) : bare;
  }

  /** Docker's order: names in natural order. */
  static final class ByName implements java.util.Comparator<JsonValue> {
    @Override
    public int compare(JsonValue a, JsonValue b) {
      return NaturalOrder.INSTANCE.compare(a.get("Name").asText(), b.get("Name").asText());
    }
  }
}
