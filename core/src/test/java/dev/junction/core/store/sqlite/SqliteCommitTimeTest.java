package dev.junction.core.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.store.Expect;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what a small transaction costs with each synchronous setting, to keep the figure behind
 * the choice of {@code FULL} at hand. It measures only: no test asserts a timing.
 */
class SqliteCommitTimeTest {

  private static final int WARM_UP = 50;
  private static final int SAMPLES = 300;

  @TempDir Path directory;

  @Test
  void printsTheMedianTimeOfAThreePutTransaction() {
    for (Synchronous synchronous : Synchronous.values()) {
      Path file = directory.resolve(synchronous + ".db");
      try (SqliteStore store = SqliteStore.open(file, Schema.CURRENT, synchronous)) {
        long[] nanos = new long[SAMPLES];
        for (int i = -WARM_UP; i < SAMPLES; i++) {
          String value = "{\"n\":" + i + ",\"name\":\"front\",\"subnet\":\"10.1.0.0/24\"}";
          long start = System.nanoTime();
          store.transaction(
              tx -> {
                tx.put("network/a", value, Expect.ANY);
                tx.put("endpoint/a", value, Expect.ANY);
                return tx.put("sandbox/a", value, Expect.ANY);
              });
          if (i >= 0) {
            nanos[i] = System.nanoTime() - start;
          }
        }
        Arrays.sort(nanos);
        long[] emptyNanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
          long start = System.nanoTime();
          store.transaction(tx -> tx.get("network/a"));
          emptyNanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(emptyNanos);
        System.out.printf(
            "sqlite store, synchronous=%s: 3-put transaction median %.1f µs, p90 %.1f µs;"
                + " transaction that only reads median %.1f µs (%s)%n",
            synchronous,
            nanos[SAMPLES / 2] / 1e3,
            nanos[SAMPLES * 9 / 10] / 1e3,
            emptyNanos[SAMPLES / 2] / 1e3,
            file.getParent());
        assertThat(nanos[0]).isPositive();
      }
    }
  }
}
