package dev.junction.cli.command;

import java.io.PrintStream;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@link Command} tree as picocli's model, for what picocli does best and a command run does
 * not need: help, the bash completion script, and the wording of usage errors. Built only then:
 * picocli's classes are Java 5 bytecode, which the AOT cache cannot keep linked, so loading picocli
 * costs more than the whole start-up budget of a command.
 */
public final class PicocliTree {
  private static final int HELP_WIDTH = 100;

  private final CommandLine root;

  private PicocliTree(CommandLine root) {
    this.root = root;
  }

  public static PicocliTree of(Command root) {
    return new PicocliTree(commandLine(root));
  }

  private static CommandLine commandLine(Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name());
    spec.aliases(command.aliases().toArray(String[]::new));
    spec.usageMessage()
        .description(command.description().toArray(String[]::new))
        .footer(command.footer().toArray(String[]::new))
        .width(HELP_WIDTH)
        .sortOptions(false);
    for (Option option : command.options()) {
      spec.addOption(option(option));
    }
    spec.addOption(
        OptionSpec.builder("-h", "--help").usageHelp(true).description("Print usage").build());
    int index = 0;
    for (Positional positional : command.positionals()) {
      String range =
          positional.max() == Positional.UNBOUNDED
              ? index + "..*"
              : positional.max() == 1
                  ? String.valueOf(index)
                  : index + ".." + (index + positional.max() - 1);
      index += positional.max() == Positional.UNBOUNDED ? 0 : positional.max();
      spec.addPositional(
          PositionalParamSpec.builder()
              .index(range)
              .paramLabel(positional.label())
              .arity(positional.arity())
              .required(positional.min() > 0)
              .type(positional.max() > 1 ? List.class : String.class)
              .auxiliaryTypes(String.class)
              .description(positional.description())
              .build());
    }
    if (command.parsing() == Command.Parsing.RAW) {
      spec.addPositional(
          PositionalParamSpec.builder()
              .paramLabel("FLAGS")
              .arity("0..*")
              .type(List.class)
              .auxiliaryTypes(String.class)
              .hidden(true)
              .build());
      spec.parser().unmatchedOptionsArePositionalParams(true);
    }
    CommandLine line = new CommandLine(spec);
    line.setOverwrittenOptionsAllowed(true);
    line.setStopAtPositional(command.parsing() == Command.Parsing.STOP_AT_POSITIONAL);
    for (Command sub : command.subcommands()) {
      line.addSubcommand(sub.name(), commandLine(sub), sub.aliases().toArray(String[]::new));
    }
    return line;
  }

  private static OptionSpec option(Option option) {
    OptionSpec.Builder builder =
        OptionSpec.builder(option.names().toArray(String[]::new))
            .description(option.description().toArray(String[]::new));
    switch (option.kind()) {
      case FLAG -> builder.arity("0").type(boolean.class);
      case OPTIONAL_BOOLEAN -> builder.arity("0..1").type(Boolean.class).paramLabel(option.label());
      case VALUE -> builder.arity("1").type(String.class).paramLabel(option.label());
      case INTEGER -> builder.arity("1").type(int.class).paramLabel(option.label());
      case LIST -> {
        builder.arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel(option.label());
        if (option.split()) {
          builder.splitRegex(",");
        }
      }
    }
    return builder.build();
  }

  /** The command line of a command, by the names from the root ({@code network ls}). */
  private CommandLine find(List<Command> path) {
    CommandLine line = root;
    for (Command command : path.subList(1, path.size())) {
      line = line.getSubcommands().get(command.name());
    }
    return line;
  }

  /** Prints a command's help. */
  public void usage(List<Command> path, PrintStream out) {
    find(path).usage(out);
  }

  /**
   * What picocli says of a command line: its error message and the command it was parsing, or null
   * when picocli accepts it.
   */
  public UsageError error(String... args) {
    try {
      root.parseArgs(args);
      return null;
    } catch (ParameterException e) {
      return new UsageError(e.getMessage(), e.getCommandLine().getCommandSpec().qualifiedName());
    }
  }

  /** A usage error as picocli words it. */
  public record UsageError(String message, String commandName) {}

  /** The bash completion script (which zsh reads too, with bashcompinit). */
  public String bashCompletion() {
    return AutoComplete.bash(root.getCommandName(), root);
  }
}
