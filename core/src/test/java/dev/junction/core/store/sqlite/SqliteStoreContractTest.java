package dev.junction.core.store.sqlite;

import dev.junction.core.store.Store;
import dev.junction.core.store.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, each test with a database file of its own. */
class SqliteStoreContractTest extends StoreContract {

  @TempDir Path directory;

  @Override
  protected Store openStore() {
    return SqliteStore.open(directory.resolve("store/local.db"));
  }
}
