package dev.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench/run api [--peers] [--cycles N] [--warmup N] [--networks N] [--systems LIST]}:
 * Junction's daemon over its API and, in the same run, the peers that are installed — Docker over
 * the same API and the same client, netavark and the CNI bridge plugin as their runtimes run them.
 * With {@code --peers}, installs the missing peers first. Prints one line per system and operation,
 * with the ratio of the system's median to Junction's.
 */
final class ApiBenchmark {

  static final List<String> OPS =
      List.of("connect", "disconnect", "network_create", "network_delete");

  /** A system the run could not measure, and why. */
  private record Skipped(String system, String reason) {}

  private final ApiOptions options;
  private final List<SystemResult> results = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private long spawnMedianMicros = -1;

  private ApiBenchmark(ApiOptions options) {
    this.options = options;
  }

  static void run(String[] args) throws Exception {
    ApiBenchmark benchmark = new ApiBenchmark(ApiOptions.parse(args));
    List<String> systems = benchmark.installedSystems();
    benchmark.measure(systems);
    if (!benchmark.interrupted.get()) {
      benchmark.report();
    }
  }

  /** The systems asked for that can run; with --peers, after installing what they miss. */
  private List<String> installedSystems() throws Exception {
    if (options.peers()) {
      List<String> missing = new ArrayList<>();
      for (String system : options.systems()) {
        PeerPackages.missing(system).stream()
            .filter(p -> !missing.contains(p))
            .forEach(missing::add);
      }
      PeerPackages.install(missing);
    }
    List<String> installed = new ArrayList<>();
    for (String system : options.systems()) {
      List<String> missing = PeerPackages.missing(system);
      if (missing.isEmpty()) {
        installed.add(system);
      } else {
        skipped.add(
            new Skipped(
                system,
                "not installed ("
                    + String.join(", ", missing)
                    + "); bench/run api --peers installs it"));
      }
    }
    return installed;
  }

  /**
   * Each system in turn, in a workspace removed at the end. An interruption (Ctrl-C, SIGTERM) tears
   * down what is running from the JVM's shutdown hook, and nothing more is measured.
   */
  private void measure(List<String> systems) throws Exception {
    Workspace workspace = Workspace.create();
    Teardown teardown = new Teardown();
    teardown.add("remove " + workspace.root(), workspace::remove);
    Thread onInterrupt =
        new Thread(
            () -> {
              interrupted.set(true);
              teardown.close();
            },
            "api-teardown");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      for (String system : systems) {
        if (interrupted.get()) {
          return;
        }
        System.err.println("api: measuring " + system);
        try (Teardown own = teardown.nested(system)) {
          results.add(measure(system, workspace, own));
        } catch (Exception e) {
          if (interrupted.get()) {
            return; // torn down under its feet: the failure says nothing
          }
          e.printStackTrace();
          skipped.add(new Skipped(system, "failed: " + oneLine(e)));
        }
      }
      if (systems.contains("netavark") || systems.contains("cni")) {
        try (Teardown own = teardown.nested("spawn")) {
          spawnMedianMicros = spawnMedianMicros(workspace, own);
        }
      }
    } finally {
      teardown.close();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: it found nothing left to do
      }
    }
  }

  private SystemResult measure(String system, Workspace workspace, Teardown teardown)
      throws Exception {
    ApiPlan plan = options.plan();
    return switch (system) {
      case "junction" -> JunctionApi.measure(plan, workspace, teardown);
      case "docker" -> DockerApi.measure(plan, workspace, teardown);
      case "netavark" -> NetavarkPeer.measure(plan, workspace, teardown);
      case "cni" -> CniPeer.measure(plan, workspace, teardown);
      default -> throw new IllegalArgumentException(system);
    };
  }

  /**
   * What starting a process costs the benchmark itself ({@code nsenter --net=NS true}, as every
   * netavark and CNI run is started): part of each of their figures, as it is for their runtimes.
   */
  private static long spawnMedianMicros(Workspace workspace, Teardown teardown) throws Exception {
    NamespaceFile namespace = NamespaceFile.create(workspace.root().resolve("spawn"));
    teardown.add("remove the spawn namespace", namespace::remove);
    Samples samples = new Samples();
    Invocation spawn =
        new Invocation(Commands.inNamespace(namespace, List.of("true")), null, Map.of());
    for (int i = 0; i < 150; i++) {
      long start = System.nanoTime();
      spawn.run("nsenter true");
      if (i >= 50) {
        samples.add(System.nanoTime() - start);
      }
    }
    return samples.medianMicros();
  }

  /** A header (machine, versions, notes), then one line per system and operation. */
  private void report() {
    ApiPlan plan = options.plan();
    System.out.printf(
        Locale.ROOT,
        "# bench/run api: %d cores, Linux %s, Java %s; %d connect/disconnect cycles after %d"
            + " unmeasured, %d network create/delete after %d%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.version"),
        Runtime.version(),
        plan.cycles(),
        plan.warmUp(),
        plan.networks(),
        plan.networkWarmUp());
    results.forEach(r -> System.out.println("# " + r.system() + ": " + r.version()));
    results.forEach(r -> r.notes().forEach(note -> System.out.println("# " + note)));
    if (spawnMedianMicros >= 0) {
      System.out.printf(
          "# starting a process from the benchmark (nsenter --net=NS true): median %d us,"
              + " part of every netavark and cni figure%n",
          spawnMedianMicros);
    }
    skipped.forEach(s -> System.out.println("system=" + s.system() + " skipped: " + s.reason()));
    Map<String, Samples> junction =
        results.stream()
            .filter(r -> r.system().equals("junction"))
            .findFirst()
            .map(SystemResult::ops)
            .orElse(Map.of());
    for (SystemResult result : results) {
      for (String op : OPS) {
        Samples samples = result.ops().get(op);
        if (samples != null) {
          System.out.println(line(result.system(), op, samples, junction.get(op)));
        }
      }
    }
  }

  /** {@code system=S op=O median_us=N p95_us=N ratio=R}, R = S's median / Junction's. */
  static String line(String system, String op, Samples samples, Samples junction) {
    String ratio =
        junction == null
            ? "n/a"
            : String.format(Locale.ROOT, "%.2f", samples.medianNanos() / junction.medianNanos());
    return String.format(
        Locale.ROOT,
        "system=%s op=%s median_us=%d p95_us=%d ratio=%s",
        system,
        op,
        samples.medianMicros(),
        samples.p95Micros(),
        ratio);
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
