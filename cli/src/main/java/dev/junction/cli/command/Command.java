package dev.junction.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command of the {@code junction} tree: what it is called, what it takes and what it does. The
 * one description of the command line: {@link ArgumentParser} parses by it on every run, and {@link
 * PicocliTree} turns it into picocli's model for help, completion and usage errors.
 *
 * @param action null for a command that only groups others (alone, it shows its help)
 * @param parsing how the words after the command are read
 */
public record Command(
    String name,
    List<String> aliases,
    List<String> description,
    List<Option> options,
    List<Positional> positionals,
    List<Command> subcommands,
    List<String> footer,
    Parsing parsing,
    Action action) {

  /** How a command's words are read. */
  public enum Parsing {
    /** Options anywhere before {@code --}. */
    OPTIONS,
    /** Everything after the first positional parameter is positional: a command to run. */
    STOP_AT_POSITIONAL,
    /** Everything is passed on as it is: another program's flags. */
    RAW
  }

  public Command {
    aliases = List.copyOf(aliases);
    description = List.copyOf(description);
    options = List.copyOf(options);
    positionals = List.copyOf(positionals);
    subcommands = List.copyOf(subcommands);
    footer = List.copyOf(footer);
  }

  public static Command named(String name, String... description) {
    return new Command(
        name,
        List.of(),
        List.of(description),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Parsing.OPTIONS,
        null);
  }

  public Command aliases(String... names) {
    return new Command(
        name,
        List.of(names),
        description,
        options,
        positionals,
        subcommands,
        footer,
        parsing,
        action);
  }

  public Command options(Option... added) {
    List<Option> all = new ArrayList<>(options);
    all.addAll(List.of(added));
    return new Command(
        name, aliases, description, all, positionals, subcommands, footer, parsing, action);
  }

  public Command positionals(Positional... added) {
    List<Positional> all = new ArrayList<>(positionals);
    all.addAll(List.of(added));
    return new Command(
        name, aliases, description, options, all, subcommands, footer, parsing, action);
  }

  public Command subcommands(Command... added) {
    List<Command> all = new ArrayList<>(subcommands);
    all.addAll(List.of(added));
    return new Command(
        name, aliases, description, options, positionals, all, footer, parsing, action);
  }

  public Command footer(String... lines) {
    return new Command(
        name,
        aliases,
        description,
        options,
        positionals,
        subcommands,
        List.of(lines),
        parsing,
        action);
  }

  public Command parsing(Parsing how) {
    return new Command(
        name, aliases, description, options, positionals, subcommands, footer, how, action);
  }

  public Command action(Action what) {
    return new Command(
        name, aliases, description, options, positionals, subcommands, footer, parsing, what);
  }

  /** The option spelled {@code name}. */
  public Optional<Option> option(String name) {
    for (Option option : options) {
      if (option.names().contains(name)) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }

  /** The subcommand called {@code word}, by name or alias. */
  public Optional<Command> subcommand(String word) {
    for (Command command : subcommands) {
      if (command.name().equals(word) || command.aliases().contains(word)) {
        return Optional.of(command);
      }
    }
    return Optional.empty();
  }
}
