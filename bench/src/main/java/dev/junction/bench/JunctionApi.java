package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Junction's daemon over its API: started as a JVM of its own, as it runs in production, inside a
 * namespace the benchmark made, with every directory it uses under the workspace. One sandbox
 * attached to a first network is connected to and disconnected from a second one; then bridge
 * networks are created and deleted.
 */
final class JunctionApi {
  private JunctionApi() {}

  /** A daemon the benchmark started, with its API socket. */
  record Started(Path socket, NetworkApi api) {}

  /**
   * Starts the daemon in a host namespace of its own under the workspace and waits for its API;
   * {@code teardown} stops it and removes what it made.
   */
  static Started start(Workspace workspace, Teardown teardown) throws Exception {
    Path base = workspace.directory("junction");
    NamespaceFile host = NamespaceFile.create(base.resolve("host"));
    teardown.add("remove Junction's host namespace", host::remove);
    // after the daemon has stopped: the netns directory it made a mount point, and any namespace
    // files still mounted in it
    teardown.add("unmount under " + base, () -> Workspace.unmountAll(base));
    DaemonProcess daemon = launch(base, host);
    teardown.add("stop Junction's daemon", () -> stop(daemon, host));
    NetworkApi api = await(base, daemon);
    teardown.add("close the API client", api::close);
    return new Started(base.resolve("exec/junction.sock"), api);
  }

  static SystemResult measure(ApiPlan plan, Workspace workspace, Teardown teardown)
      throws Exception {
    List<String> notes = new ArrayList<>();
    NetworkApi api = start(workspace, teardown).api();
    String version = "junction " + api.serverVersion() + " (API " + api.apiVersion() + ")";
    String first = api.createNetwork("jb-n1", "10.231.1.0/24");
    String second = api.createNetwork("jb-n2", "10.231.2.0/24");
    String sandbox =
        NetworkApi.id(
            NetworkApi.expect(
                api.client()
                    .postJson(
                        api.path("/sandboxes/create"),
                        """
                        {"Name":"jb-s1","NetworkingConfig":{"EndpointsConfig":{"jb-n1":{}}}}"""),
                201,
                "create sandbox"));
    AtomicReference<DaemonMetrics> before = new AtomicReference<>();
    Map<String, Samples> ops =
        api.measure(plan, second, sandbox, () -> before.set(DaemonMetrics.scrape(api)));
    DaemonMetrics after = DaemonMetrics.scrape(api);
    notes.add(api.firstConnectsNote("junction"));
    for (String op : List.of("connect", "disconnect")) {
      notes.add(
          "junction: mean "
              + op
              + " "
              + Math.round(ops.get(op).meanNanos() / 1000)
              + " us at the client, "
              + after.meanMicrosSince(
                  before.get(),
                  "junction_api_request_duration_seconds",
                  "{route=\"POST /networks/{id}/" + op + "\"}")
              + " us in the daemon's API handler, "
              + after.meanMicrosSince(before.get(), "junction_" + op + "_duration_seconds", "")
              + " us in its engine (from GET /metrics)");
    }
    NetworkApi.expect(
        api.client().delete(api.path("/sandboxes/" + sandbox)), 204, "delete sandbox");
    api.deleteNetwork(second);
    api.deleteNetwork(first);
    return new SystemResult("junction", version, ops, notes);
  }

  /** Waits for the API of a daemon launched with {@code base} as its root of directories. */
  static NetworkApi await(Path base, DaemonProcess daemon) throws Exception {
    try {
      return NetworkApi.await(
          base.resolve("exec/junction.sock"), daemon.handle(), 60_000, "Junction's daemon");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; its log:\n" + tail(daemon), e);
    }
  }

  /** The daemon's JVM: the PID that nsenter became (it execs, it does not fork) and its log. */
  record DaemonProcess(Process process, Path log) {
    ProcessHandle handle() {
      return process.toHandle();
    }
  }

  /**
   * Launches the daemon in {@code host} with every directory it uses under {@code base}: what an
   * earlier daemon launched there left, it restores.
   */
  static DaemonProcess launch(Path base, NamespaceFile host) throws IOException {
    Path config = base.resolve("daemon.json");
    Files.writeString(config, "{}\n"); // not /etc/junction/daemon.json, whatever it says
    Path log = base.resolve("daemon.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // The JVM options of bin/junction daemon.
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CompileThresholdScaling=0.05",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.junction.daemon.DaemonMain",
            "--config-file",
            config.toString(),
            "--data-root",
            base.resolve("data").toString(),
            "--exec-root",
            base.resolve("exec").toString(),
            "--netns-dir",
            base.resolve("netns").toString(),
            "--etc-netns",
            base.resolve("etc-netns").toString(),
            "-H",
            "unix://" + base.resolve("exec/junction.sock"),
            "--pidfile",
            base.resolve("exec/junction.pid").toString(),
            "--log-level",
            "warn");
    Process process =
        new ProcessBuilder(Commands.inNamespace(host, command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new DaemonProcess(process, log);
  }

  /** SIGTERM by PID, as an operator would stop it; SIGKILL if it has not ended after 20 s. */
  static void stop(DaemonProcess daemon, NamespaceFile host)
      throws IOException, InterruptedException {
    daemon.handle().destroy();
    if (!daemon.process().waitFor(20, TimeUnit.SECONDS)) {
      System.err.println("api: Junction's daemon did not stop on SIGTERM within 20 s: killed");
      daemon.handle().destroyForcibly();
      daemon.process().waitFor(10, TimeUnit.SECONDS);
    }
    List<Long> strays = host.stopProcesses(5_000);
    if (!strays.isEmpty()) {
      System.err.println("api: ended processes left in Junction's namespace: " + strays);
    }
    int status = daemon.process().exitValue();
    if (status != 0 && status != 143 && status != 137) { // 137: killed on purpose
      System.err.println(
          "api: Junction's daemon exited with status " + status + "; its log:\n" + tail(daemon));
    }
  }

  private static String tail(DaemonProcess daemon) throws IOException {
    List<String> lines = Files.readAllLines(daemon.log());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
