package dev.junction.cli.command;

/**
 * A command's positional parameter.
 *
 * @param min how many must be given
 * @param max how many may be given; {@link #UNBOUNDED} for any number
 */
public record Positional(String label, int min, int max, String description) {

  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public static Positional one(String label, String description) {
    return new Positional(label, 1, 1, description);
  }

  public static Positional oneOrMore(String label, String description) {
    return new Positional(label, 1, UNBOUNDED, description);
  }

  /** Picocli's arity text: {@code 1}, {@code 1..*}. */
  String arity() {
    if (min == max) {
      return String.valueOf(min);
    }
    return min + ".." + (max == UNBOUNDED ? "*" : String.valueOf(max));
  }
}
