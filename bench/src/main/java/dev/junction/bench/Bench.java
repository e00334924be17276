package dev.junction.bench;

import java.util.Arrays;

/** Entry point of {@code bench/run SUITE}. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    String suite = args.length > 0 ? args[0] : "";
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (suite) {
      case "kernel" -> KernelBenchmark.run(rest);
      case "core" -> CoreBenchmark.run(rest);
      case "api" -> ApiBenchmark.run(rest);
      case "cli" -> CliBenchmark.run(rest);
      case "start" -> StartBenchmark.run(rest);
      case "restore" -> RestoreBenchmark.run(rest);
      case "demo" -> KernelDemo.run(rest);
      default -> {
        System.err.println(
            "unknown benchmark suite \""
                + suite
                + "\"; suites: kernel, core, api, cli, start, restore (crash: bench/run crash)");
        System.exit(2);
      }
    }
  }
}
