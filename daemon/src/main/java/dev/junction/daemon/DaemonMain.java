package dev.junction.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.core.ipam.PoolSpec;
import dev.junction.netlink.NetlinkKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction daemon}: reads flags and the config file (flags win), starts the daemon, and
 * stops it on SIGTERM or SIGINT.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    version = "junction " + Daemon.VERSION,
    description = {
      "Runs the Junction daemon: the Docker Engine network API on a unix socket.",
      "Networks and sandboxes outlive the daemon; the next start restores them."
    })
public final class DaemonMain implements Callable<Integer> {

  static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/junction/daemon.json");

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description =
          "JSON file with the same keys as the flags (default: ${DEFAULT-VALUE} if it exists)",
      defaultValue = "/etc/junction/daemon.json")
  Path configFile;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description = "Store and sandbox files (default: /var/lib/junction)")
  Path dataRoot;

  @Option(
      names = "--exec-root",
      paramLabel = "DIR",
      description = "Sockets and runtime files (default: /run/junction)")
  Path execRoot;

  @Option(
      names = "--netns-dir",
      paramLabel = "DIR",
      description = "Where sandbox namespaces are made (default: /run/netns)")
  Path netnsDir;

  @Option(
      names = "--etc-netns",
      paramLabel = "DIR",
      description = "Per-namespace /etc files for 'ip netns exec' (default: /etc/netns)")
  Path etcNetns;

  @Option(
      names = {"-H", "--host"},
      paramLabel = "ADDRESS",
      description =
          "unix:///PATH or tcp://127.0.0.1:PORT; repeatable (default: unix:///run/junction/junction.sock)")
  List<String> hosts;

  @Option(
      names = "--pidfile",
      paramLabel = "FILE",
      description = "Where the PID goes (default: EXEC-ROOT/junction.pid)")
  Path pidFile;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "debug, info, warn or error (default: info)")
  String logLevel;

  @Option(
      names = "--default-address-pool",
      paramLabel = "base=CIDR,size=N",
      description = "Pool for networks without a subnet; repeatable (default: Docker's pools)")
  List<String> defaultAddressPools;

  private static final Set<String> FILE_KEYS =
      Set.of(
          "data-root",
          "exec-root",
          "netns-dir",
          "etc-netns",
          "hosts",
          "pidfile",
          "log-level",
          "default-address-pools");

  /** The configuration the flags and the file give, flags first. */
  DaemonConfig config() throws IOException {
    JsonNode file = readConfigFile();
    Path data = pick(dataRoot, file, "data-root", "/var/lib/junction");
    Path exec = pick(execRoot, file, "exec-root", "/run/junction");
    Path netns =
        pick(netnsDir, file, "netns-dir", NetlinkKernel.DEFAULT_NETNS_DIRECTORY.toString());
    Path etc = pick(etcNetns, file, "etc-netns", "/etc/netns");
    List<String> hostTexts = hosts;
    if (hostTexts == null && file.has("hosts")) {
      hostTexts = strings(file.get("hosts"), "hosts");
    }
    if (hostTexts == null || hostTexts.isEmpty()) {
      hostTexts = List.of("unix://" + exec.resolve("junction.sock"));
    }
    List<DaemonConfig.Listener> listeners = new ArrayList<>();
    for (String host : hostTexts) {
      listeners.add(DaemonConfig.Listener.parse(host));
    }
    Path pid =
        pidFile != null
            ? pidFile
            : pick(null, file, "pidfile", exec.resolve("junction.pid").toString());
    String level = logLevel != null ? logLevel : file.path("log-level").asText("info");
    List<PoolSpec> pools = new ArrayList<>();
    if (defaultAddressPools != null) {
      for (String pool : defaultAddressPools) {
        pools.add(PoolSpec.parse(pool));
      }
    } else if (file.has("default-address-pools")) {
      for (JsonNode pool : file.get("default-address-pools")) {
        pools.add(
            PoolSpec.parse(
                "base=" + pool.path("base").asText() + ",size=" + pool.path("size").asText()));
      }
    }
    return new DaemonConfig(
        data, exec, netns, etc, listeners, pid, DaemonLog.Level.parse(level), pools);
  }

  private JsonNode readConfigFile() throws IOException {
    if (!Files.exists(configFile)) {
      if (!configFile.equals(DEFAULT_CONFIG_FILE)) {
        throw new IllegalArgumentException("config file " + configFile + " does not exist");
      }
      return new ObjectMapper().createObjectNode();
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(configFile.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "config file " + configFile + " is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config file " + configFile + " must hold a JSON object");
    }
    for (var names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FILE_KEYS.contains(name)) {
        throw new IllegalArgumentException(
            "config file "
                + configFile
                + ": unknown key \""
                + name
                + "\"; known keys: "
                + String.join(", ", FILE_KEYS.stream().sorted().toList()));
      }
    }
    return root;
  }

  private static Path pick(Path flag, JsonNode file, String key, String otherwise) {
    if (flag != null) {
      return flag.toAbsolutePath();
    }
    return Path.of(file.has(key) ? file.get(key).asText() : otherwise).toAbsolutePath();
  }

  private static List<String> strings(JsonNode node, String key) {
    List<String> values = new ArrayList<>();
    if (!node.isArray()) {
      throw new IllegalArgumentException("config key \"" + key + "\" must be a list of strings");
    }
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  @Override
  public Integer call() throws Exception {
    DaemonConfig config = config();
    DaemonLog log = new DaemonLog(config.logLevel(), System.err);
    Daemon daemon = Daemon.start(config, log);
    Thread hook =
        new Thread(
            () -> {
              log.info("stopping");
              daemon.stop();
              log.info("stopped");
            },
            "junction-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    log.info(
        "junction daemon " + Daemon.VERSION + " ready (pid " + ProcessHandle.current().pid() + ")");
    daemon.join();
    return 0;
  }

  /** Runs the daemon; errors print one line and exit with status 1. */
  public static void main(String[] args) {
    Optional<DaemonMain> usual = parseUsual(args);
    if (usual.isPresent()) {
      int status;
      try {
        status = usual.get().call();
      } catch (Exception e) {
        System.err.println("junction daemon: " + message(e));
        status = 1;
      }
      System.exit(status);
    }
    CommandLine command = new CommandLine(new DaemonMain());
    command.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          System.err.println("junction daemon: " + message(e));
          return 1;
        });
    System.exit(command.execute(args));
  }

  /**
   * The usual command line, parsed without picocli: each flag long or {@code -H}, with its value
   * after it or after {@code =}. Picocli's model of this class (reflection over its annotations,
   * whose proxies the AOT cache cannot keep) took 0.1-0.6 s of a start on a two-core machine.
   * Anything else (help, version, an unknown flag, a missing value, a value that looks like a flag)
   * is empty: picocli parses it, and says what is wrong in its words.
   */
  static Optional<DaemonMain> parseUsual(String[] args) {
    DaemonMain main = new DaemonMain();
    main.configFile = DEFAULT_CONFIG_FILE;
    Set<String> given = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int equals = flag.indexOf('=');
      if (flag.startsWith("--") && equals > 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      boolean repeatable = REPEATABLE.contains(flag);
      if (value.isEmpty() || value.startsWith("-") || (!given.add(flag) && !repeatable)) {
        return Optional.empty(); // picocli refuses a flag given twice, unless repeatable
      }
      switch (flag) {
        case "--config-file" -> main.configFile = Path.of(value);
        case "--data-root" -> main.dataRoot = Path.of(value);
        case "--exec-root" -> main.execRoot = Path.of(value);
        case "--netns-dir" -> main.netnsDir = Path.of(value);
        case "--etc-netns" -> main.etcNetns = Path.of(value);
        case "-H", "--host" -> main.hosts = appended(main.hosts, value);
        case "--pidfile" -> main.pidFile = Path.of(value);
        case "--log-level" -> main.logLevel = value;
        case "--default-address-pool" ->
            main.defaultAddressPools = appended(main.defaultAddressPools, value);
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(main);
  }

  private static final Set<String> REPEATABLE = Set.of("-H", "--host", "--default-address-pool");

  private static List<String> appended(List<String> values, String value) {
    List<String> all = values == null ? new ArrayList<>() : values;
    all.add(value);
    return all;
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.toString() : message;
  }
}
