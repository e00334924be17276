package dev.junction.cli.sandbox;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code junction sandbox ls}: {@code GET /sandboxes}, in the manner of {@code network ls}. */
final class SandboxListCommand implements Action {

  static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.Networks}}\t{{.Namespace}}";
  static final String RAW =
      "sandbox_id: {{.ID}}\\nname: {{.Name}}\\nnetworks: {{.Networks}}\\nnamespace: {{.Namespace}}\\n";
  static final String RAW_QUIET = "sandbox_id: {{.ID}}";

  static final Map<String, String> TITLES =
      Map.of(
          "ID", "SANDBOX ID",
          "Name", "NAME",
          "Hostname", "HOSTNAME",
          "Networks", "NETWORKS",
          "IPAddresses", "IP ADDRESSES",
          "Namespace", "NAMESPACE",
          "CreatedAt", "CREATED AT");

  static final Command COMMAND =
      Command.named("ls", "List sandboxes")
          .aliases("list")
          .options(Listing.options("sandbox", "network=front").toArray(Option[]::new))
          .footer(
              "",
              "Filters: id, name, network (name or ID).",
              "Fields: .ID .Name .Hostname .Networks .IPAddresses .Namespace .CreatedAt")
          .action(new SandboxListCommand());

  private static final Listing LISTING =
      new Listing("sandboxes", TABLE, RAW, RAW_QUIET, TITLES, SandboxListCommand::rows);

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    return LISTING.run(arguments, session);
  }

  static List<ListFormat.Row> rows(JsonValue sandboxes, boolean truncate) {
    List<JsonValue> sorted = new ArrayList<>(sandboxes.elements());
    sorted.sort(new ByName());
    List<ListFormat.Row> rows = new ArrayList<>();
    for (JsonValue sandbox : sorted) {
      Map<String, String> byNetwork = new TreeMap<>(NaturalOrder.INSTANCE);
      for (Map.Entry<String, JsonValue> network :
          sandbox.get("NetworkSettings").get("Networks").fields().entrySet()) {
        byNetwork.put(network.getKey(), network.getValue().get("IPAddress").asText());
      }
      List<String> addresses = new ArrayList<>();
      for (String address : byNetwork.values()) {
        if (!address.isEmpty()) {
          addresses.add(address);
        }
      }
      String id = sandbox.get("Id").asText();
      JsonObject row = new JsonObject();
      row.put("CreatedAt", GoTime.string(sandbox.get("Created").asText()));
      row.put("Hostname", sandbox.get("Hostname").asText());
      row.put("ID", truncate && id.length() > 12 ? id.substring(0, 12) : id);
      row.put("IPAddresses", String.join(",", addresses));
      row.put("Name", sandbox.get("Name").asText());
      row.put("Namespace", sandbox.get("NetnsPath").asText());
      row.put("Networks", String.join(",", byNetwork.keySet()));
      rows.add(new ListFormat.Row(row, Map.of()));
    }
    return rows;
  }

  /** Natural order of names, as {@code network ls}. */
  static final class ByName implements Comparator<JsonValue> {
    @Override
    public int compare(JsonValue a, JsonValue b) {
      return NaturalOrder.INSTANCE.compare(a.get("Name").asText(), b.get("Name").asText());
    }
  }
}
