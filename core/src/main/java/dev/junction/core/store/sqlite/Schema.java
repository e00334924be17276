package dev.junction.core.store.sqlite;

import dev.junction.core.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The layout of the database and the migrations that build it: migration {@code n} takes a database
 * from schema version {@code n - 1} to {@code n}, and version 0 is an empty file. The version is
 * kept in the meta table, beside the store's revision.
 *
 * <p>Migrations change the tables only. Values are JSON owned by the engine; a change of their
 * shape is the engine's to migrate, through the Store SPI.
 */
final class Schema {

  /** One step: SQL statements that take the schema from {@code version - 1} to {@code version}. */
  record Migration(int version, String description, List<String> statements) {
    Migration {
      statements = List.copyOf(statements);
    }
  }

  /** What this build writes. Append a migration for every change; never edit a released one. */
  static final Schema CURRENT =
      new Schema(
          List.of(
              new Migration(
                  1,
                  "entries and meta",
                  List.of(
                      // WITHOUT ROWID: the key is the row's identity, so keep rows in the key's
                      // b-tree instead of a rowid table plus an index on the key.
                      "CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                          + " version INTEGER NOT NULL) WITHOUT ROWID",
                      "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
                          + " WITHOUT ROWID",
                      "INSERT INTO meta (name, value) VALUES ('schema_version', 0),"
                          + " ('revision', 0)"))));

  private final List<Migration> migrations;

  Schema(List<Migration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            "migration " + (i + 1) + " has version " + migrations.get(i).version());
      }
    }
    this.migrations = List.copyOf(migrations);
  }

  /** The migration to {@code version}. */
  Migration migration(int version) {
    return migrations.get(version - 1);
  }

  /** The schema version this code reads and writes. */
  int version() {
    return migrations.size();
  }

  /**
   * Brings the database at {@code file} to this schema: all missing migrations in one transaction,
   * so that a crash or a failing step leaves the database as it was.
   */
  void migrate(Path file, Connection connection) {
    try (Statement statement = connection.createStatement()) {
      // IMMEDIATE: another process opening the same file waits, then finds the work done.
      statement.execute("BEGIN IMMEDIATE");
      try {
        int found = versionOf(file, connection);
        if (found > version()) {
          throw new StoreException(
              "store "
                  + file
                  + ": database schema version "
                  + found
                  + " is newer than version "
                  + version()
                  + ", the newest this Junction knows: run a newer Junction",
              null);
        }
        for (Migration migration : migrations.subList(found, version())) {
          apply(file, connection, statement, migration);
        }
        statement.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw SqliteConnection.failure(file, "migrate its schema", e);
    }
  }

  private static void apply(
      Path file, Connection connection, Statement statement, Migration migration) {
    try {
      for (String sql : migration.statements()) {
        statement.execute(sql);
      }
      try (PreparedStatement version =
          connection.prepareStatement("UPDATE meta SET value = ? WHERE name = 'schema_version'")) {
        version.setInt(1, migration.version());
        if (version.executeUpdate() != 1) {
          throw new SQLException("meta table has no schema_version row");
        }
      }
    } catch (SQLException e) {
      throw SqliteConnection.failure(
          file,
          "migrate its schema to version "
              + migration.version()
              + " ("
              + migration.description()
              + ")",
          e);
    }
  }

  /** The schema version of the database; 0 for a database without tables. */
  private static int versionOf(Path file, Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE name = 'meta') FROM sqlite_schema"
                    + " WHERE type = 'table'")) {
      tables.next();
      if (tables.getInt(2) == 0) {
        if (tables.getInt(1) > 0) {
          // Some other program's database: adding tables to it would be rude and confusing.
          throw new StoreException(
              "store " + file + ": not a Junction store (it has tables but no meta table)", null);
        }
        return 0;
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT value FROM meta WHERE name = 'schema_version'")) {
      if (!row.next()) {
        throw new StoreException(
            "store " + file + ": not a Junction store (its meta table has no schema_version)",
            null);
      }
      return row.getInt(1);
    }
  }
}
