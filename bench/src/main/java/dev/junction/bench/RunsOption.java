package dev.junction.bench;

/** The one option of the suites that repeat a whole command: {@code [--runs N]}. */
final class RunsOption {
  private RunsOption() {}

  /**
   * The {@code N} of {@code --runs N} in {@code args}, or {@code otherwise}; nothing else taken.
   */
  static int parse(String[] args, int otherwise, String usage) {
    int runs = otherwise;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--runs needs a value; " + usage);
          }
          runs = Integer.parseInt(args[++i]);
          if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, not " + runs);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + usage);
      }
    }
    return runs;
  }
}
