package dev.junction.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code bench/run api}.
 *
 * @param peers whether to install the missing peers first
 * @param plan how much to measure
 * @param systems what to measure, in order
 */
record ApiOptions(boolean peers, ApiPlan plan, List<String> systems) {

  static final List<String> SYSTEMS = List.of("junction", "docker", "netavark", "cni");

  static final String USAGE =
      "usage: bench/run api [--peers] [--cycles N] [--warmup N] [--networks N]"
          + " [--systems junction,docker,netavark,cni]";

  ApiOptions {
    systems = List.copyOf(systems);
  }

  static ApiOptions parse(String[] args) {
    boolean peers = false;
    int cycles = 200;
    // Junction's daemon is a JVM: its request path is compiled after some hundreds of requests,
    // as it is in a daemon that has been up for a while (the peers are compiled ahead of time).
    int warmUp = 500;
    int networks = 100;
    Set<String> systems = new LinkedHashSet<>(SYSTEMS);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--peers" -> peers = true;
        case "--cycles" -> cycles = Integer.parseInt(value(args, ++i));
        case "--warmup" -> warmUp = Integer.parseInt(value(args, ++i));
        case "--networks" -> networks = Integer.parseInt(value(args, ++i));
        case "--systems" -> {
          systems.clear();
          for (String system : value(args, ++i).split(",")) {
            if (!SYSTEMS.contains(system)) {
              throw new IllegalArgumentException("unknown system \"" + system + "\"; " + USAGE);
            }
            systems.add(system);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    // networks are dearer than connects (Docker: 0.1–0.2 s each): a shorter warm-up
    return new ApiOptions(
        peers,
        new ApiPlan(cycles, warmUp, networks, Math.min(warmUp, 50)),
        new ArrayList<>(systems));
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
    }
    return args[i];
  }
}
