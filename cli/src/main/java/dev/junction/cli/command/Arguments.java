package dev.junction.cli.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line: the commands named (from the root), the options given to each, and the
 * positional parameters of the last. Options are read by any of their names.
 */
public final class Arguments {
  private final List<Command> path;
  // By identity: commands are records whose hashCode would hash the whole tree below them.
  private final Map<Command, Map<String, List<String>>> values = new IdentityHashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private boolean help;

  Arguments(Command root) {
    this.path = new ArrayList<>(List.of(root));
  }

  void enter(Command command) {
    path.add(command);
  }

  void add(Command command, Option option, String value) {
    Map<String, List<String>> byKey = values.get(command);
    if (byKey == null) {
      byKey = new HashMap<>();
      values.put(command, byKey);
    }
    List<String> list = byKey.get(option.key());
    if (list == null) {
      list = new ArrayList<>();
      byKey.put(option.key(), list);
    }
    list.add(value);
  }

  void addPositional(String value) {
    positionals.add(value);
  }

  void requestHelp() {
    help = true;
  }

  /** The commands named, root first. */
  public List<Command> path() {
    return Collections.unmodifiableList(path);
  }

  /** The command to run: the last one named. */
  public Command command() {
    return path.getLast();
  }

  /** {@code -h} or {@code --help} was given. */
  public boolean helpRequested() {
    return help;
  }

  public List<String> positionals() {
    return Collections.unmodifiableList(positionals);
  }

  public String positional(int index) {
    return positionals.get(index);
  }

  /** Whether an option of the command to run was given. */
  public boolean given(String name) {
    return !raw(command(), name).isEmpty();
  }

  public boolean flag(String name) {
    return given(name);
  }

  /** An optional boolean: null when not given, else its value ({@code --ipv6} alone is true). */
  public Boolean optionalBoolean(String name) {
    List<String> given = raw(command(), name);
    return given.isEmpty() ? null : Boolean.valueOf(given.getLast());
  }

  /** The last value given, or {@code otherwise}. */
  public String value(String name, String otherwise) {
    List<String> given = raw(command(), name);
    return given.isEmpty() ? otherwise : given.getLast();
  }

  /** The last value given, or null. */
  public String value(String name) {
    return value(name, null);
  }

  public int integer(String name, int otherwise) {
    List<String> given = raw(command(), name);
    return given.isEmpty() ? otherwise : Integer.parseInt(given.getLast());
  }

  /** Every value given, in order. */
  public List<String> values(String name) {
    return Collections.unmodifiableList(raw(command(), name));
  }

  /** A value of an option of an earlier command in the path ({@code junction -H X network ls}). */
  public String valueOf(Command command, String name) {
    List<String> given = raw(command, name);
    return given.isEmpty() ? null : given.getLast();
  }

  public boolean flagOf(Command command, String name) {
    return !raw(command, name).isEmpty();
  }

  private List<String> raw(Command command, String name) {
    Option option = command.option(name).orElse(null);
    if (option == null) {
      throw new IllegalArgumentException("command " + command.name() + " has no option " + name);
    }
    Map<String, List<String>> byKey = values.get(command);
    List<String> given = byKey == null ? null : byKey.get(option.key());
    return given == null ? List.of() : given;
  }
}
