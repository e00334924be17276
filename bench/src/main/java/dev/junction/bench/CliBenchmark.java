package dev.junction.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run cli [--runs N]}: the wall time of {@code bin/junction network ls} against a
 * running daemon (with a few networks to list), as a shell user sees it: from starting the process
 * to its end. Measured with the launcher's AOT cache, as it runs, and without it ({@code
 * JUNCTION_AOT=off}); the first run after a build, which makes the cache, apart.
 */
final class CliBenchmark {
  private CliBenchmark() {}

  private static final String USAGE = "usage: bench/run cli [--runs N]";

  static void run(String[] args) throws Exception {
    int runs = RunsOption.parse(args, 20, USAGE);
    Path launcher = Path.of("bin/junction").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " is missing: run bench/run from the repository");
    }
    Workspace workspace = Workspace.create();
    try (Teardown teardown = new Teardown()) {
      teardown.add("remove " + workspace.root(), workspace::remove);
      JunctionApi.Started daemon = JunctionApi.start(workspace, teardown);
      for (int i = 0; i < 5; i++) {
        daemon.api().createNetwork("jc-n" + i, "10.233." + i + ".0/24");
      }
      List<String> command =
          List.of(launcher.toString(), "-H", "unix://" + daemon.socket(), "network", "ls");
      Path cache = launcher.getParent().resolve("../cli/target/aot").normalize();
      boolean hadCache = Files.isDirectory(cache) && hasCacheFile(cache);
      long first = time(command, Map.of());
      Samples withCache = measure(command, Map.of(), runs);
      Samples withoutCache = measure(command, Map.of("JUNCTION_AOT", "off"), runs);
      System.out.printf(
          Locale.ROOT,
          "# bench/run cli: %d cores, Java %s; bin/junction network ls against the daemon (8"
              + " networks), %d runs each after 3 unmeasured; wall time from process start to"
              + " end%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.version(),
          runs);
      System.out.printf(
          Locale.ROOT,
          "# first run: %d ms (%s)%n",
          first / 1_000_000,
          hadCache ? "the AOT cache was there" : "it made the AOT cache");
      print("aot_cache", withCache);
      print("no_aot_cache", withoutCache);
    }
  }

  private static boolean hasCacheFile(Path directory) throws java.io.IOException {
    try (var files = Files.list(directory)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".aot"));
    }
  }

  private static Samples measure(List<String> command, Map<String, String> environment, int runs)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      time(command, environment);
    }
    Samples samples = new Samples();
    for (int i = 0; i < runs; i++) {
      samples.add(time(command, environment));
    }
    return samples;
  }

  private static long time(List<String> command, Map<String, String> environment) throws Exception {
    long start = System.nanoTime();
    Commands.Outcome outcome = Commands.run(command, null, environment);
    long nanos = System.nanoTime() - start;
    if (outcome.status() != 0 || !outcome.stdout().contains("jc-n4")) {
      throw new IllegalStateException(
          "bin/junction network ls failed (status "
              + outcome.status()
              + "): "
              + outcome.stderr().strip());
    }
    return nanos;
  }

  private static void print(String variant, Samples samples) {
    System.out.printf(
        Locale.ROOT,
        "op=cli_network_ls variant=%s median_ms=%d p95_ms=%d%n",
        variant,
        samples.medianMicros() / 1000,
        samples.p95Micros() / 1000);
  }
}
