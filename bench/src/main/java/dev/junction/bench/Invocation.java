package dev.junction.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a peer's binary (netavark setup, a CNI plugin's ADD), as its runtime does it: a
 * process with arguments, a JSON document on stdin and an environment; and the measured cycles of
 * two such runs.
 *
 * @param command the program and its arguments
 * @param stdin what the program reads
 * @param environment variables added to the benchmark's own
 */
record Invocation(List<String> command, String stdin, Map<String, String> environment) {

  Invocation {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /** Runs it; fails with what the program said if it does not succeed. */
  Commands.Outcome run(String what) throws IOException, InterruptedException {
    Commands.Outcome outcome = Commands.run(command, stdin, environment);
    if (!outcome.ok()) {
      throw new IllegalStateException(
          what + " failed (status " + outcome.status() + "): " + outcome.complaint());
    }
    return outcome;
  }

  /**
   * {@code plan.warmUp()} unmeasured then {@code plan.cycles()} measured runs of {@code connect}
   * followed by {@code disconnect}; each run is timed from the process's start to its end, as its
   * runtime sees it.
   */
  static Map<String, Samples> cycles(ApiPlan plan, Invocation connect, Invocation disconnect)
      throws IOException, InterruptedException {
    Samples connects = new Samples();
    Samples disconnects = new Samples();
    for (int i = 0; i < plan.warmUp() + plan.cycles(); i++) {
      long start = System.nanoTime();
      connect.run("connect");
      long connected = System.nanoTime();
      disconnect.run("disconnect");
      long disconnected = System.nanoTime();
      if (i >= plan.warmUp()) {
        connects.add(connected - start);
        disconnects.add(disconnected - connected);
      }
    }
    Map<String, Samples> ops = new LinkedHashMap<>();
    ops.put("connect", connects);
    ops.put("disconnect", disconnects);
    return ops;
  }
}
