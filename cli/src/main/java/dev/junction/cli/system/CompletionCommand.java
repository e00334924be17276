package dev.junction.cli.system;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.PicocliTree;
import dev.junction.cli.command.Positional;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.Session;

/** {@code junction completion bash}: a completion script, for {@code source <(...)}. */
final class CompletionCommand implements Action {

  static final Command COMMAND =
      Command.named("completion", "Print a shell completion script (bash)")
          .positionals(Positional.one("SHELL", "bash (zsh reads it too, with bashcompinit)"))
          .footer(
              "",
              "Load it now:        source <(junction completion bash)",
              "or for every shell: junction completion bash > /etc/bash_completion.d/junction")
          .action(new CompletionCommand());

  @Override
  public int run(Arguments arguments, Session session) {
    String shell = arguments.positional(0);
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new CliException(
          "junction: no completion for shell \"" + shell + "\": bash and zsh are supported", 2);
    }
    session.out().print(PicocliTree.of(arguments.path().getFirst()).bashCompletion());
    return 0;
  }
}
