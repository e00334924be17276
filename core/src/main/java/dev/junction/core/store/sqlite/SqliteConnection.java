package dev.junction.core.store.sqlite;

import dev.junction.core.store.Entry;
import dev.junction.core.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One JDBC connection to the database with its prepared statements. Not thread-safe: the writer is
 * used under the store's lock, a reader by one borrower at a time. Every {@link SQLException}
 * leaves as a {@link StoreException} that names the file and the operation.
 */
final class SqliteConnection implements AutoCloseable {

  /**
   * How long to wait for a lock held by another connection before failing. Writers of this process
   * queue on the store's lock instead, so this covers another process that opened the same file and
   * the short exclusive moments of WAL recovery and checkpoints.
   */
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** SQLite's primary result code for a violated constraint (here: a key that exists). */
  private static final int SQLITE_CONSTRAINT = 19;

  /**
   * Above every character a key may hold (keys are ASCII), so {@code [prefix, prefix + MAX)} is the
   * range of keys that start with prefix. A range rather than LIKE: {@code _} is a LIKE wildcard
   * and allowed in keys, and a range uses the primary key's index.
   */
  private static final String MAX = "\uffff";

  private final Path file;
  private final Connection connection;
  private final PreparedStatement get;
  private final PreparedStatement version;
  private final PreparedStatement list;
  private final PreparedStatement put;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final PreparedStatement deleteVersion;
  private final PreparedStatement delete;
  private final PreparedStatement leaseRevisions;
  private final PreparedStatement dataVersion;
  private final Map<String, PreparedStatement> control = new HashMap<>();

  private SqliteConnection(Path file, Connection connection) throws SQLException {
    this.file = file;
    this.connection = connection;
    get = connection.prepareStatement("SELECT value, version FROM entries WHERE key = ?");
    version = connection.prepareStatement("SELECT version FROM entries WHERE key = ?");
    list =
        connection.prepareStatement(
            "SELECT key, value, version FROM entries WHERE key >= ? AND key < ? ORDER BY key");
    put =
        connection.prepareStatement(
            "INSERT INTO entries (key, value, version) VALUES (?, ?, ?) ON CONFLICT (key) DO"
                + " UPDATE SET value = excluded.value, version = excluded.version");
    insert =
        connection.prepareStatement("INSERT INTO entries (key, value, version) VALUES (?, ?, ?)");
    update =
        connection.prepareStatement(
            "UPDATE entries SET value = ?, version = ? WHERE key = ? AND version = ?");
    delete = connection.prepareStatement("DELETE FROM entries WHERE key = ?");
    deleteVersion =
        connection.prepareStatement("DELETE FROM entries WHERE key = ? AND version = ?");
    leaseRevisions =
        connection.prepareStatement(
            "UPDATE meta SET value = value + ? WHERE name = 'revision' RETURNING value");
    dataVersion = connection.prepareStatement("PRAGMA data_version");
  }

  /**
   * Opens a raw connection with this store's settings. Only the writer switches the file to WAL
   * (the mode is stored in the file, and switching needs the write lock); readers refuse writes.
   */
  static Connection connect(Path file, Synchronous synchronous, boolean writer)
      throws SQLException {
    Properties properties = new Properties();
    // The driver would otherwise follow every INSERT with a query for the new row's ID, which
    // nothing here reads: a tenth of a commit.
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      if (writer) {
        try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
          String actual = mode.next() ? mode.getString(1) : "unknown";
          // SQLite keeps the old mode when WAL is impossible (no shared memory on the
          // filesystem); readers would then block the writer, so refuse rather than limp on.
          if (!"wal".equalsIgnoreCase(actual)) {
            throw new SQLException("cannot use WAL journal mode: the database stays in " + actual);
          }
        }
      } else {
        statement.execute("PRAGMA query_only = 1");
      }
      statement.execute("PRAGMA synchronous = " + synchronous.name());
    } catch (SQLException | RuntimeException e) {
      closeAfterFailure(connection, e);
      throw e;
    }
    return connection;
  }

  /** Wraps a connection whose database is at the current schema. */
  static SqliteConnection wrap(Path file, Connection connection) {
    try {
      return new SqliteConnection(file, connection);
    } catch (SQLException e) {
      closeAfterFailure(connection, e);
      throw failure(file, "prepare statements", e);
    }
  }

  static StoreException failure(Path file, String operation, Exception cause) {
    return new StoreException("store " + file + ": cannot " + operation + ": " + cause, cause);
  }

  static void closeAfterFailure(Connection connection, Throwable failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Runs a statement without results, such as {@code BEGIN IMMEDIATE} or {@code COMMIT}, prepared
   * the first time and kept: every transaction runs two of them, and preparing is a parse.
   */
  void execute(String sql) {
    try {
      PreparedStatement statement = control.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        control.put(sql, statement);
      }
      statement.execute();
    } catch (SQLException e) {
      throw failure(file, sql.toLowerCase(Locale.ROOT), e);
    }
  }

  Optional<Entry> get(String key) {
    try {
      get.setString(1, key);
      try (ResultSet row = get.executeQuery()) {
        return row.next()
            ? Optional.of(new Entry(key, row.getString(1), row.getLong(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure(file, "get " + key, e);
    }
  }

  /**
   * The key's version, 0 when absent: what a write's expectation is checked against, without
   * reading the value (a kilobyte of text turned into a string, for an endpoint).
   */
  long version(String key) {
    try {
      version.setString(1, key);
      try (ResultSet row = version.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw failure(file, "get the version of " + key, e);
    }
  }

  List<Entry> list(String prefix) {
    try {
      list.setString(1, prefix);
      list.setString(2, prefix + MAX);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rows = list.executeQuery()) {
        while (rows.next()) {
          entries.add(new Entry(rows.getString(1), rows.getString(2), rows.getLong(3)));
        }
      }
      return List.copyOf(entries);
    } catch (SQLException e) {
      throw failure(file, "list " + prefix, e);
    }
  }

  void put(String key, String value, long version) {
    try {
      put.setString(1, key);
      put.setString(2, value);
      put.setLong(3, version);
      put.executeUpdate();
    } catch (SQLException e) {
      throw failure(file, "put " + key, e);
    }
  }

  /** Adds the key; false, changing nothing, when it is there already. */
  boolean insert(String key, String value, long version) {
    try {
      insert.setString(1, key);
      insert.setString(2, value);
      insert.setLong(3, version);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT) {
        return false; // the statement is undone; its transaction goes on
      }
      throw failure(file, "put " + key, e);
    }
  }

  /**
   * Replaces the key's value if its version is {@code expected}; false, changing nothing, if not.
   */
  boolean update(String key, String value, long version, long expected) {
    try {
      update.setString(1, value);
      update.setLong(2, version);
      update.setString(3, key);
      update.setLong(4, expected);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure(file, "put " + key, e);
    }
  }

  /** Deletes the key; false when it was not there. */
  boolean delete(String key) {
    try {
      delete.setString(1, key);
      return delete.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure(file, "delete " + key, e);
    }
  }

  /** Deletes the key if its version is {@code expected}; false, changing nothing, if not. */
  boolean delete(String key, long expected) {
    try {
      deleteVersion.setString(1, key);
      deleteVersion.setLong(2, expected);
      return deleteVersion.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure(file, "delete " + key, e);
    }
  }

  /**
   * Takes {@code count} revisions for this connection's writes: one statement that adds them to the
   * store's revision and returns the sum, the last of them.
   */
  long leaseRevisions(long count) {
    try {
      leaseRevisions.setLong(1, count);
    } catch (SQLException e) {
      throw failure(file, "take revisions", e);
    }
    return number(leaseRevisions, "take revisions", "meta table has no revision row");
  }

  /**
   * SQLite's {@code data_version}: it changes when another connection committed to the file since
   * this one last looked, and never for this connection's own commits.
   */
  long dataVersion() {
    return number(dataVersion, "read the data version", "PRAGMA data_version returned nothing");
  }

  /** The one number that {@code query} returns. */
  private long number(PreparedStatement query, String operation, String whenNone) {
    try (ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new SQLException(whenNone);
      }
      return row.getLong(1);
    } catch (SQLException e) {
      throw failure(file, operation, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure(file, "close", e);
    }
  }
}
