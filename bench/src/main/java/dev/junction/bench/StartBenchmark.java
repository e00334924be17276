package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run start [--runs N]}: how long {@code bin/junction daemon} takes to answer, from
 * its {@code exec} to its first answer to {@code GET /_ping}, on an empty store, in a namespace of
 * its own each time. With the daemon's AOT cache, as it runs, and without it ({@code
 * JUNCTION_AOT=off}), the two alternating so that both see the machine at the same moments. What a
 * restart after a crash costs before the engine's own start, and most of what each kill of the
 * crash storm costs.
 */
final class StartBenchmark {
  private StartBenchmark() {}

  private static final String USAGE = "usage: bench/run start [--runs N]";

  /** How often the socket is tried: the figure's resolution. */
  private static final long POLL_MILLIS = 10;

  private record Variant(String name, Map<String, String> environment) {}

  static void run(String[] args) throws Exception {
    int runs = RunsOption.parse(args, 10, USAGE);
    Path launcher = Path.of("bin/junction").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " is missing: run bench/run from the repository");
    }
    long begun = System.nanoTime();
    Commands.Outcome prepared =
        Commands.run(
            List.of(launcher.toString(), "daemon"),
            null,
            environment(Map.of("JUNCTION_AOT", "prepare")));
    long preparedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
    if (prepared.status() != 0) {
      throw new IllegalStateException(
          "the daemon's AOT cache could not be made: " + prepared.stderr().strip());
    }
    List<Variant> variants =
        List.of(
            new Variant("aot_cache", Map.of()),
            new Variant("no_aot_cache", Map.of("JUNCTION_AOT", "off")));
    List<Samples> samples = List.of(new Samples(), new Samples());
    Workspace workspace = Workspace.create();
    try (Teardown teardown = new Teardown()) {
      teardown.add("remove " + workspace.root(), workspace::remove);
      for (int run = 0; run < runs; run++) {
        for (int v = 0; v < variants.size(); v++) {
          Path base = workspace.directory("start-" + run + "-" + v);
          samples.get(v).add(timeStart(launcher, base, variants.get(v).environment()));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "# bench/run start: %d cores, Java %s; bin/junction daemon on an empty store, from exec to"
            + " its first answer to GET /_ping (tried every %d ms), %d starts of each variant,"
            + " alternating; the AOT cache %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        POLL_MILLIS,
        runs,
        prepared.stderr().isBlank() ? "was there" : "was made first, in " + preparedMillis + " ms");
    for (int v = 0; v < variants.size(); v++) {
      Samples s = samples.get(v);
      System.out.printf(
          Locale.ROOT,
          "op=daemon_start variant=%s median_ms=%d p95_ms=%d min_ms=%d max_ms=%d%n",
          variants.get(v).name(),
          s.medianMicros() / 1000,
          s.p95Micros() / 1000,
          s.minMicros() / 1000,
          s.maxMicros() / 1000);
    }
  }

  /** {@code bin/junction}'s environment: the JDK this benchmark runs on, and {@code extra}. */
  private static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(extra);
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    return environment;
  }

  /**
   * One start in a new namespace under {@code base}: the nanoseconds from starting the process to
   * its first answer. The daemon is then stopped and everything it made removed.
   */
  private static long timeStart(Path launcher, Path base, Map<String, String> extra)
      throws Exception {
    NamespaceFile host = NamespaceFile.create(base.resolve("host"));
    try {
      Files.writeString(base.resolve("daemon.json"), "{}\n");
      Path socket = base.resolve("exec/junction.sock");
      List<String> command = new ArrayList<>(List.of(launcher.toString(), "daemon"));
      command.addAll(
          List.of(
              "--config-file", base.resolve("daemon.json").toString(),
              "--data-root", base.resolve("data").toString(),
              "--exec-root", base.resolve("exec").toString(),
              "--netns-dir", base.resolve("netns").toString(),
              "--etc-netns", base.resolve("etc-netns").toString(),
              "--log-level", "warn"));
      ProcessBuilder builder =
          new ProcessBuilder(Commands.inNamespace(host, command))
              .redirectErrorStream(true)
              .redirectOutput(base.resolve("daemon.log").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment(extra));
      long start = System.nanoTime();
      Process daemon = builder.start();
      try {
        long answered = awaitPing(socket, daemon);
        return answered - start;
      } finally {
        daemon.destroy(); // SIGTERM: the daemon stops as an operator stops it
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
          daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      host.stopProcesses(5_000);
      Workspace.unmountAll(base);
      host.remove();
    }
  }

  /** Tries the socket every {@link #POLL_MILLIS} ms; the instant of the first answer. */
  private static long awaitPing(Path socket, Process daemon)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.exists(socket)) {
        try (UnixHttpClient client = new UnixHttpClient(socket)) {
          if (client.get("/_ping").status() == 200) {
            return System.nanoTime();
          }
        } catch (IOException notYet) {
          // bound but not serving yet
        }
      }
      if (!daemon.isAlive()) {
        throw new IllegalStateException("the daemon ended before it answered");
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException("the daemon did not answer within 120 s");
  }
}
