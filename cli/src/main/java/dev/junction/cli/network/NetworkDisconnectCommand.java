package dev.junction.cli.network;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.session.Session;

/** {@code junction network disconnect}: {@code POST /networks/{id}/disconnect}. */
final class NetworkDisconnectCommand implements Action {

  static final Command COMMAND =
      Command.named("disconnect", "Disconnect a sandbox from a network")
          .positionals(
              Positional.one("NETWORK", "Name or ID of the network"),
              Positional.one("SANDBOX", "Name or ID of the sandbox"))
          .options(Option.flag("Force the sandbox to disconnect from a network", "-f", "--force"))
          .action(new NetworkDisconnectCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    JsonObject body = new JsonObject();
    body.put("Container", arguments.positional(1));
    body.put("Force", arguments.flag("--force"));
    session.client().post(ApiPath.of("networks", arguments.positional(0), "disconnect"), body);
    return 0;
  }
}
