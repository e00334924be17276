package dev.junction.cli.sandbox;

import dev.junction.cli.api.ApiPath;
import dev.junction.cli.command.Action;
import dev.junction.cli.command.Arguments;
import dev.junction.cli.command.Command;
import dev.junction.cli.command.Positional;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import dev.junction.cli.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code junction sandbox exec NAME -- CMD...}: runs a command as a process of the sandbox would
 * run, in its network namespace, seeing its hosts file, resolv.conf and hostname (see {@link
 * SandboxExec}). Standard streams are the command's; the exit status is the command's.
 */
final class SandboxExecCommand implements Action {

  static final Command COMMAND =
      Command.named(
              "exec",
              "Run a command in a sandbox: in its network namespace, with its /etc/hosts,",
              "/etc/resolv.conf and hostname in place. Needs root.")
          .positionals(
              Positional.one("SANDBOX", "Name or ID of the sandbox"),
              new Positional(
                  "COMMAND",
                  1,
                  Positional.UNBOUNDED,
                  "The command and its arguments (after --, or after the sandbox's name)"))
          .parsing(Command.Parsing.STOP_AT_POSITIONAL)
          .action(new SandboxExecCommand());

  @Override
  public int run(Arguments arguments, Session session) throws Exception {
    if (!root()) {
      throw new CliException(
          "junction: sandbox exec needs root: it enters the sandbox's network namespace and mounts"
              + " its files over /etc/hosts and /etc/resolv.conf");
    }
    JsonValue sandbox = session.client().get(ApiPath.of("sandboxes", arguments.positional(0)));
    SandboxExec exec =
        SandboxExec.of(sandbox, arguments.positionals().subList(1, arguments.positionals().size()));
    session.out().flush();
    Process process;
    try {
      process = new ProcessBuilder(exec.commandLine()).inheritIO().start();
    } catch (IOException e) {
      throw new CliException(
          "junction: sandbox exec runs nsenter and unshare (util-linux): " + e.getMessage());
    }
    // Ctrl-C reaches the command too; the JVM then waits for it, and exits with its status.
    Thread waiter = new Thread(new ExitWithCommand(process), "junction-exec-wait");
    Runtime.getRuntime().addShutdownHook(waiter);
    int status = process.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(waiter);
    } catch (IllegalStateException e) {
      // already shutting down: the hook exits with the status
    }
    return status;
  }

  /** The effective user is root: {@code /proc/self/status} has {@code Uid: real effective ...}. */
  private static boolean root() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        String[] ids = line.substring(4).strip().split("\\s+");
        return ids.length > 1 && ids[1].equals("0");
      }
    }
    return false;
  }

  /** A shutdown hook: waits for the command, then ends the JVM with its status. */
  private record ExitWithCommand(Process process) implements Runnable {
    @Override
    public void run() {
      try {
        Runtime.getRuntime().halt(process.waitFor());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
