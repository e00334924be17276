package dev.junction.cli.sandbox;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.session.Removal;
import dev.junction.cli.session.Session;

/**
 * {@code junction sandbox rm}: deletes each sandbox (disconnecting it from its networks, and
 * deleting its namespace if Junction made it), as {@code network rm} deletes networks.
 */
final class SandboxRemoveCommand implements Action {

  static final Command COMMAND =
      Command.named("rm", "Remove one or more sandboxes")
          .aliases("remove")
          .positionals(Positional.oneOrMore("SANDBOX", "Names or IDs"))
          .options(Option.flag("Do not error if the sandbox does not exist", "-f", "--force"))
          .action(new SandboxRemoveCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    return Removal.run(session, arguments.positionals(), arguments.flag("--force"), "sandboxes");
  }
}
