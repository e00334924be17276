package dev.junction.core.store.sqlite;

import dev.junction.core.store.Scope;
import dev.junction.core.store.Store;
import dev.junction.core.store.StoreException;
import dev.junction.core.store.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The local-scope store: one SQLite database file.
 *
 * <p>Every commit that writes takes the next revision of the store, and every key it writes gets
 * that revision as its version (as etcd's mod revision), so versions grow across the whole store.
 * The writer takes revisions from the database a block at a time ({@link RevisionLease}). Deleted
 * keys are gone. Transactions run one at a time on one connection ({@code BEGIN IMMEDIATE}); reads
 * run on their own read-only connections and, thanks to WAL, neither wait for writers nor block
 * them.
 */
public final class SqliteStore implements Store {

  /**
   * Read connections kept. Reads are short (a few lookups), so a few connections serve many
   * threads; more readers than this wait for one, instead of opening file handles without bound.
   */
  private static final int READERS = 4;

  private final Path file;
  private final Synchronous synchronous;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final SqliteConnection writer;
  private final RevisionLease revisions = new RevisionLease(); // guarded by writeLock

  /** Whether the writer may still be inside a transaction: its last rollback failed. */
  private boolean writerUnsure;

  private final Semaphore readPermits = new Semaphore(READERS);
  private final Deque<SqliteConnection> idleReaders = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  private SqliteStore(Path file, Synchronous synchronous, SqliteConnection writer) {
    this.file = file;
    this.synchronous = synchronous;
    this.writer = writer;
  }

  /**
   * Opens the store in {@code file}, creating the file and its directories when missing and
   * bringing an older database up to this build's schema, with {@link Synchronous#NORMAL}.
   *
   * <p>Why not {@code FULL}: the engine promises that every operation it acknowledged survives a
   * crash of the daemon, and a WAL database with {@code NORMAL} does; what it may lose is the last
   * commits before a power loss or a kernel crash, when every namespace and link is gone too and
   * the restore pass rebuilds from what the store holds. {@code FULL} costs an {@code fdatasync}
   * per commit (0.5 ms on a quiet disk here, several under load, and it stalls every other write to
   * the file system meanwhile): more than a whole connect. {@link #open(Path, Synchronous)}
   * chooses.
   *
   * @throws StoreException when the file cannot be opened or holds a newer schema
   */
  public static SqliteStore open(Path file) {
    return open(file, Schema.CURRENT, Synchronous.NORMAL);
  }

  /** Opens the store with the given durability; see {@link #open(Path)}. */
  public static SqliteStore open(Path file, Synchronous synchronous) {
    return open(file, Schema.CURRENT, synchronous);
  }

  static SqliteStore open(Path file, Schema schema, Synchronous synchronous) {
    Path path = file.toAbsolutePath().normalize();
    // sqlite-jdbc reads what follows '?' in a file name as connection options.
    if (path.toString().contains("?")) {
      throw new StoreException("store " + path + ": a store's path must not contain '?'", null);
    }
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw SqliteConnection.failure(path, "create its directory", e);
    }
    Connection connection;
    try {
      connection = SqliteConnection.connect(path, synchronous, true);
    } catch (SQLException e) {
      throw SqliteConnection.failure(path, "open", e);
    }
    try {
      schema.migrate(path, connection);
    } catch (RuntimeException e) {
      SqliteConnection.closeAfterFailure(connection, e);
      throw e;
    }
    return new SqliteStore(path, synchronous, SqliteConnection.wrap(path, connection));
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public Scope scope() {
    return Scope.LOCAL;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs {@code work} once, holding the store's write lock, inside {@code BEGIN IMMEDIATE}.
   */
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
      if (writerUnsure) {
        // Almost surely a COMMIT that failed and that SQLite rolled back itself, so that the
        // ROLLBACK found nothing to do; if not, this ends the transaction that would otherwise
        // make every later BEGIN fail.
        try {
          writer.execute("ROLLBACK");
        } catch (StoreException _) {
          // No transaction was open.
        }
        writerUnsure = false;
      }
      writer.execute("BEGIN IMMEDIATE");
      SqliteTransaction transaction = null;
      try {
        revisions.begin(writer);
        transaction = SqliteTransaction.writable(writer, revisions);
        T result = work.apply(transaction);
        transaction.end();
        if (transaction.conflict().isPresent()) {
          throw transaction.conflict().get();
        }
        writer.execute("COMMIT");
        return result;
      } catch (Throwable failure) {
        if (transaction != null) {
          transaction.end();
        }
        revisions.rolledBack();
        try {
          writer.execute("ROLLBACK");
        } catch (RuntimeException e) {
          // Also when a failed COMMIT already rolled back (SQLite does on I/O errors).
          failure.addSuppressed(e);
          writerUnsure = true;
        }
        throw failure;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The view is an SQLite read transaction on a read-only connection: it sees the last commit
   * before its first read, and neither waits for a running transaction nor delays it.
   */
  @Override
  public <T> T read(Function<Transaction, T> work) {
    Objects.requireNonNull(work, "work");
    SqliteConnection reader = borrowReader();
    boolean reusable = false;
    try {
      reader.execute("BEGIN");
      SqliteTransaction view = SqliteTransaction.readOnly(reader);
      T result;
      try {
        result = work.apply(view);
      } catch (Throwable failure) {
        view.end();
        try {
          reader.execute("ROLLBACK");
          reusable = true;
        } catch (RuntimeException e) {
          failure.addSuppressed(e);
        }
        throw failure;
      }
      view.end();
      // A read has nothing to commit; ending it lets checkpoints move past its snapshot.
      reader.execute("ROLLBACK");
      reusable = true;
      return result;
    } finally {
      returnReader(reader, reusable);
    }
  }

  /**
   * Waits for the running transaction and reads to finish, then closes the database. Idempotent.
   * Not to be called from inside a transaction or a read of this store.
   */
  @Override
  public void close() {
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("store closed inside one of its transactions");
    }
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      // Under the lock: no transaction runs now, and every later one sees the store closed.
      closed = true;
    } finally {
      writeLock.unlock();
    }
    List<SqliteConnection> connections = new ArrayList<>();
    readPermits.acquireUninterruptibly(READERS);
    try {
      connections.addAll(idleReaders);
      idleReaders.clear();
    } finally {
      readPermits.release(READERS);
    }
    // Last, so that it is the writer that checkpoints the WAL into the database as it closes.
    connections.add(writer);
    StoreException failure = null;
    for (SqliteConnection connection : connections) {
      try {
        connection.close();
      } catch (StoreException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "SqliteStore[" + file + ", synchronous=" + synchronous + "]";
  }

  private SqliteConnection borrowReader() {
    requireOpen();
    readPermits.acquireUninterruptibly();
    try {
      requireOpen();
      SqliteConnection reader = idleReaders.poll();
      if (reader != null) {
        return reader;
      }
      try {
        return SqliteConnection.wrap(file, SqliteConnection.connect(file, synchronous, false));
      } catch (SQLException e) {
        throw SqliteConnection.failure(file, "open a read connection", e);
      }
    } catch (RuntimeException e) {
      readPermits.release();
      throw e;
    }
  }

  /** Keeps a reader for the next read, unless it failed to end its read transaction. */
  private void returnReader(SqliteConnection reader, boolean reusable) {
    try {
      if (reusable) {
        // close() takes every permit before it closes idle readers, so it sees this one.
        idleReaders.push(reader);
      } else {
        reader.close();
      }
    } catch (StoreException _) {
      // The reader is dropped either way, and the failure that broke it is already on its way.
    } finally {
      readPermits.release();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new StoreException("store " + file + " is closed", null);
    }
  }
}
