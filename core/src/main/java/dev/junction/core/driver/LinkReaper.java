package dev.junction.core.driver;

import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Deletes links off the request path. Deleting a veth or a bridge costs the kernel about 20 ms (an
 * RCU grace period under the networking lock); deleting a whole link group with one message costs
 * about 0.3 ms per link. So drivers take a link out of use at once — addresses off, detached,
 * renamed, moved to {@link LinkGroups#PENDING_DELETION} — and call {@link #schedule}; a background
 * thread then deletes each namespace's pending group in one message, a few milliseconds later, when
 * more may have joined the batch.
 */
public final class LinkReaper implements AutoCloseable {

  private static final Duration BATCH_WINDOW = Duration.ofMillis(5);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final Set<NetStack> pending = new LinkedHashSet<>();
  private final Consumer<RuntimeException> errors;
  private final Thread thread;
  private final long batchWindowNanos;
  private boolean running; // guarded by lock: a batch is being deleted
  private boolean waitingForWork; // guarded by lock: idle, not letting a batch form
  private boolean closed; // guarded by lock

  /**
   * @param errors where failed batches are reported (the next restart finishes them)
   */
  public LinkReaper(Consumer<RuntimeException> errors) {
    this(errors, BATCH_WINDOW);
  }

  /** A reaper that waits {@code batchWindow} for more deletions before it deletes a batch. */
  LinkReaper(Consumer<RuntimeException> errors, Duration batchWindow) {
    this.errors = errors;
    this.batchWindowNanos = batchWindow.toNanos();
    this.thread = Thread.ofVirtual().name("link-reaper").start(this::loop);
  }

  /** Asks for {@code stack}'s pending-deletion group to be deleted soon. */
  public void schedule(NetStack stack) {
    lock.lock();
    try {
      pending.add(stack);
      // Woken only when idle: a signal during the batch window would end it at once (batches of
      // one, each under the networking lock every connect needs), and every wake-up of the thread
      // takes the caller's core for a while, the disconnect's time (measured: connects 2-7%
      // slower).
      if (waitingForWork) {
        work.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until every scheduled batch is deleted. */
  public void flush() {
    lock.lock();
    try {
      while (!pending.isEmpty() || running) {
        work.signal();
        idle.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (true) {
      Set<NetStack> batch;
      lock.lock();
      try {
        while (pending.isEmpty() && !closed) {
          waitingForWork = true;
          try {
            work.awaitUninterruptibly();
          } finally {
            waitingForWork = false;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        if (!closed) {
          // Let a burst of disconnects join the batch.
          work.awaitNanos(batchWindowNanos);
        }
        batch = new LinkedHashSet<>(pending);
        pending.clear();
        running = true;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      for (NetStack stack : batch) {
        try {
          stack.deleteLinkGroup(LinkGroups.PENDING_DELETION);
        } catch (KernelException | IllegalStateException e) {
          errors.accept(e);
        }
      }
      lock.lock();
      try {
        running = false;
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Deletes what is pending and stops. */
  @Override
  public void close() {
    flush();
    lock.lock();
    try {
      closed = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
