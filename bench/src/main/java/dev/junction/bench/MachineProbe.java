package dev.junction.bench;

import java.util.SplittableRandom;

/**
 * A fixed piece of user-space work, timed around a benchmark's measured windows (never between two
 * measured operations, as it leaves the caches cold): how fast the machine itself was then. On this
 * shared virtual machine the same work takes up to twice as long from one second to the next, and
 * the kernel's work with it, so an operation's figures are read against this one.
 *
 * <p>The work is a walk through 8 MiB in random order, then arithmetic. The walk misses the
 * second-level cache at every step and lands in the third-level one, which the machine's other
 * tenants share, or in memory: as the kernel's link and address changes mostly do. Timed between
 * connects (in the twelfth session, for a test only), it followed their speed: a correlation of
 * 0.57 and 0.64 between the medians of blocks of 25 connects and of the samples taken among them.
 */
final class MachineProbe {

  private static final int SLOTS = 1 << 21; // 8 MiB of ints
  private static final int STEPS = 2_000;
  private static final int ROUNDS = 20_000;
  private static final int BURST = 50; // samples in one burst, about 25 ms

  private final int[] next = new int[SLOTS];
  private int position;
  private volatile long sink; // written, so the work is not optimised away

  MachineProbe() {
    // One cycle through every slot, in random order (Sattolo's shuffle).
    for (int i = 0; i < SLOTS; i++) {
      next[i] = i;
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = SLOTS - 1; i > 0; i--) {
      int j = random.nextInt(i);
      int swapped = next[i];
      next[i] = next[j];
      next[j] = swapped;
    }
  }

  /** Times the work {@link #BURST} times into {@code samples}. */
  void burst(Samples samples) {
    for (int n = 0; n < BURST; n++) {
      long start = System.nanoTime();
      int p = position;
      long sum = 0;
      for (int i = 0; i < STEPS; i++) {
        p = next[p];
        sum += p;
      }
      for (int i = 0; i < ROUNDS; i++) {
        sum = sum * 6364136223846793005L + 1442695040888963407L;
      }
      position = p;
      sink = sum;
      samples.add(System.nanoTime() - start);
    }
  }
}
