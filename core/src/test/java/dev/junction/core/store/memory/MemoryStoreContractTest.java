package dev.junction.core.store.memory;

import dev.junction.core.store.Store;
import dev.junction.core.store.StoreContract;

/** The store contract on the in-memory store that the engine's tests use. */
class MemoryStoreContractTest extends StoreContract {

  @Override
  protected Store openStore() {
    return new MemoryStore();
  }
}
