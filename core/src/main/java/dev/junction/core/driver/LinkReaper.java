package dev.junction.core.driver;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Deletes links off the request path. Deleting a veth costs the kernel about 20 ms (an RCU grace
 * period under the networking lock); deleting a whole link group with one message costs about 0.3
 * ms per link. So drivers take a link out of use at once — addresses off, detached, renamed, moved
 * to {@link LinkGroups#PENDING_DELETION} — and call {@link #schedule}; a background thread then
 * deletes each namespace's pending group in one message, a few milliseconds later, when more may
 * have joined the batch.
 *
 * <p>A bridge is another matter: the kernel waits for every pending RCU callback of the machine
 * ({@code rcu_barrier}, 20-50 ms here) for each bridge it deletes, with the networking lock held,
 * so a group of five bridges stops every request of every namespace for a fifth of a second.
 * Bridges go to {@link LinkGroups#PENDING_SLOW_DELETION} and {@link #scheduleAlone}: each is
 * deleted with a message of its own, so that nothing waits for more than one, and only once network
 * changes have paused for {@link #QUIET_PERIOD} (or the oldest has waited {@link #LONGEST_WAIT}):
 * networks are made and deleted in bursts (a test suite's set-up and tear-down), and a bridge
 * deletion in the middle of one would be the wait of the next network creation.
 */
public final class LinkReaper implements AutoCloseable {

  private static final Duration BATCH_WINDOW = Duration.ofMillis(5);

  /** How long network changes must pause before a bridge is deleted. */
  static final Duration QUIET_PERIOD = Duration.ofMillis(100);

  /** How long a bridge waits for such a pause at most. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  /** A link to be deleted by itself, and since when it waits. */
  private record Alone(NetStack stack, String link, long since) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final Set<NetStack> pending = new LinkedHashSet<>();
  private final Deque<Alone> alone = new ArrayDeque<>();
  private final Consumer<RuntimeException> errors;
  private final Thread thread;
  private final long batchWindowNanos;
  private final long quietNanos;
  private final long longestWaitNanos;
  private volatile long lastNetworkChange; // System.nanoTime()
  private int flushing; // guarded by lock: callers of flush waiting, for whom nothing waits
  private boolean running; // guarded by lock: a batch is being deleted
  private boolean waitingForWork; // guarded by lock: idle, not letting a batch form
  private boolean closed; // guarded by lock

  /**
   * @param errors where failed batches are reported (the next restart finishes them)
   */
  public LinkReaper(Consumer<RuntimeException> errors) {
    this(errors, BATCH_WINDOW, QUIET_PERIOD, LONGEST_WAIT);
  }

  /**
   * A reaper that waits {@code batchWindow} for more deletions before it deletes a batch, and
   * deletes a link scheduled alone after {@code quiet} without network changes, or {@code
   * longestWait} after it was scheduled.
   */
  LinkReaper(
      Consumer<RuntimeException> errors,
      Duration batchWindow,
      Duration quiet,
      Duration longestWait) {
    this.errors = errors;
    this.batchWindowNanos = batchWindow.toNanos();
    this.quietNanos = quiet.toNanos();
    this.longestWaitNanos = longestWait.toNanos();
    this.lastNetworkChange = System.nanoTime() - quietNanos;
    this.thread = Thread.ofVirtual().name("link-reaper").start(this::loop);
  }

  /** Asks for {@code stack}'s pending-deletion group to be deleted soon. */
  public void schedule(NetStack stack) {
    lock.lock();
    try {
      pending.add(stack);
      wakeIfWaiting();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks for link {@code link} of {@code stack} (in {@link LinkGroups#PENDING_SLOW_DELETION}) to be
   * deleted by itself, once network changes pause. Counts as a network change.
   */
  public void scheduleAlone(NetStack stack, String link) {
    long now = System.nanoTime();
    lastNetworkChange = now;
    lock.lock();
    try {
      alone.add(new Alone(stack, link, now));
      wakeIfWaiting();
    } finally {
      lock.unlock();
    }
  }

  /** A network is being made or deleted: the links scheduled alone wait for a pause. */
  public void networkChanging() {
    lastNetworkChange = System.nanoTime();
  }

  // Woken only when idle: a signal during the batch window would end it at once (batches of one,
  // each under the networking lock every connect needs), and every wake-up of the thread takes the
  // caller's core for a while, the disconnect's time (measured: connects 2-7% slower).
  private void wakeIfWaiting() {
    if (waitingForWork) {
      work.signal();
    }
  }

  /** Waits until every scheduled deletion is done, those waiting for a pause included. */
  public void flush() {
    lock.lock();
    try {
      flushing++;
      try {
        while (!pending.isEmpty() || !alone.isEmpty() || running) {
          work.signal();
          idle.awaitUninterruptibly();
        }
      } finally {
        flushing--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** What the thread deletes next: a group in each of some namespaces, or one link. */
  private sealed interface Task {
    record Groups(Set<NetStack> stacks) implements Task {}

    record One(Alone link) implements Task {}
  }

  private void loop() {
    while (true) {
      Task task;
      lock.lock();
      try {
        task = next();
        if (task == null) {
          return;
        }
        running = true;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      switch (task) {
        case Task.Groups groups -> {
          for (NetStack stack : groups.stacks()) {
            attempt(() -> stack.deleteLinkGroup(LinkGroups.PENDING_DELETION));
          }
        }
        case Task.One one -> attempt(() -> deleteIfPresent(one.link()));
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

  private static void deleteIfPresent(Alone link) {
    try {
      link.stack().deleteLink(link.link());
    } catch (KernelException e) {
      if (!e.is(Errno.ENODEV)) {
        throw e;
      }
    }
  }

  private void attempt(Runnable deletion) {
    try {
      deletion.run();
    } catch (KernelException | IllegalStateException e) {
      errors.accept(e);
    }
  }

  /** Waits for the next task, holding the lock; null once closed with nothing left. */
  private Task next() throws InterruptedException {
    while (true) {
      if (!pending.isEmpty()) {
        if (!closed && flushing == 0) {
          // Let a burst of disconnects join the batch.
          work.awaitNanos(batchWindowNanos);
        }
        Task batch = new Task.Groups(new LinkedHashSet<>(pending));
        pending.clear();
        return batch;
      }
      long wait = Long.MAX_VALUE;
      if (!alone.isEmpty()) {
        long now = System.nanoTime();
        long due =
            closed || flushing > 0
                ? now
                : Math.min(
                    lastNetworkChange + quietNanos, alone.peekFirst().since() + longestWaitNanos);
        if (due - now <= 0) {
          return new Task.One(alone.pollFirst());
        }
        wait = due - now;
      } else if (closed) {
        return null;
      }
      waitingForWork = true;
      try {
        if (wait == Long.MAX_VALUE) {
          work.awaitUninterruptibly();
        } else {
          work.awaitNanos(wait);
        }
      } finally {
        waitingForWork = false;
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
