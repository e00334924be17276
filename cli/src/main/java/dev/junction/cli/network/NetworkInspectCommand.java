package dev.junction.cli.network;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.format.GoShape;
import dev.junction.cli.session.FormatHelp;
import dev.junction.cli.session.Inspection;
import dev.junction.cli.session.Session;

/** {@code junction network inspect}: {@code GET /networks/{id}} for each name. */
final class NetworkInspectCommand implements Action {

  static final Command COMMAND =
      Command.named("inspect", "Display detailed information on one or more networks")
          .positionals(Positional.oneOrMore("NETWORK", "Names or IDs"))
          .options(
              Option.value("FORMAT", FormatHelp.INSPECT, "-f", "--format"),
              Option.flag("Verbose output for diagnostics", "-v", "--verbose"))
          .action(new NetworkInspectCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    return Inspection.run(
        session,
        arguments.positionals(),
        arguments.value("--format", ""),
        GoShape.NETWORK,
        "networks",
        arguments.flag("--verbose"));
  }
}
