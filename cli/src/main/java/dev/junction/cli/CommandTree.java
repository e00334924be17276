package dev.junction.cli;

import dev.junction.cli.command.Command;
import dev.junction.cli.command.Option;
import dev.junction.cli.network.NetworkCommands;
import dev.junction.cli.sandbox.SandboxCommands;
import dev.junction.cli.session.Session;
import dev.junction.cli.system.SystemCommands;
import java.util.List;

/** The {@code junction} command tree: the root's own options, and every command under it. */
public final class CommandTree {
  private CommandTree() {}

  /** The CLI's version: the jar's, or "dev" when run from classes. */
  public static final Command ROOT =
      Command.named("junction", "A client for the Junction container network engine.")
          .options(
              Option.value(
                  "ADDRESS",
                  List.of(
                      "Daemon socket to connect to: unix:///PATH or tcp://127.0.0.1:PORT",
                      "(default: $"
                          + Session.HOST_VARIABLE
                          + ", else "
                          + Session.DEFAULT_HOST
                          + ")"),
                  "-H",
                  "--host"),
              Option.flag("Print version information and quit", "-v", "--version"))
          .subcommands(
              NetworkCommands.NETWORK,
              SandboxCommands.SANDBOX,
              SystemCommands.SYSTEM,
              SystemCommands.DAEMON,
              SystemCommands.COMPLETION)
          .footer("", "Run 'junction COMMAND --help' for more information on a command.");
}
