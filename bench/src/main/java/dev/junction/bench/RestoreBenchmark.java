package dev.junction.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run restore [--sandboxes N] [--networks N] [--restarts N]}: how long the daemon's
 * engine takes to start again over many sandboxes (loading the store, restoring the kernel state,
 * watching the sandboxes), after a graceful stop and after SIGKILL. The figure is the daemon's own
 * {@code junction_engine_start_seconds}, so the JVM's start-up is not in it. Every restart must
 * leave each interface as it was: a veth made again would have new interface indices.
 */
final class RestoreBenchmark {
  private RestoreBenchmark() {}

  private static final String USAGE =
      "usage: bench/run restore [--sandboxes N] [--networks N] [--restarts N]";
  private static final Pattern START = Pattern.compile("(?m)^junction_engine_start_seconds (\\S+)");
  private static final Pattern SANDBOXES = Pattern.compile("(?m)^junction_sandboxes (\\d+)");
  private static final Pattern ENDPOINTS = Pattern.compile("(?m)^junction_endpoints (\\d+)");
  private static final Pattern VETH = Pattern.compile("(?m)^(\\d+): (veth[^:@]+@if\\d+):");

  static void run(String[] args) throws Exception {
    int sandboxes = 1000;
    int networks = 10;
    int restarts = 5;
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
      }
      switch (args[i]) {
        case "--sandboxes" -> sandboxes = Integer.parseInt(args[++i]);
        case "--networks" -> networks = Integer.parseInt(args[++i]);
        case "--restarts" -> restarts = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (networks < 1 || networks > 200 || sandboxes < networks || sandboxes / networks > 250) {
      throw new IllegalArgumentException(
          "--networks takes 1 to 200 and each network at most 250 sandboxes; " + USAGE);
    }
    Workspace workspace = Workspace.create();
    try (Teardown teardown = new Teardown()) {
      teardown.add("remove " + workspace.root(), workspace::remove);
      Path base = workspace.directory("junction");
      NamespaceFile host = NamespaceFile.create(base.resolve("host"));
      teardown.add("remove Junction's host namespace", host::remove);
      teardown.add("unmount under " + base, () -> Workspace.unmountAll(base));
      AtomicReference<JunctionApi.DaemonProcess> daemon =
          new AtomicReference<>(JunctionApi.launch(base, host));
      teardown.add("stop Junction's daemon", () -> JunctionApi.stop(daemon.get(), host));
      NetworkApi api = JunctionApi.await(base, daemon.get());

      long fillStart = System.nanoTime();
      for (int n = 0; n < networks; n++) {
        api.createNetwork("rb-n" + n, "10.235." + n + ".0/24");
      }
      for (int s = 0; s < sandboxes; s++) {
        NetworkApi.expect(
            api.client()
                .postJson(
                    api.path("/sandboxes/create"),
                    "{\"Name\":\"rb-s"
                        + s
                        + "\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"rb-n"
                        + (s % networks)
                        + "\":{}}}}"),
            201,
            "create sandbox rb-s" + s);
      }
      long fillMillis = (System.nanoTime() - fillStart) / 1_000_000;
      Set<String> veths = veths(host);
      if (veths.size() != sandboxes) {
        throw new IllegalStateException(
            "expected a veth per sandbox, found " + veths.size() + " for " + sandboxes);
      }
      api.close();

      System.out.printf(
          Locale.ROOT,
          "# bench/run restore: %d cores, Java %s; %d sandboxes on %d bridge networks (made in %d"
              + " ms over the API); %d restarts of each kind; the engine's start as the daemon"
              + " measures it (junction_engine_start_seconds), JVM start-up not included%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.version(),
          sandboxes,
          networks,
          fillMillis,
          restarts);
      for (String kind : List.of("sigterm", "sigkill")) {
        List<Long> millis = new ArrayList<>();
        int recreated = 0;
        for (int r = 0; r < restarts; r++) {
          JunctionApi.DaemonProcess before = daemon.get();
          if (kind.equals("sigkill")) {
            before.handle().destroyForcibly();
            before.process().waitFor();
          }
          JunctionApi.stop(before, host); // SIGTERM; after SIGKILL, only the check it ended
          daemon.set(JunctionApi.launch(base, host));
          NetworkApi restarted = JunctionApi.await(base, daemon.get());
          String metrics =
              NetworkApi.expect(restarted.client().get("/metrics"), 200, "GET /metrics").text();
          millis.add(Math.round(Double.parseDouble(value(START, metrics)) * 1000));
          if (Integer.parseInt(value(SANDBOXES, metrics)) != sandboxes
              || Integer.parseInt(value(ENDPOINTS, metrics)) != sandboxes) {
            throw new IllegalStateException(
                "after a restart the daemon lost sandboxes:\n" + metrics);
          }
          String check =
              NetworkApi.expect(restarted.client().get("/system/check"), 200, "system check")
                  .text();
          if (!check.contains("\"Clean\":true")) {
            throw new IllegalStateException("system check after a restart: " + check);
          }
          Set<String> after = veths(host);
          Set<String> gone = new TreeSet<>(veths);
          gone.removeAll(after);
          recreated += gone.size();
          restarted.close();
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf(
            Locale.ROOT,
            "op=restore sandboxes=%d ms=%d kind=%s networks=%d max_ms=%d recreated_interfaces=%d"
                + " runs=%s%n",
            sandboxes,
            sorted.get(sorted.size() / 2),
            kind,
            networks,
            sorted.getLast(),
            recreated,
            millis);
      }
    }
  }

  private static String value(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("GET /metrics has no " + pattern.pattern());
    }
    return matcher.group(1);
  }

  /**
   * The host ends of the veth pairs as {@code index: name@ifPEER}: a pair made again has new
   * indices at both ends, so the set changes if any sandbox's interface was recreated.
   */
  private static Set<String> veths(NamespaceFile host) throws Exception {
    String links =
        Commands.check(
            Commands.inNamespace(host, List.of("ip", "-o", "link", "show", "type", "veth"))
                .toArray(String[]::new));
    Set<String> found = new TreeSet<>();
    Matcher matcher = VETH.matcher(links);
    while (matcher.find()) {
      found.add(matcher.group(1) + ": " + matcher.group(2));
    }
    return found;
  }
}
