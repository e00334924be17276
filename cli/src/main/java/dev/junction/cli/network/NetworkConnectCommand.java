package dev.junction.cli.network;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.Session;
import java.util.List;

/** {@code junction network connect}: {@code POST /networks/{id}/connect} for a sandbox. */
final class NetworkConnectCommand implements Action {

  static final Command COMMAND =
      Command.named("connect", "Connect a sandbox to a network")
          .positionals(
              Positional.one("NETWORK", "Name or ID of the network"),
              Positional.one("SANDBOX", "Name or ID of the sandbox"))
          .options(
              Option.value("IP", "IPv4 address (e.g., \"172.30.100.104\")", "--ip"),
              Option.value("IP", "IPv6 address (e.g., \"2001:db8::33\")", "--ip6"),
              Option.splitList("NAME", "Add network-scoped alias for the sandbox", "--alias"),
              Option.splitList("IP", "Add a link-local address for the sandbox", "--link-local-ip"),
              Option.splitList("KEY=VALUE", "driver options for the network", "--driver-opt"),
              Option.integer(
                  "N",
                  "Highest gw-priority provides the default gateway. Accepts positive and negative"
                      + " values.",
                  "--gw-priority"),
              Option.value("MAC", "MAC address of the sandbox's interface", "--mac-address"))
          .action(new NetworkConnectCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    session
        .client()
        .post(ApiPath.of("networks", arguments.positional(0), "connect"), body(arguments));
    return 0;
  }

  static JsonObject body(Arguments arguments) {
    JsonObject body = new JsonObject();
    body.put("Container", arguments.positional(1));
    body.put(
        "EndpointConfig",
        EndpointSettings.of(
            arguments.value("--ip", ""),
            arguments.value("--ip6", ""),
            arguments.values("--link-local-ip"),
            arguments.values("--alias"),
            driverOptions(arguments.values("--driver-opt")),
            arguments.integer("--gw-priority", 0),
            arguments.value("--mac-address", "")));
    return body;
  }

  /** Docker's --driver-opt: KEY=VALUE, both sides trimmed. */
  private static JsonObject driverOptions(List<String> options) {
    JsonObject driverOptions = new JsonObject();
    for (String option : options) {
      int equals = option.indexOf('=');
      String key = equals < 0 ? "" : option.substring(0, equals).strip();
      if (key.isEmpty()) {
        throw new CliException("invalid key/value pair format in driver options");
      }
      driverOptions.put(key, option.substring(equals + 1).strip());
    }
    return driverOptions;
  }
}
