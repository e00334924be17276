package dev.junction.core.store.memory;

import dev.junction.core.store.Entry;
import dev.junction.core.store.Scope;
import dev.junction.core.store.Store;
import dev.junction.core.store.StoreException;
import dev.junction.core.store.Transaction;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A store in memory with the semantics of {@link dev.junction.core.store.sqlite.SqliteStore}:
 * revisions, versions, conflicts, read views and errors alike, so that engine tests on it hold for
 * the real store. Transactions run one at a time; reads see the last published snapshot and never
 * wait.
 */
public final class MemoryStore implements Store {

  /** An immutable state of the store; a commit replaces it whole. */
  private record Snapshot(NavigableMap<String, Entry> entries, long revision) {}

  private final Scope scope;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicReference<RuntimeException> nextCommitFailure = new AtomicReference<>();
  private volatile Snapshot snapshot = new Snapshot(Collections.emptyNavigableMap(), 0);
  private volatile boolean closed;

  /** An empty local-scope store. */
  public MemoryStore() {
    this(Scope.LOCAL);
  }

  /** An empty store that says it has {@code scope}, to stand in for a global store too. */
  public MemoryStore(Scope scope) {
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * Makes the next transaction that wrote something fail at its commit with {@code failure}, thrown
   * as it is, and publish nothing. Transactions that wrote nothing do not use it up: an engine test
   * means the commit of an operation's effects, not a lookup before it.
   */
  public void failNextCommit(RuntimeException failure) {
    nextCommitFailure.set(Objects.requireNonNull(failure, "failure"));
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    Objects.requireNonNull(work, "work");
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "store transaction started inside another on the same thread: use the outer one");
    }
    writeLock.lock();
    try {
      requireOpen();
      Snapshot base = snapshot;
      MemoryTransaction transaction = MemoryTransaction.writable(base.entries(), base.revision());
      T result;
      try {
        result = work.apply(transaction);
      } finally {
        transaction.end();
      }
      if (transaction.conflict().isPresent()) {
        throw transaction.conflict().get();
      }
      if (transaction.wrote()) {
        RuntimeException failure = nextCommitFailure.getAndSet(null);
        if (failure != null) {
          throw failure;
        }
        snapshot =
            new Snapshot(
                Collections.unmodifiableNavigableMap(transaction.entries()), transaction.version());
      }
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public <T> T read(Function<Transaction, T> work) {
    Objects.requireNonNull(work, "work");
    requireOpen();
    MemoryTransaction view = MemoryTransaction.readOnly(snapshot.entries());
    try {
      return work.apply(view);
    } finally {
      view.end();
    }
  }

  /** Waits for a running transaction to finish, then refuses further use. Idempotent. */
  @Override
  public void close() {
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("store closed inside one of its transactions");
    }
    writeLock.lock();
    try {
      closed = true;
    } finally {
      writeLock.unlock();
    }
  }

  /** Every entry, sorted by key: what a test compares before and after an operation that failed. */
  public NavigableMap<String, Entry> entries() {
    return snapshot.entries();
  }

  private void requireOpen() {
    if (closed) {
      throw new StoreException("memory store is closed", null);
    }
  }
}
