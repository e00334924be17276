package dev.junction.core.store.sqlite;

import dev.junction.core.store.Entry;
import dev.junction.core.store.Expect;
import dev.junction.core.store.Keys;
import dev.junction.core.store.Transaction;
import dev.junction.core.store.VersionConflictException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction or a read view over a connection that has begun an SQLite transaction: reads and
 * writes go straight to SQLite, which shows the transaction its own writes.
 */
final class SqliteTransaction implements Transaction {

  private final SqliteConnection connection;
  private final RevisionLease revisions; // null for a read view
  private long version; // 0 until the first write takes the store's next revision
  private VersionConflictException conflict;
  private boolean over;

  private SqliteTransaction(SqliteConnection connection, RevisionLease revisions) {
    this.connection = connection;
    this.revisions = revisions;
  }

  /**
   * A writable transaction, on a connection inside {@code BEGIN IMMEDIATE}, whose writes take their
   * version from {@code revisions}.
   */
  static SqliteTransaction writable(SqliteConnection connection, RevisionLease revisions) {
    return new SqliteTransaction(connection, Objects.requireNonNull(revisions, "revisions"));
  }

  static SqliteTransaction readOnly(SqliteConnection connection) {
    return new SqliteTransaction(connection, null);
  }

  @Override
  public Optional<Entry> get(String key) {
    requireActive();
    return connection.get(Keys.requireValid(key));
  }

  @Override
  public List<Entry> list(String prefix) {
    requireActive();
    return connection.list(Keys.requireValidPrefix(prefix));
  }

  /**
   * Writes with the expectation in the statement itself (an insert that a present key refuses, an
   * update or deletion of the expected version only), where checking first was a query more per
   * write; the current version is looked up only to report a conflict.
   */
  @Override
  public long put(String key, String value, Expect expect) {
    requireWritable();
    Keys.requireValid(key);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expect, "expect");
    boolean written =
        switch (expect) {
          case Expect.Any _ -> {
            connection.put(key, value, version());
            yield true;
          }
          case Expect.Absent _ -> connection.insert(key, value, version());
          case Expect.Version(long expected) -> connection.update(key, value, version(), expected);
        };
    if (!written) {
      throw conflict(key, expect);
    }
    return version;
  }

  @Override
  public void delete(String key, Expect expect) {
    requireWritable();
    Keys.requireValid(key);
    Objects.requireNonNull(expect, "expect");
    boolean deleted =
        switch (expect) {
          case Expect.Any _ -> connection.delete(key);
          case Expect.Absent _ -> {
            if (connection.version(key) != 0) {
              throw conflict(key, expect);
            }
            yield false;
          }
          case Expect.Version(long expected) -> {
            if (!connection.delete(key, expected)) {
              throw conflict(key, expect);
            }
            yield true;
          }
        };
    if (deleted) {
      version(); // a deletion is a write: the store's revision moves
    }
  }

  /**
   * The version of this transaction's writes: the store's next revision, taken at the first write
   * (and given back if the transaction rolls back, see {@link RevisionLease}). A transaction that
   * writes nothing leaves the revision as it was.
   */
  private long version() {
    if (version == 0) {
      version = revisions.take(connection);
    }
    return version;
  }

  /**
   * The conflict that doomed this transaction, if any. Kept because {@code work} may have caught
   * it: the transaction fails all the same, as it would on a store that checks at commit.
   */
  Optional<VersionConflictException> conflict() {
    return Optional.ofNullable(conflict);
  }

  /** Refuses further use: a transaction that escaped its {@code work} would write into another. */
  void end() {
    over = true;
  }

  /** The conflict of a write whose expectation failed, remembered: it dooms the transaction. */
  private VersionConflictException conflict(String key, Expect expect) {
    VersionConflictException failure =
        new VersionConflictException(key, expect, connection.version(key));
    if (conflict == null) {
      conflict = failure;
    }
    return failure;
  }

  private void requireActive() {
    if (over) {
      throw new IllegalStateException("store transaction used after its work returned");
    }
  }

  private void requireWritable() {
    requireActive();
    if (revisions == null) {
      throw new IllegalStateException("store read view is read-only: write in a transaction");
    }
  }
}
