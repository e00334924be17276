package dev.junction.cli.system;

import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.session.Session;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code junction daemon}: starts the daemon. {@code bin/junction} runs the daemon's own main class
 * for it directly; reached here instead (the CLI's main class run by hand), it starts that class in
 * a JVM of its own, with the CLI's jars and the daemon's (in {@code lib/} next to the CLI's jar),
 * passing the flags through, and ends with its status. The CLI never links against the daemon: the
 * class is named, not imported.
 */
final class DaemonCommand implements Action {

  /** The daemon's entry point, in the junction-daemon jar. */
  static final String MAIN_CLASS = "dev.junction.daemon.DaemonMain";

  static final Command COMMAND =
      Command.named(
              "daemon",
              "Run the Junction daemon: the Docker Engine network API on a unix socket.",
              "Needs root. Its flags (all optional; 'junction daemon --help' lists them):",
              "  --config-file FILE        JSON file with the same keys as the flags",
              "                            (default: /etc/junction/daemon.json if it exists)",
              "  --data-root DIR           Store and sandbox files (default: /var/lib/junction)",
              "  --exec-root DIR           Sockets and runtime files (default: /run/junction)",
              "  --netns-dir DIR           Where sandbox namespaces are made (default: /run/netns)",
              "  --etc-netns DIR           Per-namespace /etc files (default: /etc/netns)",
              "  -H, --host ADDRESS        unix:///PATH or tcp://127.0.0.1:PORT; repeatable",
              "  --pidfile FILE            Where the PID goes (default: EXEC-ROOT/junction.pid)",
              "  --log-level LEVEL         debug, info, warn or error (default: info)",
              "  --default-address-pool base=CIDR,size=N",
              "                            Pool for networks without a subnet; repeatable")
          .parsing(Command.Parsing.RAW)
          .action(new DaemonCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    Process daemon = new ProcessBuilder(commandLine(arguments.positionals())).inheritIO().start();
    // SIGTERM or Ctrl-C to this JVM: pass the stop on, and wait for the daemon to finish it.
    Thread stopper = new Thread(new StopDaemon(daemon), "junction-daemon-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    int status = daemon.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException e) {
      // shutting down already
    }
    return status;
  }

  static List<String> commandLine(List<String> flags) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.add("--enable-native-access=ALL-UNNAMED");
    line.add("-cp");
    line.add(classPath());
    line.add(MAIN_CLASS);
    line.addAll(flags);
    return line;
  }

  /** This JVM's class path, and the {@code lib/} directory beside the CLI's jar. */
  private static String classPath() {
    String classPath = System.getProperty("java.class.path");
    try {
      Path jar =
          Path.of(DaemonCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path parent = jar.getParent();
      if (parent != null) {
        classPath += File.pathSeparator + parent.resolve("lib") + File.separator + "*";
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no location to go by: the class path alone must do
    }
    return classPath;
  }

  /** A shutdown hook: stops the daemon and waits for it. */
  private record StopDaemon(Process daemon) implements Runnable {
    @Override
    public void run() {
      daemon.destroy();
      try {
        daemon.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
