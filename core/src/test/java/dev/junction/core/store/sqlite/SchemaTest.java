package dev.junction.core.store.sqlite;

import static dev.junction.core.store.sqlite.SqliteStoreTest.connect;
import static dev.junction.core.store.sqlite.SqliteStoreTest.query;
import static dev.junction.core.store.sqlite.SqliteStoreTest.storedRevision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.store.Entry;
import dev.junction.core.store.Expect;
import dev.junction.core.store.StoreException;
import dev.junction.core.store.sqlite.Schema.Migration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening databases of every schema version: older ones migrate, newer ones are refused. */
class SchemaTest {

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("local.db");
  }

  /** Version 1 as a release wrote it, typed out here so that an edit of migration 1 shows. */
  private void createVersionOneByHand() throws Exception {
    try (Connection connection = connect(file());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
              + " version INTEGER NOT NULL) WITHOUT ROWID");
      statement.execute(
          "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
      statement.execute("INSERT INTO meta VALUES ('schema_version', 1), ('revision', 7)");
      statement.execute(
          "INSERT INTO entries VALUES ('network/a', '{\"n\":1}', 3), ('network/b', '{}', 7)");
    }
  }

  /** This build's migrations and one more, as the next schema change would add. */
  private static Schema withVersionTwo(List<String> statements) {
    List<Migration> migrations = new ArrayList<>();
    for (int version = 1; version <= Schema.CURRENT.version(); version++) {
      migrations.add(Schema.CURRENT.migration(version));
    }
    migrations.add(new Migration(2, "entries by version", statements));
    return new Schema(migrations);
  }

  private static final List<String> VERSION_TWO =
      List.of(
          "CREATE INDEX entries_by_version ON entries (version)",
          "INSERT INTO meta (name, value) VALUES ('compacted', 0)");

  @Test
  void aNewDatabaseGetsTheCurrentSchema() throws Exception {
    SqliteStore.open(file()).close();

    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo(Integer.toString(Schema.CURRENT.version()));
    assertThat(storedRevision(file())).isZero();
  }

  @Test
  void aVersionOneDatabaseMadeByHandOpensWithItsEntriesAndRevision() throws Exception {
    createVersionOneByHand();

    try (SqliteStore store = SqliteStore.open(file())) {
      assertThat(store.<List<Entry>>read(tx -> tx.list("network/")))
          .containsExactly(new Entry("network/a", "{\"n\":1}", 3), new Entry("network/b", "{}", 7));
      assertThat(store.<Long>transaction(tx -> tx.put("network/c", "{}", Expect.ABSENT)))
          .isEqualTo(8);
    }
  }

  @Test
  void anOlderDatabaseMigratesAndKeepsItsData() throws Exception {
    createVersionOneByHand();

    try (SqliteStore store =
        SqliteStore.open(file(), withVersionTwo(VERSION_TWO), Synchronous.FULL)) {
      assertThat(store.<Optional<Entry>>read(tx -> tx.get("network/a")))
          .contains(new Entry("network/a", "{\"n\":1}", 3));
      assertThat(store.<Long>transaction(tx -> tx.put("network/c", "{}", Expect.ABSENT)))
          .isEqualTo(8);
    }

    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo("2");
    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'compacted'")).isEqualTo("0");
    assertThat(query(file(), "SELECT name FROM sqlite_schema WHERE type = 'index'"))
        .isEqualTo("entries_by_version");
  }

  @Test
  void aNewDatabaseRunsEveryMigration() throws Exception {
    SqliteStore.open(file(), withVersionTwo(VERSION_TWO), Synchronous.FULL).close();

    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo("2");
    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'compacted'")).isEqualTo("0");
  }

  @Test
  void aFailingMigrationLeavesTheDatabaseAsItWas() throws Exception {
    createVersionOneByHand();
    Schema broken =
        withVersionTwo(
            List.of(
                "CREATE INDEX entries_by_version ON entries (version)",
                "UPDATE entries SET value = 'lost'",
                "INSERT INTO nowhere VALUES (1)"));

    assertThatThrownBy(() -> SqliteStore.open(file(), broken, Synchronous.FULL))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("migrate its schema to version 2 (entries by version)")
        .hasMessageContaining("no such table: nowhere");

    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo("1");
    assertThat(query(file(), "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"))
        .isEqualTo("0");
    try (SqliteStore store = SqliteStore.open(file())) {
      assertThat(store.<Optional<Entry>>read(tx -> tx.get("network/a")).orElseThrow().value())
          .isEqualTo("{\"n\":1}");
    }
  }

  @Test
  void aNewerDatabaseIsRefusedNamingBothVersions() throws Exception {
    SqliteStore.open(file(), withVersionTwo(VERSION_TWO), Synchronous.FULL).close();

    assertThatThrownBy(() -> SqliteStore.open(file()))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "store "
                + file()
                + ": database schema version 2 is newer than version 1, the newest this Junction"
                + " knows: run a newer Junction");
    assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
        .isEqualTo("2");
  }

  @Test
  void migrationsMustBeNumberedFromOneWithoutGaps() {
    Migration first = Schema.CURRENT.migration(1);

    assertThatThrownBy(() -> new Schema(List.of(first, new Migration(3, "skips", List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("migration 2 has version 3");
  }
}
