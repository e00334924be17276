package dev.junction.core.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.store.Entry;
import dev.junction.core.store.Expect;
import dev.junction.core.store.Scope;
import dev.junction.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract cannot say about SQLite: the file, its settings, revisions, errors. */
class SqliteStoreTest {

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("local.db");
  }

  static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /** The revision the meta table holds: the end of the last block of revisions taken. */
  static long storedRevision(Path file) throws SQLException {
    return Long.parseLong(query(file, "SELECT value FROM meta WHERE name = 'revision'"));
  }

  static String query(Path file, String sql) throws SQLException {
    try (Connection connection = connect(file);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  @Test
  void openCreatesTheDirectoriesAndTheDatabaseAndDataOutlivesTheStore() {
    Path file = directory.resolve("var/lib/junction/local.db");
    long version;
    try (SqliteStore store = SqliteStore.open(file)) {
      assertThat(store.scope()).isEqualTo(Scope.LOCAL);
      assertThat(store.file()).isEqualTo(file.toAbsolutePath());
      version = store.transaction(tx -> tx.put("network/a", "{}", Expect.ABSENT));
    }
    assertThat(file).isRegularFile();

    try (SqliteStore store = SqliteStore.open(file)) {
      assertThat(store.<Optional<Entry>>read(tx -> tx.get("network/a")))
          .contains(new Entry("network/a", "{}", version));
      // The revision is stored too: versions keep growing across restarts.
      assertThat(store.<Long>transaction(tx -> tx.put("network/b", "{}", Expect.ABSENT)))
          .isGreaterThan(version);
    }
  }

  @Test
  void theDatabaseIsInWalModeAndItsMetaTableHoldsTheVersionAndTheRevisionsTaken() throws Exception {
    try (SqliteStore store = SqliteStore.open(file())) {
      long first = store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
      long second = store.transaction(tx -> tx.put("k/b", "1", Expect.ANY));

      assertThat(query(file(), "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(query(file(), "SELECT value FROM meta WHERE name = 'schema_version'"))
          .isEqualTo(Integer.toString(Schema.CURRENT.version()));
      // One block of revisions taken at the first write; the second came from it.
      assertThat(List.of(first, second)).containsExactly(1L, 2L);
      assertThat(storedRevision(file())).isEqualTo(RevisionLease.BLOCK);
    }
  }

  @Test
  void aRestartGoesOnAboveEveryRevisionTheLastRunTook() throws Exception {
    try (SqliteStore store = SqliteStore.open(file())) {
      for (int i = 0; i < RevisionLease.BLOCK + 5; i++) {
        store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
      }
      long last = store.transaction(tx -> tx.put("k/a", "2", Expect.ANY));
      assertThat(last).isEqualTo(RevisionLease.BLOCK + 6);
      assertThat(storedRevision(file())).isEqualTo(2 * RevisionLease.BLOCK);
    }
    try (SqliteStore store = SqliteStore.open(file())) {
      assertThat(store.<Long>transaction(tx -> tx.put("k/b", "1", Expect.ANY)))
          .isEqualTo(2 * RevisionLease.BLOCK + 1);
    }
  }

  @Test
  void aRolledBackTransactionThatTookABlockGivesItBack() throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), withRefusingTriggers(), Synchronous.FULL)) {
      // The store's first write: it takes the first block, and fails.
      assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/refused", "1", Expect.ANY)))
          .isInstanceOf(StoreException.class);
      assertThat(storedRevision(file())).isZero();

      assertThat(store.<Long>transaction(tx -> tx.put("k/a", "1", Expect.ANY))).isEqualTo(1);
    }
  }

  /**
   * Two stores on one file, as a second process would open: each takes blocks of its own, and a
   * write that follows the other's still gets a higher version than every version before it.
   */
  @Test
  void twoStoresWritingOneFileTakeEverHigherVersions() {
    try (SqliteStore one = SqliteStore.open(file());
        SqliteStore two = SqliteStore.open(file())) {
      List<Long> versions = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        SqliteStore writer = i % 3 == 0 ? two : one;
        String key = "k/" + i;
        versions.add(writer.transaction(tx -> tx.put(key, "1", Expect.ANY)));
      }

      assertThat(versions).isSorted().doesNotHaveDuplicates();
      assertThat(one.<List<Entry>>read(tx -> tx.list("k/")))
          .extracting(Entry::version)
          .containsExactlyElementsOf(versions);
    }
  }

  @Test
  void onlyCommitsThatChangeSomethingTakeARevision() {
    try (SqliteStore store = SqliteStore.open(file())) {
      long first = store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
      store.transaction(tx -> tx.get("k/a"));
      store.transaction(
          tx -> {
            tx.delete("k/missing", Expect.ANY);
            return null;
          });
      long second = store.transaction(tx -> tx.put("k/b", "1", Expect.ANY));
      store.transaction(
          tx -> {
            tx.delete("k/b", Expect.ANY);
            return null;
          });
      long third = store.transaction(tx -> tx.put("k/c", "1", Expect.ANY));

      assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 4L);
    }
  }

  @Test
  void aReadDoesNotWaitForARunningTransaction() {
    try (SqliteStore store = SqliteStore.open(file())) {
      store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));

      Optional<Entry> seen =
          store.transaction(
              tx -> {
                tx.put("k/a", "2", Expect.ANY);
                // Another thread reads while this transaction holds SQLite's write lock.
                return CompletableFuture.supplyAsync(() -> store.read(view -> view.get("k/a")))
                    .orTimeout(2, TimeUnit.SECONDS)
                    .join();
              });

      assertThat(seen.orElseThrow().value()).isEqualTo("1");
    }
  }

  @Test
  void sqlErrorsNameTheFileAndTheOperation() throws Exception {
    try (SqliteStore store = SqliteStore.open(file())) {
      // A read connection with its statements prepared, as in a running daemon.
      store.read(tx -> tx.list("network/"));
      try (Connection other = connect(file());
          Statement statement = other.createStatement()) {
        statement.execute("DROP TABLE entries");
      }

      assertThatThrownBy(() -> store.transaction(tx -> tx.get("network/a")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(file().toString())
          .hasMessageContaining("get network/a")
          .hasMessageContaining("no such table")
          .hasCauseInstanceOf(SQLException.class);
      assertThatThrownBy(() -> store.read(tx -> tx.list("network/")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(file().toString())
          .hasMessageContaining("list network/");
    }
  }

  /** This build's schema plus triggers that make SQLite refuse writes of some keys. */
  private static Schema withRefusingTriggers() {
    List<Schema.Migration> migrations = new ArrayList<>();
    for (int version = 1; version <= Schema.CURRENT.version(); version++) {
      migrations.add(Schema.CURRENT.migration(version));
    }
    migrations.add(
        new Schema.Migration(
            Schema.CURRENT.version() + 1,
            "refusing triggers",
            List.of(
                "CREATE TRIGGER refuse BEFORE INSERT ON entries WHEN NEW.key = 'k/refused'"
                    + " BEGIN SELECT RAISE(FAIL, 'refused by a test trigger'); END",
                // RAISE(ROLLBACK) ends the transaction inside SQLite, as some I/O errors do.
                "CREATE TRIGGER roll_back BEFORE INSERT ON entries WHEN NEW.key = 'k/rolled-back'"
                    + " BEGIN SELECT RAISE(ROLLBACK, 'rolled back by a test trigger'); END")));
    return new Schema(migrations);
  }

  @Test
  void aWriteThatSqliteRefusesFailsTheTransactionWholeAndTheStoreGoesOn() {
    try (SqliteStore store = SqliteStore.open(file(), withRefusingTriggers(), Synchronous.FULL)) {
      store.transaction(tx -> tx.put("k/kept", "1", Expect.ANY));

      assertThatThrownBy(
              () ->
                  store.transaction(
                      tx -> {
                        tx.put("k/a", "1", Expect.ANY);
                        tx.delete("k/kept", Expect.ANY);
                        return tx.put("k/refused", "1", Expect.ANY);
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("store " + file() + ": cannot put k/refused: ")
          .hasMessageContaining("refused by a test trigger");

      assertThat(store.<List<Entry>>read(tx -> tx.list("k/")))
          .extracting(Entry::key)
          .containsExactly("k/kept");
      assertThat(store.<Long>transaction(tx -> tx.put("k/b", "1", Expect.ANY))).isEqualTo(2);
    }
  }

  @Test
  void aTransactionThatSqliteAlreadyRolledBackLeavesAUsableStore() {
    try (SqliteStore store = SqliteStore.open(file(), withRefusingTriggers(), Synchronous.FULL)) {
      store.transaction(tx -> tx.put("k/kept", "1", Expect.ANY));

      assertThatThrownBy(
              () ->
                  store.transaction(
                      tx -> {
                        tx.put("k/a", "1", Expect.ANY);
                        return tx.put("k/rolled-back", "1", Expect.ANY);
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot put k/rolled-back")
          .hasMessageContaining("rolled back by a test trigger")
          // Our ROLLBACK found none left to undo, and says so beside the failure.
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

      assertThat(store.<Long>transaction(tx -> tx.put("k/b", "1", Expect.ANY))).isEqualTo(2);
      assertThat(store.<List<Entry>>read(tx -> tx.list("k/")))
          .extracting(Entry::key)
          .containsExactly("k/b", "k/kept");
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedWithItsPath() throws Exception {
    Files.writeString(
        file(), "this is not a database, but it is long enough to look at.".repeat(20));

    assertThatThrownBy(() -> SqliteStore.open(file()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("store " + file());
  }

  @Test
  void anotherProgramsDatabaseIsLeftAlone() throws Exception {
    try (Connection other = connect(file());
        Statement statement = other.createStatement()) {
      statement.execute("CREATE TABLE songs (title TEXT)");
    }

    assertThatThrownBy(() -> SqliteStore.open(file()))
        .isInstanceOf(StoreException.class)
        .hasMessage("store " + file() + ": not a Junction store (it has tables but no meta table)");
    assertThat(query(file(), "SELECT count(*) FROM sqlite_schema")).isEqualTo("1");
  }

  @Test
  void aDirectoryThatCannotBeMadeIsReportedWithThePath() throws Exception {
    Path blocker = directory.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be");

    assertThatThrownBy(() -> SqliteStore.open(blocker.resolve("local.db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(blocker.resolve("local.db").toString())
        .hasMessageContaining("create its directory");
  }

  @Test
  void aClosedStoreSaysWhichFile() {
    SqliteStore store = SqliteStore.open(file());
    store.close();

    assertThatThrownBy(() -> store.read(tx -> tx.get("k/a")))
        .isInstanceOf(StoreException.class)
        .hasMessage("store " + file() + " is closed");
  }

  @Test
  void twoStoresOnOneFileSeeEachOthersCommits() {
    try (SqliteStore first = SqliteStore.open(file());
        SqliteStore second = SqliteStore.open(file())) {
      long a = first.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
      long b = second.transaction(tx -> tx.put("k/b", "1", Expect.ANY));

      // Each store takes revisions of its own, so versions stay unique even then.
      assertThat(b).isGreaterThan(a);
      assertThat(first.<List<Entry>>read(tx -> tx.list("k/")))
          .extracting(Entry::key)
          .contains("k/b");
    }
  }
}
