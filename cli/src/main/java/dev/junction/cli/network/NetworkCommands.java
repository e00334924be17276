package dev.junction.cli.network;

import dev.junction.cli.command.Command;

/** {@code junction network}: docker's network commands, with docker's flags and output. */
public final class NetworkCommands {
  private NetworkCommands() {}

  public static final Command NETWORK =
      Command.named("network", "Manage networks")
          .subcommands(
              NetworkCreateCommand.COMMAND,
              NetworkListCommand.COMMAND,
              NetworkInspectCommand.COMMAND,
              NetworkRemoveCommand.COMMAND,
              NetworkPruneCommand.COMMAND,
              NetworkConnectCommand.COMMAND,
              NetworkDisconnectCommand.COMMAND);
}
