package dev.junction.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.store.Entry;
import dev.junction.core.store.Expect;
import dev.junction.core.store.Scope;
import dev.junction.core.store.StoreException;
import dev.junction.core.store.VersionConflictException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the in-memory store adds to the contract: failure injection and its snapshot. */
class MemoryStoreTest {

  private final MemoryStore store = new MemoryStore();

  @Test
  void aFailedCommitThrowsTheGivenFailureOnceAndLeavesEverythingAsItWas() {
    long version = store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
    Map<String, Entry> before = store.entries();
    StoreException failure = new StoreException("disk full", null);

    store.failNextCommit(failure);
    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.put("k/a", "2", Expect.ANY);
                      tx.put("k/b", "2", Expect.ANY);
                      return null;
                    }))
        .isSameAs(failure);

    assertThat(store.entries()).isEqualTo(before);
    // Used up: the next commit goes through, and takes the revision the failed one did not.
    assertThat(store.<Long>transaction(tx -> tx.put("k/b", "3", Expect.ABSENT)))
        .isEqualTo(version + 1);
  }

  @Test
  void transactionsThatWriteNothingDoNotUseUpTheFailure() {
    RuntimeException failure = new RuntimeException("injected");
    store.failNextCommit(failure);

    store.transaction(tx -> tx.get("k/a"));
    store.transaction(
        tx -> {
          tx.delete("k/missing", Expect.ANY);
          return null;
        });
    assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/a", "1", Expect.ANY)))
        .isSameAs(failure);
    assertThat(store.entries()).isEmpty();
  }

  @Test
  void aConflictComesBeforeTheInjectedFailure() {
    store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
    RuntimeException failure = new RuntimeException("injected");
    store.failNextCommit(failure);

    assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/a", "2", Expect.ABSENT)))
        .isInstanceOf(VersionConflictException.class);
    assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/a", "2", Expect.ANY)))
        .isSameAs(failure);
    assertThat(store.entries().get("k/a").value()).isEqualTo("1");
  }

  @Test
  void entriesIsAnUnmodifiableSnapshot() {
    store.transaction(tx -> tx.put("k/b", "1", Expect.ANY));
    store.transaction(tx -> tx.put("k/a", "1", Expect.ANY));
    Map<String, Entry> snapshot = store.entries();

    store.transaction(tx -> tx.put("k/c", "1", Expect.ANY));

    assertThat(snapshot).containsOnlyKeys("k/a", "k/b");
    assertThat(snapshot.keySet()).containsExactly("k/a", "k/b");
    assertThatThrownBy(() -> snapshot.remove("k/a"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void itIsLocalUnlessToldOtherwise() {
    assertThat(store.scope()).isEqualTo(Scope.LOCAL);
    assertThat(new MemoryStore(Scope.GLOBAL).scope()).isEqualTo(Scope.GLOBAL);
  }

  @Test
  void versionsFollowTheRevisionsOfWritingCommitsOnly() {
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

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
    assertThat(third).isEqualTo(4);
  }
}
