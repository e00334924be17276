package dev.junction.it.daemon;

import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NetlinkKernel;
import dev.junction.testkit.ns.TestNamespaces;
import dev.junction.testkit.observe.Command;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The daemon as a separate process, as users run it, inside a "host" namespace the test creates,
 * with every directory it uses under the test's own. {@link #close()} stops it with SIGTERM and
 * removes what it and the test made, also after a failure.
 */
public final class DaemonProcess implements AutoCloseable {

  /** {@code bin/junction}, from the it module's directory (the tests' working directory). */
  private static final Path LAUNCHER = Path.of("../bin/junction").toAbsolutePath().normalize();

  private final TestNamespaces<NetlinkKernel> namespaces;
  private final NetNs host;
  private final Path root;
  private final Path socket;
  private final Path sandboxDir;
  private final Path log;
  private final Map<String, String> environment;
  private Process process;

  private DaemonProcess(
      TestNamespaces<NetlinkKernel> namespaces,
      NetNs host,
      Path root,
      Map<String, String> environment) {
    this.namespaces = namespaces;
    this.environment = Map.copyOf(environment);
    this.host = host;
    this.root = root;
    this.socket = root.resolve("run/junction.sock");
    this.sandboxDir = namespaces.directory().resolve("sandboxes");
    this.log = root.resolve("daemon.log");
  }

  /** Creates the host namespace and starts a daemon in it; waits until it answers. */
  public static DaemonProcess start() throws IOException {
    return start(Map.of());
  }

  /** {@link #start()}, with extra environment for {@code bin/junction}. */
  public static DaemonProcess start(Map<String, String> environment) throws IOException {
    TestNamespaces<NetlinkKernel> namespaces = TestNamespaces.open(NetlinkKernel::open);
    try {
      NetNs host = namespaces.create("host");
      namespaces.kernel().stack(host).setUp("lo", true);
      Path root = Files.createTempDirectory("junction-e2e");
      DaemonProcess daemon = new DaemonProcess(namespaces, host, root, environment);
      daemon.launch();
      return daemon;
    } catch (IOException | RuntimeException | Error e) {
      namespaces.close();
      throw e;
    }
  }

  /**
   * Starts the daemon again and kills it with SIGKILL after {@code millis}, whether or not it has
   * finished starting: a crash during its restore.
   */
  public void launchAndKillAfter(long millis) throws IOException, InterruptedException {
    stop();
    process = launcher().redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    Thread.sleep(millis);
    kill();
  }

  /**
   * {@code bin/junction daemon}, as users start it: with its AOT cache, made once for all the tests
   * (see {@link #prepareCache()}).
   */
  private List<String> command() throws IOException {
    prepareCache();
    List<String> command = new ArrayList<>();
    command.add("nsenter");
    command.add("--net=" + host.path());
    command.add("--");
    command.add(LAUNCHER.toString());
    command.add("daemon");
    command.addAll(
        List.of(
            "--config-file", root.resolve("no-config.json").toString(),
            "--data-root", dataRoot().toString(),
            "--exec-root", execRoot().toString(),
            "--netns-dir", sandboxDir.toString(),
            "--etc-netns", root.resolve("etc-netns").toString(),
            "--log-level", "debug"));
    Files.writeString(root.resolve("no-config.json"), "{}");
    return command;
  }

  /** The daemon's process, to start: bin/junction runs the JDK these tests run on. */
  private ProcessBuilder launcher() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    return builder;
  }

  private void launch() throws IOException {
    process = launcher().redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the daemon exited at start:\n" + log());
      }
      if (Files.exists(socket) && Command.run(curl("GET", "/_ping", null)).output().equals("OK")) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException("the daemon did not answer within 60 s:\n" + log());
  }

  private static boolean cachePrepared;

  /**
   * Makes the daemon's AOT cache, if the build has none yet, before the first daemon starts, so
   * that no start waits for it and none is killed while it is made. A daemon starts without it when
   * it cannot be made: slower, but the same daemon ({@code AotCacheTest} checks that it is made).
   */
  static synchronized void prepareCache() {
    if (cachePrepared) {
      return;
    }
    cachePrepared = true;
    long begun = System.nanoTime();
    String outcome;
    try {
      Command.Result result = junction(List.of("daemon"), Map.of("JUNCTION_AOT", "prepare"));
      outcome = result.ok() ? "ready" : "not made: " + result.error().strip();
    } catch (IllegalStateException e) {
      outcome = "not made: " + e.getMessage();
    }
    System.out.println(
        "daemon AOT cache: "
            + outcome
            + " in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun)
            + " ms");
  }

  public Path socket() {
    return socket;
  }

  /** The daemon's {@code --data-root}. */
  public Path dataRoot() {
    return root.resolve("data");
  }

  /** The daemon's {@code --exec-root}, where its socket is. */
  public Path execRoot() {
    return root.resolve("run");
  }

  public String host() {
    return "unix://" + socket;
  }

  public NetNs hostNs() {
    return host;
  }

  /** The namespace file of sandbox {@code name}. */
  public NetNs sandboxNs(String name) {
    return new NetNs(sandboxDir.resolve(name));
  }

  public long pid() {
    return process.pid();
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A curl command line for the API, for requests the docker CLI cannot make. */
  public List<String> curl(String method, String path, String body) {
    List<String> command = new ArrayList<>();
    command.addAll(List.of("curl", "-sS", "--unix-socket", socket.toString(), "-X", method));
    if (body != null) {
      command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
    }
    command.add("http://junction/v1.50" + path);
    return command;
  }

  /** Runs the docker CLI against this daemon, with a configuration directory of its own. */
  public Command.Result docker(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.add("-H");
    command.add(host());
    command.addAll(List.of(arguments));
    return run(command, Map.of("DOCKER_CONFIG", root.resolve("docker-config").toString()));
  }

  /**
   * Runs the repository's launcher, {@code bin/junction}, against this daemon ({@code -H}), with
   * the JDK of the tests.
   */
  public Command.Result junction(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("-H");
    command.add(host());
    command.addAll(List.of(arguments));
    return junction(command, Map.of());
  }

  /**
   * Runs {@code bin/junction} with exactly these arguments (no {@code -H}) and extra environment,
   * such as {@code JUNCTION_HOST}. The launcher runs the CLI built in {@code cli/target}; the
   * reactor packages it before the it module's tests (see it/pom.xml).
   */
  public static Command.Result junction(List<String> arguments, Map<String, String> environment) {
    requireCliBuilt();
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(arguments);
    Map<String, String> all = new HashMap<>();
    all.put("JAVA_HOME", System.getProperty("java.home"));
    all.put("JUNCTION_HOST", ""); // unset: the test's environment does not choose the daemon
    all.putAll(environment);
    return run(command, all);
  }

  private static void requireCliBuilt() {
    Path target = LAUNCHER.getParent().resolveSibling("cli/target");
    try (Stream<Path> jars = Files.list(target)) {
      if (jars.anyMatch(jar -> jar.getFileName().toString().matches("junction-cli-.*\\.jar"))
          && Files.isDirectory(target.resolve("lib"))) {
        return;
      }
    } catch (IOException e) {
      // not built: said below
    }
    throw new IllegalStateException(
        "bin/junction needs the CLI packaged in "
            + target
            + ": build to package or beyond, e.g. ./mvnw -pl it -am verify");
  }

  /** Runs a command with extra environment, capturing its output. */
  public static Command.Result run(List<String> command, Map<String, String> environment) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      File stdout = File.createTempFile("junction-e2e", ".out");
      File stderr = File.createTempFile("junction-e2e", ".err");
      try {
        Process child = builder.redirectOutput(stdout).redirectError(stderr).start();
        child.getOutputStream().close();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
          child.destroyForcibly();
          throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Command.Result(
            child.exitValue(),
            Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
            Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stdout.toPath());
        Files.deleteIfExists(stderr.toPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the daemon with SIGTERM and waits for it; true when it exited by itself in time. */
  public boolean stop() {
    if (process == null || !process.isAlive()) {
      return process != null;
    }
    process.destroy();
    try {
      if (process.waitFor(30, TimeUnit.SECONDS)) {
        return true;
      }
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Kills the daemon with SIGKILL, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts the daemon again on the same directories and namespace. */
  public void restart() throws IOException {
    stop();
    launch();
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    try {
      stop();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    // Sandboxes the test left: their namespace files are bind mounts in the daemon's directory.
    try {
      if (Files.isDirectory(sandboxDir)) {
        try (Stream<Path> files = Files.list(sandboxDir)) {
          for (Path file : files.toList()) {
            Command.run(List.of("umount", file.toString()));
            Files.deleteIfExists(file);
          }
        }
        while (TestNamespaces.isMountPoint(sandboxDir)) {
          Command.check(null, "umount", sandboxDir.toString());
        }
        Files.deleteIfExists(sandboxDir);
      }
    } catch (IOException | RuntimeException e) {
      failures.add(new IllegalStateException("cleaning " + sandboxDir, e));
    }
    try {
      namespaces.close();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      failures.add(new UncheckedIOException(e));
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
