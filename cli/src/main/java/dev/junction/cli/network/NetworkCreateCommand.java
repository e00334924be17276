package dev.junction.cli.network;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.Session;
import java.util.Map;

/** {@code junction network create}: {@code POST /networks/create}; prints the new network's ID. */
final class NetworkCreateCommand implements Action {

  static final Command COMMAND =
      Command.named("create", "Create a network")
          .positionals(Positional.one("NETWORK", "Name of the network"))
          .options(
              Option.value(
                  "DRIVER", "Driver to manage the Network (default: bridge)", "-d", "--driver"),
              Option.list("KEY=VALUE", "Set driver specific options", "-o", "--opt"),
              Option.list("KEY=VALUE", "Set metadata on a network", "--label"),
              Option.flag("Restrict external access to the network", "--internal"),
              Option.optionalBoolean(
                  "Enable or disable IPv4 address assignment (default: true)", "--ipv4"),
              Option.optionalBoolean("Enable or disable IPv6 address assignment", "--ipv6"),
              Option.flag("Enable manual container attachment", "--attachable"),
              Option.flag("Create swarm routing-mesh network", "--ingress"),
              Option.value("SCOPE", "Control the network's scope", "--scope"),
              Option.flag("Create a configuration only network", "--config-only"),
              Option.value(
                  "NETWORK", "The network from which to copy the configuration", "--config-from"),
              Option.value(
                  "DRIVER", "IP Address Management Driver (default: default)", "--ipam-driver"),
              Option.splitList(
                  "CIDR", "Subnet in CIDR format that represents a network segment", "--subnet"),
              Option.splitList("CIDR", "Allocate container ip from a sub-range", "--ip-range"),
              Option.splitList("IP", "IPv4 or IPv6 Gateway for the master subnet", "--gateway"),
              Option.list(
                  "NAME=IP",
                  "Auxiliary IPv4 or IPv6 addresses used by Network driver",
                  "--aux-address"),
              Option.list("KEY=VALUE", "Set IPAM driver specific options", "--ipam-opt"))
          .action(new NetworkCreateCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    JsonValue answer = session.client().post(ApiPath.of("networks", "create"), body(arguments));
    session.out().println(answer == null ? "" : answer.get("Id").asText());
    return 0;
  }

  /** The request body, field for field as the docker CLI sends it. */
  static JsonObject body(Arguments arguments) {
    for (String label : arguments.values("--label")) {
      String key = label.split("=", 2)[0].stripLeading();
      if (key.isEmpty()) {
        throw new CliException(
            "invalid argument \""
                + label
                + "\" for \"--label\" flag: invalid label '"
                + label
                + "': empty name");
      }
      if (key.chars().anyMatch(Character::isWhitespace)) {
        throw new CliException(
            "invalid argument \""
                + label
                + "\" for \"--label\" flag: label '"
                + key
                + "' contains whitespaces");
      }
    }
    JsonObject body = new JsonObject();
    body.put("Name", arguments.positional(0));
    body.put("Driver", arguments.value("--driver", "bridge"));
    String scope = arguments.value("--scope", "");
    if (!scope.isEmpty()) {
      body.put("Scope", scope);
    }
    Boolean ipv4 = arguments.optionalBoolean("--ipv4");
    if (ipv4 != null) {
      body.put("EnableIPv4", ipv4);
    }
    Boolean ipv6 = arguments.optionalBoolean("--ipv6");
    if (ipv6 != null) {
      body.put("EnableIPv6", ipv6);
    }
    JsonObject ipam = body.putObject("IPAM");
    ipam.put("Driver", arguments.value("--ipam-driver", "default"));
    ipam.put(
        "Config",
        IpamConfig.pair(
            arguments.values("--subnet"),
            arguments.values("--ip-range"),
            arguments.values("--gateway"),
            KeyValues.map(arguments.values("--aux-address"))));
    put(ipam.putObject("Options"), KeyValues.map(arguments.values("--ipam-opt")));
    body.put("Internal", arguments.flag("--internal"));
    body.put("Attachable", arguments.flag("--attachable"));
    body.put("Ingress", arguments.flag("--ingress"));
    body.put("ConfigOnly", arguments.flag("--config-only"));
    String configFrom = arguments.value("--config-from", "");
    if (!configFrom.isEmpty()) {
      body.putObject("ConfigFrom").put("Network", configFrom);
    }
    put(body.putObject("Options"), KeyValues.map(arguments.values("--opt")));
    put(body.putObject("Labels"), KeyValues.map(arguments.values("--label")));
    return body;
  }

  private static void put(JsonObject object, Map<String, String> values) {
    for (Map.Entry<String, String> entry : values.entrySet()) {
      object.put(entry.getKey(), entry.getValue());
    }
  }
}
