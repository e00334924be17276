package dev.junction.bench;

/**
 * How much {@code bench/run api} measures, the same for every system.
 *
 * @param cycles measured connect/disconnect (setup/teardown, ADD/DEL) cycles
 * @param warmUp unmeasured cycles before them, so that each system is in its steady state (the
 *     daemon's JIT has compiled its paths, dockerd's caches are filled)
 * @param networks measured network create/delete pairs, for the systems that have networks
 * @param networkWarmUp unmeasured pairs before them
 */
record ApiPlan(int cycles, int warmUp, int networks, int networkWarmUp) {

  ApiPlan {
    if (cycles < 1 || warmUp < 0 || networks < 1 || networkWarmUp < 0) {
      throw new IllegalArgumentException(
          "cycles and networks must be at least 1, warm-ups at least 0");
    }
  }
}
