package dev.junction.cli.sandbox;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.format.GoShape;
import dev.junction.cli.session.FormatHelp;
import dev.junction.cli.session.Inspection;
import dev.junction.cli.session.Session;

/** {@code junction sandbox inspect}: {@code GET /sandboxes/{id}} for each name. */
final class SandboxInspectCommand implements Action {

  static final Command COMMAND =
      Command.named("inspect", "Display detailed information on one or more sandboxes")
          .positionals(Positional.oneOrMore("SANDBOX", "Names or IDs"))
          .options(Option.value("FORMAT", FormatHelp.INSPECT, "-f", "--format"))
          .action(new SandboxInspectCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    return Inspection.run(
        session,
        arguments.positionals(),
        arguments.value("--format", ""),
        GoShape.SANDBOX,
        "sandboxes",
        false);
  }
}
