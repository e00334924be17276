package dev.junction.core.undo;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo log of a multi-step change. Push an undo step as each step completes; {@link #commit()}
 * at the end. Closing without a commit runs the undo steps last-first, each on its own (one failing
 * does not stop the others), and attaches their failures as suppressed exceptions of the error that
 * is propagating, if any:
 *
 * <pre>{@code
 * try (Undo undo = Undo.begin("connect web to front")) {
 *   IpAddress address = subnet.allocate("web");
 *   undo.push("release " + address, () -> subnet.release(address));
 *   driver.createEndpoint(...);
 *   undo.push("delete endpoint", () -> driver.deleteEndpoint(...));
 *   undo.commit();
 * }
 * }</pre>
 */
public final class Undo implements AutoCloseable {

  /** One undo step. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private record Entry(String description, Step step) {}

  private final String operation;
  private final Deque<Entry> steps = new ArrayDeque<>();
  private boolean committed;
  private Throwable failure;

  private Undo(String operation) {
    this.operation = operation;
  }

  public static Undo begin(String operation) {
    return new Undo(operation);
  }

  /** Records how to undo the step that just completed. */
  public void push(String description, Step step) {
    if (committed) {
      throw new IllegalStateException(operation + ": undo step added after commit: " + description);
    }
    steps.push(new Entry(description, step));
  }

  /** The change is complete: nothing will be undone. */
  public void commit() {
    committed = true;
    steps.clear();
  }

  /**
   * Records the error that makes the change fail, so that undo failures are attached to it rather
   * than lost; optional, {@link #close()} works without it.
   */
  public <T extends Throwable> T fail(T error) {
    failure = error;
    return error;
  }

  /** Runs the pending undo steps, last first, unless the change was committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    RuntimeException first = null;
    while (!steps.isEmpty()) {
      Entry entry = steps.pop();
      try {
        entry.step().run();
      } catch (Exception e) {
        RuntimeException undoFailure =
            new UndoFailedException(
                operation + ": undo of \"" + entry.description() + "\" failed: " + e.getMessage(),
                e);
        if (failure != null) {
          failure.addSuppressed(undoFailure);
        } else if (first == null) {
          first = undoFailure;
        } else {
          first.addSuppressed(undoFailure);
        }
      }
    }
    if (first != null && failure == null) {
      // Closed without commit and without a recorded failure: an exception is already propagating
      // (try-with-resources attaches this one to it as suppressed), or the caller forgot to commit.
      throw first;
    }
  }

  /** An undo step failed; the state may need the restore pass to converge. */
  public static final class UndoFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndoFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
