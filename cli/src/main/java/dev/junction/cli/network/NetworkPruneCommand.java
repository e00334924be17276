package dev.junction.cli.network;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.api.Filters;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.Prompt;
import dev.junction.cli.session.Session;

/** {@code junction network prune}: {@code POST /networks/prune}, after asking unless forced. */
final class NetworkPruneCommand implements Action {

  static final String WARNING =
      "WARNING! This will remove all custom networks not used by at least one container.\n"
          + "Are you sure you want to continue?";

  static final Command COMMAND =
      Command.named("prune", "Remove all unused networks")
          .options(
              Option.flag("Do not prompt for confirmation", "-f", "--force"),
              Option.list(
                  "KEY=VALUE", "Provide filter values (e.g. \"until=<timestamp>\")", "--filter"))
          .footer("", "Filters: until (a time, or a duration such as 24h), label, label!.")
          .action(new NetworkPruneCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    Filters filters;
    try {
      filters = Filters.parse(arguments.values("--filter"));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage().replace("\"-f, --filter\"", "\"--filter\""), 2);
    }
    if (!arguments.flag("--force") && !Prompt.confirm(session, WARNING)) {
      return 0; // as docker: declining is not an error
    }
    JsonValue report =
        session
            .client()
            .post(
                ApiPath.of("networks", "prune").query("filters", filters.toJson()),
                new JsonObject());
    JsonValue deleted = report == null ? JsonValue.parse("[]") : report.get("NetworksDeleted");
    if (!deleted.elements().isEmpty()) {
      StringBuilder output = new StringBuilder("Deleted Networks:\n");
      for (JsonValue name : deleted.elements()) {
        output.append(name.asText()).append('\n');
      }
      session.out().println(output);
    }
    return 0;
  }
}
