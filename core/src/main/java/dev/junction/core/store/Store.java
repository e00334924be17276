package dev.junction.core.store;

import java.util.function.Function;

/**
 * A transactional key-value store with versions. Thread-safe.
 *
 * <p>{@link #transaction} runs {@code work} and commits what it wrote. An implementation may run
 * {@code work} more than once (a distributed store retries when another writer got in first), so
 * {@code work} must do nothing but read and write through its {@link Transaction}.
 */
public interface Store extends AutoCloseable {

  Scope scope();

  /**
   * Runs {@code work} in a transaction and commits it; if {@code work} throws, nothing is written
   * and the exception propagates.
   *
   * @throws VersionConflictException when a write's expectation failed (nothing was written)
   * @throws StoreException when the store fails
   */
  <T> T transaction(Function<Transaction, T> work);

  /** Runs {@code work} on a consistent read-only view. */
  <T> T read(Function<Transaction, T> work);

  @Override
  void close();
}
