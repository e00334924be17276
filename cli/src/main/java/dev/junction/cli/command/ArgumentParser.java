package dev.junction.cli.command;

import java.util.Locale;

/**
 * Parses a command line by the {@link Command} tree, accepting what picocli accepts for the same
 * model: options before or between positional parameters, {@code --name=value} and {@code --name
 * value}, {@code -fVALUE}, clustered short flags ({@code -qf x}), {@code --} to end options, and
 * {@code -h}/{@code --help} on every command. A parent's options go before its subcommand's name.
 * On every run, in a millisecond, where picocli's own parser needs a quarter of a second to start.
 */
public final class ArgumentParser {
  private ArgumentParser() {}

  private static final String HELP_SHORT = "-h";
  private static final String HELP_LONG = "--help";

  public static Arguments parse(Command root, String... args) throws UsageException {
    Arguments parsed = new Arguments(root);
    Command command = root;
    boolean optionsEnded = false;
    int positionals = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (command.parsing() == Command.Parsing.RAW) {
        parsed.addPositional(arg);
        positionals++;
        continue;
      }
      if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      if (!optionsEnded && arg.startsWith("-") && arg.length() > 1) {
        if (arg.equals(HELP_SHORT) || arg.equals(HELP_LONG)) {
          parsed.requestHelp();
          continue;
        }
        i = option(parsed, command, args, i);
        continue;
      }
      if (positionals == 0 && !command.subcommands().isEmpty() && !optionsEnded) {
        Command sub = command.subcommand(arg).orElse(null);
        if (sub == null) {
          throw new UsageException(
              parsed.path(), "Unmatched argument at index " + i + ": '" + arg + "'");
        }
        command = sub;
        parsed.enter(sub);
        continue;
      }
      if (positionals >= maxPositionals(command)) {
        throw new UsageException(
            parsed.path(), "Unmatched argument at index " + i + ": '" + arg + "'");
      }
      parsed.addPositional(arg);
      positionals++;
      if (command.parsing() == Command.Parsing.STOP_AT_POSITIONAL) {
        optionsEnded = true;
      }
    }
    if (!parsed.helpRequested() && command.action() != null) {
      int needed = 0;
      for (Positional positional : command.positionals()) {
        needed += positional.min();
      }
      if (positionals < needed) {
        throw new UsageException(parsed.path(), missing(command, positionals));
      }
    }
    return parsed;
  }

  /** Reads the option at {@code args[i]}; answers the index of the last word it used. */
  private static int option(Arguments parsed, Command command, String[] args, int i)
      throws UsageException {
    String arg = args[i];
    if (arg.startsWith("--")) {
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      Option option = command.option(name).orElse(null);
      if (option == null) {
        throw new UsageException(parsed.path(), "Unknown option: '" + name + "'");
      }
      return take(
          parsed, command, option, name, equals < 0 ? null : arg.substring(equals + 1), args, i);
    }
    // -q, -fVALUE, -f=VALUE, -qf VALUE
    for (int at = 1; at < arg.length(); at++) {
      String name = "-" + arg.charAt(at);
      Option option = command.option(name).orElse(null);
      if (option == null) {
        throw new UsageException(
            parsed.path(),
            at == 1 ? "Unknown option: '" + arg + "'" : "Unknown option: '" + name + "'");
      }
      String rest = arg.substring(at + 1);
      if (option.kind() == Option.Kind.FLAG) {
        if (rest.startsWith("=")) {
          throw new UsageException(
              parsed.path(),
              "option '"
                  + name
                  + "' should be specified without '"
                  + rest.substring(1)
                  + "' parameter");
        }
        parsed.add(command, option, "true");
        continue;
      }
      String attached = rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest;
      return take(parsed, command, option, name, attached, args, i);
    }
    return i;
  }

  /** Records an option's value, attached or from the next word. */
  private static int take(
      Arguments parsed,
      Command command,
      Option option,
      String name,
      String attached,
      String[] args,
      int i)
      throws UsageException {
    switch (option.kind()) {
      case FLAG -> {
        if (attached != null) {
          throw new UsageException(
              parsed.path(),
              "option '" + name + "' should be specified without '" + attached + "' parameter");
        }
        parsed.add(command, option, "true");
        return i;
      }
      case OPTIONAL_BOOLEAN -> {
        if (attached != null) {
          parsed.add(command, option, bool(parsed, name, attached));
          return i;
        }
        if (i + 1 < args.length && isBoolean(args[i + 1])) {
          parsed.add(command, option, args[i + 1].toLowerCase(Locale.ROOT));
          return i + 1;
        }
        parsed.add(command, option, "true");
        return i;
      }
      default -> {
        String value = attached;
        int last = i;
        if (value == null) {
          if (i + 1 >= args.length || isOptionOf(command, args[i + 1])) {
            throw new UsageException(
                parsed.path(),
                "Missing required parameter for option '"
                    + option.key()
                    + "' ("
                    + option.label()
                    + ")");
          }
          value = args[i + 1];
          last = i + 1;
        }
        if (option.kind() == Option.Kind.INTEGER) {
          try {
            Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new UsageException(
                parsed.path(),
                "Invalid value for option '" + option.key() + "': '" + value + "' is not an int");
          }
        }
        if (option.split()) {
          for (String part : value.split(",", -1)) {
            parsed.add(command, option, part);
          }
        } else {
          parsed.add(command, option, value);
        }
        return last;
      }
    }
  }

  private static boolean isBoolean(String text) {
    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
  }

  private static String bool(Arguments parsed, String name, String text) throws UsageException {
    if (!isBoolean(text)) {
      throw new UsageException(
          parsed.path(),
          "Invalid value for option '" + name + "': '" + text + "' is not a boolean");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** A word that names an option of the command (so it is not a value for the one before). */
  private static boolean isOptionOf(Command command, String word) {
    if (!word.startsWith("-") || word.length() < 2) {
      return false;
    }
    int equals = word.indexOf('=');
    String name = equals < 0 ? word : word.substring(0, equals);
    return name.equals(HELP_SHORT) || name.equals(HELP_LONG) || command.option(name).isPresent();
  }

  private static int maxPositionals(Command command) {
    long max = 0;
    for (Positional positional : command.positionals()) {
      max += positional.max();
    }
    return (int) Math.min(Integer.MAX_VALUE, max);
  }

  private static String missing(Command command, int given) {
    int seen = 0;
    StringBuilder labels = new StringBuilder();
    int count = 0;
    for (Positional positional : command.positionals()) {
      if (positional.min() > 0 && seen + positional.min() > given) {
        labels.append(count == 0 ? "" : ", ").append('\'').append(positional.label()).append('\'');
        count++;
      }
      seen += positional.max() == Positional.UNBOUNDED ? positional.min() : positional.max();
    }
    return (count == 1 ? "Missing required parameter: " : "Missing required parameters: ") + labels;
  }
}
