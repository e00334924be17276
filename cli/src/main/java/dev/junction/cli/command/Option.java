package dev.junction.cli.command;

import java.util.List;

/**
 * An option of a command.
 *
 * @param names every spelling, such as {@code -q} and {@code --quiet}; the longest is its key
 * @param kind what it takes
 * @param label what the value is called in help ({@code FORMAT}); null for flags
 * @param description help text, one element per line
 * @param split true to split each value at commas ({@code --subnet a,b}), as docker's slices do
 */
public record Option(
    List<String> names, Kind kind, String label, List<String> description, boolean split) {

  /** What an option takes. */
  public enum Kind {
    /** Nothing: present or not. */
    FLAG,
    /** Optionally {@code true} or {@code false}: {@code --ipv6}, {@code --ipv6=false}. */
    OPTIONAL_BOOLEAN,
    /** One value; given twice, the last one counts (as docker's flags). */
    VALUE,
    /** One whole number. */
    INTEGER,
    /** A value each time it is given. */
    LIST
  }

  public Option {
    names = List.copyOf(names);
    description = List.copyOf(description);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("an option needs a name");
    }
    for (String name : names) {
      if (!name.startsWith("-")) {
        throw new IllegalArgumentException("option names start with '-': " + name);
      }
    }
  }

  public static Option flag(String description, String... names) {
    return new Option(List.of(names), Kind.FLAG, null, List.of(description), false);
  }

  public static Option optionalBoolean(String description, String... names) {
    return new Option(List.of(names), Kind.OPTIONAL_BOOLEAN, "BOOL", List.of(description), false);
  }

  public static Option value(String label, List<String> description, String... names) {
    return new Option(List.of(names), Kind.VALUE, label, description, false);
  }

  public static Option value(String label, String description, String... names) {
    return value(label, List.of(description), names);
  }

  public static Option integer(String label, String description, String... names) {
    return new Option(List.of(names), Kind.INTEGER, label, List.of(description), false);
  }

  public static Option list(String label, String description, String... names) {
    return new Option(List.of(names), Kind.LIST, label, List.of(description), false);
  }

  /** A list whose values may also be given comma-separated. */
  public static Option splitList(String label, String description, String... names) {
    return new Option(List.of(names), Kind.LIST, label, List.of(description), true);
  }

  /** The name values are looked up by: the longest. */
  public String key() {
    String key = names.getFirst();
    for (String name : names) {
      if (name.length() > key.length()) {
        key = name;
      }
    }
    return key;
  }

  boolean takesValue() {
    return kind != Kind.FLAG && kind != Kind.OPTIONAL_BOOLEAN;
  }
}
