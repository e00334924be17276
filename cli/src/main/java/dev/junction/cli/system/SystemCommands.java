package dev.junction.cli.system;

import dev.junction.cli.command.Command;

/** {@code junction system}, {@code junction daemon} and {@code junction completion}. */
public final class SystemCommands {
  private SystemCommands() {}

  public static final Command SYSTEM =
      Command.named(
              "system",
              "Show the daemon's information, version and events; check it against the kernel")
          .subcommands(
              InfoCommand.COMMAND,
              EventsCommand.COMMAND,
              VersionCommand.COMMAND,
              CheckCommand.COMMAND);

  public static final Command DAEMON = DaemonCommand.COMMAND;

  public static final Command COMPLETION = CompletionCommand.COMMAND;
}
