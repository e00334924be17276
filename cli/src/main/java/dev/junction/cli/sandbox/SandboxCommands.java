package dev.junction.cli.sandbox;

import dev.junction.cli.command.Command;

/** {@code junction sandbox}: Junction's own resource, a network namespace with its files. */
public final class SandboxCommands {
  private SandboxCommands() {}

  public static final Command SANDBOX =
      Command.named(
              "sandbox", "Manage sandboxes: network namespaces with their hosts and resolv.conf")
          .subcommands(
              SandboxCreateCommand.COMMAND,
              SandboxListCommand.COMMAND,
              SandboxInspectCommand.COMMAND,
              SandboxRemoveCommand.COMMAND,
              SandboxExecCommand.COMMAND);
}
