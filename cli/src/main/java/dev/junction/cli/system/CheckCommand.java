package dev.junction.cli.system;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.Session;

/**
 * {@code junction system check}: {@code GET /system/check}, one line per difference between the
 * daemon's store and the kernel; exit status 1 when there is any, so that scripts can test it.
 */
final class CheckCommand implements Action {

  static final Command COMMAND =
      Command.named(
              "check",
              "Compare the daemon's store with the kernel and print every difference",
              "(exit status 1 when there is one)")
          .action(new CheckCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    JsonValue check = session.client().get(ApiPath.of("system", "check"));
    if (check.get("Clean").asBoolean(false)) {
      session.out().println("store and kernel agree");
      return 0;
    }
    for (JsonValue difference : check.get("Differences").elements()) {
      session
          .out()
          .println(difference.get("Object").asText() + ": " + difference.get("Problem").asText());
    }
    return 1;
  }
}
