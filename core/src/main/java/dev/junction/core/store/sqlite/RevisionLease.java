package dev.junction.core.store.sqlite;

/**
 * The store's revisions, taken from the meta table a block at a time. Moving the meta row by one at
 * every commit cost a statement and a page written to the WAL: a connect's commit took 88 µs with
 * it and 69 µs without, measured alternating on this machine. The row holds the end of the last
 * block taken, so a restart goes on above every revision handed out: versions keep growing, with a
 * gap.
 *
 * <p>A rolled-back transaction gives back what it took: the revisions, if they came from a block
 * already held (none of them was committed), or the block itself, if it took one (its meta update
 * was rolled back with it). Another connection that writes the same file, such as a second store
 * opened on it, takes blocks of its own; a transaction that finds the database changed by another
 * connection since the last one (SQLite's {@code data_version}) leaves its block for the next, so
 * that every later write still gets a higher version.
 *
 * <p>Not thread-safe: used under the store's write lock.
 */
final class RevisionLease {

  /** Revisions per block: a restart skips at most this many. */
  static final long BLOCK = 1024;

  private long next = 1;
  private long last = 0; // next > last: no block held
  private long dataVersion = Long.MIN_VALUE; // the writer's data_version at the last transaction
  private long nextAtBegin;
  private boolean tookBlock; // the running transaction took a new block

  /** At the start of a write transaction, once the writer holds SQLite's write lock. */
  void begin(SqliteConnection writer) {
    nextAtBegin = next;
    tookBlock = false;
    long seen = writer.dataVersion();
    if (seen != dataVersion) {
      // Another connection committed meanwhile: it may hold revisions above this block's.
      drop();
      nextAtBegin = next;
      dataVersion = seen;
    }
  }

  /** The next revision, for the running transaction's writes. */
  long take(SqliteConnection writer) {
    if (next > last) {
      last = writer.leaseRevisions(BLOCK);
      next = last - BLOCK + 1;
      tookBlock = true;
    }
    return next++;
  }

  /** After the running transaction was rolled back. */
  void rolledBack() {
    if (tookBlock) {
      drop();
    } else {
      next = nextAtBegin;
    }
  }

  private void drop() {
    next = 1;
    last = 0;
  }
}
