package dev.junction.cli.network;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.command.Positional;
import dev.junction.cli.session.Removal;
import dev.junction.cli.session.Session;

/**
 * {@code junction network rm}: deletes each network in turn, as docker does (see {@link Removal}).
 */
final class NetworkRemoveCommand implements Action {

  static final Command COMMAND =
      Command.named("rm", "Remove one or more networks")
          .aliases("remove")
          .positionals(Positional.oneOrMore("NETWORK", "Names or IDs"))
          .options(Option.flag("Do not error if the network does not exist", "-f", "--force"))
          .action(new NetworkRemoveCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    return Removal.run(session, arguments.positionals(), arguments.flag("--force"), "networks");
  }
}
