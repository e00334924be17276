package dev.junction.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The view and the writes of one transaction. Reads see the store as of the transaction's start
 * plus its own writes; writes become visible to others only when the transaction commits, all
 * together, or not at all. A transaction is valid only while the {@code work} it was given to runs,
 * and only on that thread.
 */
public interface Transaction {

  Optional<Entry> get(String key);

  /** Entries whose key starts with {@code prefix}, sorted by key. */
  List<Entry> list(String prefix);

  /**
   * Writes {@code value} under {@code key} if {@code expect} holds.
   *
   * @return the version the key will have once committed
   * @throws VersionConflictException when it does not hold
   */
  long put(String key, String value, Expect expect);

  /**
   * Deletes {@code key} if {@code expect} holds; deleting a missing key with {@link Expect#ANY} is
   * no error.
   *
   * @throws VersionConflictException when it does not hold
   */
  void delete(String key, Expect expect);
}
