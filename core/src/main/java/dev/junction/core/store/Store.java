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
   * <p>A write whose expectation failed dooms the transaction even when {@code work} catches the
   * {@link VersionConflictException}: the conflict is thrown once {@code work} returns.
   * Transactions do not nest: starting one inside another's {@code work} throws {@link
   * IllegalStateException}.
   *
   * @throws VersionConflictException when a write's expectation failed (nothing was written)
   * @throws StoreException when the store fails
   */
  <T> T transaction(Function<Transaction, T> work);

  /**
   * Runs {@code work} on a consistent read-only view: the store as of one commit. Writing through
   * the view throws {@link IllegalStateException}.
   */
  <T> T read(Function<Transaction, T> work);

  @Override
  void close();
}
