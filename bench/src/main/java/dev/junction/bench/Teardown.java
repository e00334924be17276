package dev.junction.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo steps of what a benchmark has set up, run latest first, each at most once: from the
 * benchmark's {@code finally}, or from the JVM's shutdown hook when the run is interrupted
 * (Ctrl-C), so that no daemon outlives it and no namespace or mount is left behind. A step that
 * fails is reported and the others still run.
 */
final class Teardown implements AutoCloseable {

  /** One undo step. */
  interface Step {
    void run() throws Exception;
  }

  private record Named(String what, Step step) {}

  private final Deque<Named> steps = new ArrayDeque<>();

  synchronized void add(String what, Step step) {
    steps.push(new Named(what, step));
  }

  /** A teardown of its own for a part of the run, closed with this one if still open. */
  Teardown nested(String what) {
    Teardown child = new Teardown();
    add(what, child::close);
    return child;
  }

  @Override
  public synchronized void close() {
    while (!steps.isEmpty()) {
      Named next = steps.pop();
      try {
        next.step().run();
      } catch (Exception e) {
        System.err.println("api: cleanup step \"" + next.what() + "\" failed: " + e);
      }
    }
  }
}
