package dev.junction.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs helper programs (ip, nsenter, apt-get, the peers' binaries) and checks how they ended. */
final class Commands {
  private Commands() {}

  /** How a program ended: its exit status and what it printed. */
  record Outcome(int status, String stdout, String stderr) {
    boolean ok() {
      return status == 0;
    }

    /** stderr, or stdout when stderr is empty (netavark and CNI report errors on stdout). */
    String complaint() {
      return (stderr.isBlank() ? stdout : stderr).strip();
    }
  }

  /** Runs a program with the given stdin (or none) and extra environment; waits for it. */
  static Outcome run(List<String> command, String stdin, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process process = builder.start();
    // stderr drains on its own thread, so that neither pipe can fill up and stall the program
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return process.getErrorStream().readAllBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            },
            Thread::startVirtualThread);
    if (stdin != null) {
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] stdout = process.getInputStream().readAllBytes();
    int status = process.waitFor();
    return new Outcome(
        status,
        new String(stdout, StandardCharsets.UTF_8),
        new String(stderr.join(), StandardCharsets.UTF_8));
  }

  static Outcome run(String... command) throws IOException, InterruptedException {
    return run(List.of(command), null, Map.of());
  }

  /** Runs a program that must succeed; returns its stdout. */
  static String check(String... command) throws IOException, InterruptedException {
    Outcome outcome = run(command);
    if (!outcome.ok()) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed (status "
              + outcome.status()
              + "): "
              + outcome.complaint());
    }
    return outcome.stdout();
  }

  /** {@code nsenter --net=NS -- command...}: the command's network namespace is NS. */
  static List<String> inNamespace(NamespaceFile namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=" + namespace.path(), "--"));
    full.addAll(command);
    return full;
  }

  /** Whether a program is on the PATH. */
  static boolean exists(String program) throws IOException, InterruptedException {
    return run("sh", "-c", "command -v " + program).ok();
  }
}
