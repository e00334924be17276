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
 * <p>Bridges are another matter: the kernel waits for every pending RCU callback of the machine
 * ({@code rcu_barrier}, 15-50 ms here) for each bridge it deletes, with the networking lock held,
 * so a group of five bridges stops every request of every namespace for a fifth of a second.
 * Networks are made and deleted in bursts (a test suite's set-up and tear-down), and a deletion in
 * the middle of one is the wait of the next network creation. So bridges go to {@link
 * LinkGroups#PENDING_SLOW_DELETION} and {@link #scheduleSlow}, and wait until network changes pause
 * for {@link #QUIET_PERIOD}; then they are deleted one message each, so that nothing waits for more
 * than one. When changes do not pause and a bridge has waited {@link #LONGEST_WAIT}, the
 * namespace's whole group goes in one message instead: the kernel's quickest way (about half the
 * time per bridge), so that a steady stream of deletions cannot outgrow the reaper.
 */
public final class LinkReaper implements AutoCloseable {

  private static final Duration BATCH_WINDOW = Duration.ofMillis(5);

  /** How long network changes must pause before a bridge is deleted. */
  static final Duration QUIET_PERIOD = Duration.ofMillis(100);

  /** How long a bridge waits for such a pause at most. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  /** A link waiting for a pause, and since when it waits. */
  private record Slow(NetStack stack, String link, long since) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final Set<NetStack> pending = new LinkedHashSet<>();
  private final Deque<Slow> slow = new ArrayDeque<>();
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
   * deletes a slow link after {@code quiet} without network changes, or with its whole group once
   * it has waited {@code longestWait}.
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
   * Asks for link {@code link} of {@code stack}, in {@link LinkGroups#PENDING_SLOW_DELETION}, to be
   * deleted once network changes pause. Counts as a network change.
   */
  public void scheduleSlow(NetStack stack, String link) {
    long now = System.nanoTime();
    lastNetworkChange = now;
    lock.lock();
    try {
      slow.add(new Slow(stack, link, now));
      wakeIfWaiting();
    } finally {
      lock.unlock();
    }
  }

  /** A network is being made or deleted: slow links wait for a pause. */
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
        while (!pending.isEmpty() || !slow.isEmpty() || running) {
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

  /** What the thread deletes next. */
  private sealed interface Task {
    /** A group in each of some namespaces. */
    record Groups(Set<NetStack> stacks, int group) implements Task {}

    /** One link. */
    record One(Slow link) implements Task {}
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
            attempt(() -> stack.deleteLinkGroup(groups.group()));
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

  private static void deleteIfPresent(Slow link) {
    try {
      link.stack().deleteLink(link.link());
    } catch (KernelException e) {
      if (!e.is(Errno.ENODEV)) { // a group deletion, or the namespace, took it
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
      boolean urgent = closed || flushing > 0;
      if (!pending.isEmpty()) {
        if (!urgent) {
          // Let a burst of disconnects join the batch.
          work.awaitNanos(batchWindowNanos);
        }
        Task batch = new Task.Groups(new LinkedHashSet<>(pending), LinkGroups.PENDING_DELETION);
        pending.clear();
        return batch;
      }
      long wait = Long.MAX_VALUE;
      if (!slow.isEmpty()) {
        long now = System.nanoTime();
        long overdue = slow.peekFirst().since() + longestWaitNanos;
        if (urgent || overdue - now <= 0) {
          Set<NetStack> stacks = new LinkedHashSet<>();
          slow.forEach(link -> stacks.add(link.stack()));
          slow.clear();
          return new Task.Groups(stacks, LinkGroups.PENDING_SLOW_DELETION);
        }
        long paused = lastNetworkChange + quietNanos;
        if (paused - now <= 0) {
          return new Task.One(slow.pollFirst());
        }
        wait = Math.min(overdue, paused) - now;
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
