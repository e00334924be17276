package dev.junction.daemon.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** A Prometheus histogram of durations with fixed buckets, lock-free. */
final class Histogram {

  /** Upper bounds in seconds: from half a millisecond, where connects land, to ten seconds. */
  static final double[] BOUNDS = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10
  };

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1);
  private final AtomicLong sumNanos = new AtomicLong();

  void observe(long nanos) {
    double seconds = nanos / 1e9;
    int bucket = 0;
    while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
      bucket++;
    }
    counts.incrementAndGet(bucket);
    sumNanos.addAndGet(nanos);
  }

  /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines. */
  void render(StringBuilder out, String name, String labels) {
    String prefix = labels.isEmpty() ? "" : labels + ",";
    long cumulative = 0;
    for (int bucket = 0; bucket < BOUNDS.length; bucket++) {
      cumulative += counts.get(bucket);
      out.append(name)
          .append("_bucket{")
          .append(prefix)
          .append("le=\"")
          .append(BOUNDS[bucket])
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    cumulative += counts.get(BOUNDS.length);
    out.append(name)
        .append("_bucket{")
        .append(prefix)
        .append("le=\"+Inf\"} ")
        .append(cumulative)
        .append('\n');
    String braces = labels.isEmpty() ? "" : "{" + labels + "}";
    out.append(name).append("_sum").append(braces).append(' ').append(sumNanos.get() / 1e9);
    out.append('\n');
    out.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
  }
}
