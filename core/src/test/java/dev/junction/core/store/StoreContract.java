package dev.junction.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Store} does, run against each implementation so that the in-memory store the
 * engine's tests use behaves as the real ones. Subclasses say which store.
 */
public abstract class StoreContract {

  /** A new, empty store for one test. */
  protected abstract Store openStore();

  protected Store store;

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private long put(String key, String value) {
    return store.transaction(tx -> tx.put(key, value, Expect.ANY));
  }

  private Optional<Entry> get(String key) {
    return store.read(tx -> tx.get(key));
  }

  private List<Entry> list(String prefix) {
    return store.read(tx -> tx.list(prefix));
  }

  @Test
  void anEmptyStoreHoldsNothing() {
    assertThat(get("network/a")).isEmpty();
    assertThat(list("network/")).isEmpty();
    assertThat(store.<List<Entry>>transaction(tx -> tx.list("network"))).isEmpty();
  }

  @Test
  void aCommittedPutIsReadBackWithTheVersionItReturned() {
    long version = put("network/a", "{\"name\":\"front\"}");

    assertThat(version).isPositive();
    assertThat(get("network/a")).contains(new Entry("network/a", "{\"name\":\"front\"}", version));
    assertThat(store.transaction(tx -> tx.get("network/a")).orElseThrow().version())
        .isEqualTo(version);
  }

  @Test
  void everyLaterWriteGetsAHigherVersionAndOtherKeysKeepTheirs() {
    long a = put("k/a", "1");
    long b = put("k/b", "1");
    long a2 = put("k/a", "2");

    assertThat(b).isGreaterThan(a);
    assertThat(a2).isGreaterThan(b);
    assertThat(get("k/b").orElseThrow().version()).isEqualTo(b);
    assertThat(get("k/a")).contains(new Entry("k/a", "2", a2));
  }

  @Test
  void allKeysWrittenByOneTransactionGetOneVersion() {
    List<Long> versions =
        store.transaction(
            tx ->
                List.of(
                    tx.put("k/a", "1", Expect.ANY),
                    tx.put("k/b", "1", Expect.ABSENT),
                    tx.put("k/a", "2", Expect.ANY)));

    assertThat(versions).containsOnly(versions.getFirst());
    assertThat(list("k/"))
        .containsExactly(
            new Entry("k/a", "2", versions.getFirst()), new Entry("k/b", "1", versions.getFirst()));
  }

  @Test
  void aTransactionReadsItsOwnWrites() {
    put("k/old", "x");

    store.transaction(
        tx -> {
          long version = tx.put("k/new", "y", Expect.ABSENT);
          assertThat(tx.get("k/new")).contains(new Entry("k/new", "y", version));
          tx.delete("k/old", Expect.ANY);
          assertThat(tx.get("k/old")).isEmpty();
          assertThat(tx.list("k/")).extracting(Entry::key).containsExactly("k/new");
          // Its own version satisfies an expectation, as any version read would.
          tx.put("k/new", "z", Expect.version(version));
          return null;
        });

    assertThat(list("k/"))
        .extracting(Entry::key, Entry::value)
        .containsExactly(tuple("k/new", "z"));
  }

  @Test
  void othersSeeATransactionsWritesOnlyOnceItCommits() {
    put("k/a", "before");

    store.transaction(
        tx -> {
          tx.put("k/a", "during", Expect.ANY);
          tx.put("k/b", "during", Expect.ANY);
          assertThat(store.<List<Entry>>read(view -> view.list("k/")))
              .extracting(Entry::value)
              .containsExactly("before");
          return null;
        });

    assertThat(list("k/")).extracting(Entry::value).containsExactly("during", "during");
  }

  @Test
  void aReadViewStaysOnOneCommitWhileOthersWrite() {
    put("k/a", "1");

    store.read(
        view -> {
          assertThat(view.get("k/a").orElseThrow().value()).isEqualTo("1");
          store.transaction(
              tx -> {
                tx.put("k/a", "2", Expect.ANY);
                tx.put("k/b", "2", Expect.ANY);
                return null;
              });
          assertThat(view.get("k/a").orElseThrow().value()).isEqualTo("1");
          assertThat(view.get("k/b")).isEmpty();
          assertThat(view.list("k/")).extracting(Entry::key).containsExactly("k/a");
          return null;
        });

    assertThat(list("k/")).extracting(Entry::value).containsExactly("2", "2");
  }

  @Test
  void absentCreatesOnlyAndConflictsWithAnExistingKey() {
    long version = put("k/a", "1");

    assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/a", "2", Expect.ABSENT)))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.key()).isEqualTo("k/a"))
        .hasMessageContaining("version " + version);
    assertThat(get("k/a").orElseThrow().value()).isEqualTo("1");
  }

  @Test
  void anExpectedVersionMustBeTheCurrentOne() {
    long first = put("k/a", "1");
    long second = store.transaction(tx -> tx.put("k/a", "2", Expect.version(first)));

    assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/a", "3", Expect.version(first))))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining("found version " + second);
    assertThatThrownBy(() -> store.transaction(tx -> tx.put("k/b", "1", Expect.version(first))))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining("found no value");
    assertThat(get("k/a")).contains(new Entry("k/a", "2", second));
    assertThat(get("k/b")).isEmpty();
  }

  @Test
  void deleteChecksItsExpectationAndRemovesTheKey() {
    long version = put("k/a", "1");

    assertThatThrownBy(() -> store.transaction(tx -> deleteAndReturn(tx, "k/a", Expect.ABSENT)))
        .isInstanceOf(VersionConflictException.class);
    assertThatThrownBy(
            () -> store.transaction(tx -> deleteAndReturn(tx, "k/a", Expect.version(version + 1))))
        .isInstanceOf(VersionConflictException.class);
    assertThatThrownBy(
            () -> store.transaction(tx -> deleteAndReturn(tx, "k/b", Expect.version(version))))
        .isInstanceOf(VersionConflictException.class);
    assertThat(get("k/a")).isPresent();

    store.transaction(tx -> deleteAndReturn(tx, "k/a", Expect.version(version)));
    assertThat(get("k/a")).isEmpty();
    assertThat(list("k/")).isEmpty();

    // Already gone: no error without an expectation, nor when expecting it gone.
    store.transaction(tx -> deleteAndReturn(tx, "k/a", Expect.ANY));
    store.transaction(tx -> deleteAndReturn(tx, "k/a", Expect.ABSENT));
  }

  @Test
  void aDeletedKeyCanBeCreatedAgainWithAHigherVersion() {
    long first = put("k/a", "1");
    store.transaction(tx -> deleteAndReturn(tx, "k/a", Expect.ANY));

    long again = store.transaction(tx -> tx.put("k/a", "2", Expect.ABSENT));

    assertThat(again).isGreaterThan(first);
  }

  @Test
  void aConflictRollsBackEveryWriteOfItsTransaction() {
    put("k/taken", "x");

    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.put("k/a", "1", Expect.ANY);
                      tx.delete("k/taken", Expect.ANY);
                      tx.put("k/b", "1", Expect.ANY);
                      return tx.put("k/b", "2", Expect.ABSENT);
                    }))
        .isInstanceOf(VersionConflictException.class);

    assertThat(list("k/")).extracting(Entry::key).containsExactly("k/taken");
  }

  @Test
  void aConflictCaughtByTheWorkStillFailsTheTransaction() {
    put("k/taken", "x");
    AtomicReference<VersionConflictException> caught = new AtomicReference<>();

    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.put("k/a", "1", Expect.ANY);
                      try {
                        tx.put("k/taken", "y", Expect.ABSENT);
                      } catch (VersionConflictException e) {
                        caught.set(e);
                      }
                      return tx.put("k/b", "1", Expect.ANY);
                    }))
        .isSameAs(caught.get())
        .isNotNull();

    assertThat(list("k/"))
        .extracting(Entry::key, Entry::value)
        .containsExactly(tuple("k/taken", "x"));
  }

  @Test
  void anExceptionFromTheWorkPropagatesUnchangedAndWritesNothing() {
    put("k/a", "1");
    IllegalStateException failure = new IllegalStateException("driver said no");
    AssertionError error = new AssertionError("a bug");

    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.put("k/a", "2", Expect.ANY);
                      tx.put("k/b", "2", Expect.ANY);
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.delete("k/a", Expect.ANY);
                      throw error;
                    }))
        .isSameAs(error);
    assertThatThrownBy(
            () ->
                store.read(
                    tx -> {
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(list("k/")).extracting(Entry::key, Entry::value).containsExactly(tuple("k/a", "1"));
    // The store is still usable after failures.
    assertThat(put("k/c", "3")).isPositive();
  }

  @Test
  void theTransactionReturnsWhatTheWorkReturns() {
    assertThat(store.<String>transaction(tx -> "result")).isEqualTo("result");
    assertThat(store.<Integer>read(tx -> 42)).isEqualTo(42);
  }

  @Test
  void listReturnsExactlyTheKeysWithThePrefixSortedByKey() {
    store.transaction(
        tx -> {
          for (String key :
              List.of(
                  "network/b",
                  "network/a/x",
                  "network/a",
                  "networks/z",
                  "net/1",
                  "endpoint/a",
                  "network/A",
                  "network/a_b",
                  "network/axb",
                  "network/a-b",
                  "network/a.b")) {
            tx.put(key, key, Expect.ANY);
          }
          return null;
        });

    assertThat(list("network/"))
        .extracting(Entry::key)
        .containsExactly(
            "network/A",
            "network/a",
            "network/a-b",
            "network/a.b",
            "network/a/x",
            "network/a_b",
            "network/axb",
            "network/b");
    assertThat(list("network")).extracting(Entry::key).contains("networks/z").hasSize(9);
    assertThat(list("network/a/")).extracting(Entry::key).containsExactly("network/a/x");
    // '_' is an ordinary character, not a wildcard matching the 'x' of network/axb.
    assertThat(list("network/a_")).extracting(Entry::key).containsExactly("network/a_b");
    assertThat(list("network/a_b")).extracting(Entry::key).containsExactly("network/a_b");
    assertThat(list("net/")).extracting(Entry::value).containsExactly("net/1");
    assertThat(list("sandbox/")).isEmpty();
  }

  @Test
  void aReadViewRefusesWrites() {
    put("k/a", "1");

    assertThatThrownBy(() -> store.read(tx -> tx.put("k/b", "1", Expect.ANY)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.read(tx -> deleteAndReturn(tx, "k/a", Expect.ANY)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(list("k/")).extracting(Entry::key).containsExactly("k/a");
  }

  @Test
  void aTransactionCannotBeUsedAfterItsWorkReturned() {
    Transaction escaped = store.transaction(tx -> tx);
    Transaction escapedView = store.read(tx -> tx);

    assertThatThrownBy(() -> escaped.put("k/a", "1", Expect.ANY))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> escaped.get("k/a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> escapedView.list("k/")).isInstanceOf(IllegalStateException.class);
    assertThat(list("k/")).isEmpty();
  }

  @Test
  void transactionsDoNotNest() {
    assertThatThrownBy(() -> store.transaction(tx -> store.transaction(inner -> inner.get("k/a"))))
        .isInstanceOf(IllegalStateException.class);
    // The outer transaction was rolled back and the store is usable.
    assertThat(put("k/a", "1")).isPositive();
  }

  @Test
  void keysValuesAndPrefixesAreChecked() {
    store.transaction(
        tx -> {
          assertThatThrownBy(() -> tx.put("Network/a", "1", Expect.ANY))
              .isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> tx.put("network/a%", "1", Expect.ANY))
              .isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> tx.get("network//a"))
              .isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> tx.delete("", Expect.ANY))
              .isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> tx.list("")).isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> tx.list("network//"))
              .isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> tx.put("network/a", null, Expect.ANY))
              .isInstanceOf(NullPointerException.class);
          assertThatThrownBy(() -> tx.put("network/a", "1", null))
              .isInstanceOf(NullPointerException.class);
          return null;
        });
    assertThat(list("network")).isEmpty();
  }

  @Test
  void valuesAreKeptExactly() {
    String value = "{\"name\":\"caf\u00e9 \u2603 \ud83d\ude00\",\"empty\":\"\",\"nl\":\"a\\nb\"}\n";
    put("k/a", value);
    put("k/empty", "");

    assertThat(get("k/a").orElseThrow().value()).isEqualTo(value);
    assertThat(get("k/empty").orElseThrow().value()).isEmpty();
  }

  @Test
  void aClosedStoreRefusesUseAndClosesAgainQuietly() {
    put("k/a", "1");
    store.close();

    assertThatThrownBy(() -> store.transaction(tx -> tx.get("k/a")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.read(tx -> tx.get("k/a")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    store.close();
  }

  /**
   * Optimistic concurrency as the engine uses it: read in one view, write in a later transaction
   * that expects the version read, and start over on a conflict. No increment may be lost.
   */
  @Test
  void concurrentReadModifyWriteIncrementsWithRetriesLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 40;
    put("counter", "0");
    AtomicInteger conflicts = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);

    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            executor.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    while (true) {
                      Entry seen = get("counter").orElseThrow();
                      long next = Long.parseLong(seen.value()) + 1;
                      // As a caller's own work between its read and its write would, let others
                      // in: on a fast store the threads would otherwise seldom interleave.
                      Thread.yield();
                      try {
                        store.transaction(
                            tx ->
                                tx.put(
                                    "counter",
                                    Long.toString(next),
                                    Expect.version(seen.version())));
                        break;
                      } catch (VersionConflictException e) {
                        conflicts.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    }

    assertThat(get("counter").orElseThrow().value())
        .as("after %d conflicts", conflicts.get())
        .isEqualTo(Integer.toString(threads * perThread));
  }

  /**
   * Random transactions against a plain model: each transaction makes a few writes with random
   * expectations (some bound to fail) and sometimes throws; the store must agree with the model
   * after every one.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void randomTransactionsAgreeWithAModel(long seed) {
    Random random = new Random(seed);
    List<String> keys = List.of("m/a", "m/a/b", "m/a_b", "m/ab", "m/b", "m/c/d");
    Map<String, Entry> model = new TreeMap<>();
    long lastVersion = 0;

    for (int round = 0; round < 150; round++) {
      String context = "seed " + seed + ", round " + round;
      // The model's state after the transaction; null values: written, version not known yet.
      Map<String, String> after = new TreeMap<>();
      model.forEach((key, entry) -> after.put(key, entry.value()));
      Map<String, String> written = new TreeMap<>();
      List<Op> ops = new ArrayList<>();
      boolean conflict = false;
      for (int i = random.nextInt(1, 5); i > 0 && !conflict; i--) {
        String key = keys.get(random.nextInt(keys.size()));
        boolean exists = after.containsKey(key);
        long actual = !exists ? 0 : written.containsKey(key) ? -1 : model.get(key).version();
        ExpectKind kind = ExpectKind.values()[random.nextInt(ExpectKind.values().length)];
        if (kind == ExpectKind.WRONG && actual == -1) {
          kind = ExpectKind.CURRENT;
        }
        long guess = random.nextLong(1, lastVersion + 2);
        conflict =
            switch (kind) {
              case ANY -> false;
              case ABSENT -> exists;
              case CURRENT -> !exists;
              case WRONG -> guess != actual;
            };
        String value = random.nextBoolean() ? "v" + round + "." + i : null;
        ops.add(new Op(key, value, kind, guess));
        if (value != null) {
          after.put(key, value);
          written.put(key, value);
        } else {
          after.remove(key);
          written.remove(key);
        }
      }
      boolean throwAtEnd = !conflict && random.nextInt(6) == 0;
      RuntimeException planned = new RuntimeException("planned, " + context);

      Throwable thrown = null;
      try {
        store.transaction(
            tx -> {
              for (Op op : ops) {
                Expect expect =
                    switch (op.kind()) {
                      case ANY -> Expect.ANY;
                      case ABSENT -> Expect.ABSENT;
                      case CURRENT ->
                          Expect.version(
                              tx.get(op.key()).map(Entry::version).orElse(Long.MAX_VALUE));
                      case WRONG -> Expect.version(op.guess());
                    };
                if (op.value() != null) {
                  tx.put(op.key(), op.value(), expect);
                } else {
                  tx.delete(op.key(), expect);
                }
              }
              if (throwAtEnd) {
                throw planned;
              }
              return null;
            });
      } catch (RuntimeException e) {
        thrown = e;
      }

      if (conflict) {
        assertThat(thrown).as(context).isInstanceOf(VersionConflictException.class);
      } else if (throwAtEnd) {
        assertThat(thrown).as(context).isSameAs(planned);
      } else {
        assertThat(thrown).as(context).isNull();
        Map<String, Entry> next = new TreeMap<>();
        long version = 0;
        for (Map.Entry<String, String> e : after.entrySet()) {
          if (written.containsKey(e.getKey())) {
            version = version != 0 ? version : get(e.getKey()).orElseThrow().version();
            next.put(e.getKey(), new Entry(e.getKey(), e.getValue(), version));
          } else {
            next.put(e.getKey(), model.get(e.getKey()));
          }
        }
        if (version != 0) {
          assertThat(version).as(context).isGreaterThan(lastVersion);
          lastVersion = version;
        }
        model = next;
      }
      assertThat(list("m/")).as(context).containsExactlyElementsOf(model.values());
    }
  }

  private enum ExpectKind {
    ANY,
    ABSENT,
    /** The version the transaction reads, or an impossible one for a missing key. */
    CURRENT,
    /** A random version, which may happen to be right. */
    WRONG
  }

  private record Op(String key, String value, ExpectKind kind, long guess) {}

  private static Object deleteAndReturn(Transaction tx, String key, Expect expect) {
    tx.delete(key, expect);
    return null;
  }
}
