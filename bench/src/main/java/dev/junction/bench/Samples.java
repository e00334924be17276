package dev.junction.bench;

import java.util.Arrays;

/** Durations of repeated runs of one operation, in nanoseconds. */
final class Samples {
  private long[] values = new long[256];
  private int count;

  void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
  }

  /** Times {@code action} and records it. */
  void time(Runnable action) {
    long start = System.nanoTime();
    action.run();
    add(System.nanoTime() - start);
  }

  private long percentile(int percent) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * count) - 1;
    return sorted[Math.clamp(rank, 0, count - 1)];
  }

  int count() {
    return count;
  }

  long medianMicros() {
    return Math.round(percentile(50) / 1000.0);
  }

  long p95Micros() {
    return Math.round(percentile(95) / 1000.0);
  }

  long minMicros() {
    return Math.round(percentile(0) / 1000.0);
  }

  long maxMicros() {
    return Math.round(percentile(100) / 1000.0);
  }

  double meanNanos() {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    return sum / count;
  }

  double medianNanos() {
    return percentile(50);
  }
}
