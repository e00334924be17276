package dev.junction.core.controller;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.NotFoundException;
import dev.junction.core.id.EndpointId;
import dev.junction.core.id.NetworkId;
import dev.junction.core.id.ObjectId;
import dev.junction.core.id.SandboxId;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.ModelJson;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import dev.junction.core.store.Entry;
import dev.junction.core.store.Expect;
import dev.junction.core.store.Store;
import dev.junction.core.store.Transaction;
import dev.junction.core.store.VersionConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The stored objects, and an in-memory index of them kept in step with the store: every change is
 * one store transaction, applied to the index only once it has committed — except the completions
 * of operations ({@link #commitLater}), which the index shows at once and the next transaction
 * carries to the store. The store is the truth; the index spares reads. Counts (endpoints of a
 * network) are derived from it, never stored.
 *
 * <p>Keys: {@code network/<id>}, {@code endpoint/<network id>/<endpoint id>}, {@code sandbox/<id>}.
 * Each value is the record as JSON; each write expects the version last seen, so a second writer to
 * the same store would be caught rather than overwritten.
 */
final class Registry {

  private record Versioned<T>(T value, long version) {}

  private final Store store;
  private final long lateWriteDelayNanos;
  private final Map<NetworkId, Versioned<Network>> networks = new ConcurrentHashMap<>();
  private final Map<SandboxId, Versioned<Sandbox>> sandboxes = new ConcurrentHashMap<>();
  private final Map<EndpointId, Versioned<Endpoint>> endpoints = new ConcurrentHashMap<>();
  // Secondary indexes, so that no request scans every object: a connect among 10,000 endpoints
  // spent most of its time filtering them for its sandbox's few. An endpoint's network and sandbox
  // never change; names are unique (creation refuses a taken one).
  private final Map<NetworkId, Map<EndpointId, Endpoint>> endpointsByNetwork =
      new ConcurrentHashMap<>();
  private final Map<SandboxId, Map<EndpointId, Endpoint>> endpointsBySandbox =
      new ConcurrentHashMap<>();
  private final Map<String, NetworkId> networkNames = new ConcurrentHashMap<>();
  private final Map<String, SandboxId> sandboxNames = new ConcurrentHashMap<>();

  /**
   * How long a late write waits for a commit to carry it before it is committed on its own: long
   * enough that back-to-back operations carry each other's, short enough to keep a restart's work
   * small.
   */
  static final Duration LATE_WRITE_DELAY = Duration.ofMillis(50);

  /** Orders commits: late writes are taken into the next commit under it. */
  private final ReentrantLock writing = new ReentrantLock();

  private final Condition lateWrites = writing.newCondition();

  /** Writes applied to the index and waiting for the store, by key, oldest first. */
  private final Map<String, Write> deferred = new LinkedHashMap<>(); // guarded by writing

  private long oldestLateWrite; // guarded by writing: when the oldest of `deferred` was made
  private Thread flusher; // guarded by writing; started with the first late write
  private boolean flusherIdle; // guarded by writing: the flusher waits for a late write
  private boolean closed; // guarded by writing

  Registry(Store store) {
    this(store, LATE_WRITE_DELAY);
  }

  /** A registry whose late writes wait {@code lateWriteDelay} for a commit to carry them. */
  Registry(Store store, Duration lateWriteDelay) {
    this.store = store;
    this.lateWriteDelayNanos = lateWriteDelay.toNanos();
  }

  static String key(Network network) {
    return "network/" + network.id();
  }

  static String key(Sandbox sandbox) {
    return "sandbox/" + sandbox.id();
  }

  static String key(Endpoint endpoint) {
    return "endpoint/" + endpoint.network() + "/" + endpoint.id();
  }

  /** Reads every object from the store into the index. */
  void load() {
    List<Entry> stored =
        store.read(
            tx -> {
              List<Entry> all = new ArrayList<>(tx.list("network/"));
              all.addAll(tx.list("sandbox/"));
              all.addAll(tx.list("endpoint/"));
              return all;
            });
    // Reading the JSON is most of a start over thousands of objects: on every core.
    stored.parallelStream().forEach(this::index);
  }

  private void index(Entry entry) {
    if (entry.key().startsWith("network/")) {
      putNetwork(ModelJson.read(entry.value(), Network.class), entry.version());
    } else if (entry.key().startsWith("sandbox/")) {
      putSandbox(ModelJson.read(entry.value(), Sandbox.class), entry.version());
    } else {
      putEndpoint(ModelJson.read(entry.value(), Endpoint.class), entry.version());
    }
  }

  private void putNetwork(Network network, long version) {
    Versioned<Network> old = networks.put(network.id(), new Versioned<>(network, version));
    if (old != null && !old.value().name().equals(network.name())) {
      networkNames.remove(old.value().name(), network.id());
    }
    networkNames.put(network.name(), network.id());
  }

  private void removeNetwork(Network network) {
    networks.remove(network.id());
    networkNames.remove(network.name(), network.id());
    endpointsByNetwork.remove(network.id());
  }

  private void putSandbox(Sandbox sandbox, long version) {
    Versioned<Sandbox> old = sandboxes.put(sandbox.id(), new Versioned<>(sandbox, version));
    if (old != null && !old.value().name().equals(sandbox.name())) {
      sandboxNames.remove(old.value().name(), sandbox.id());
    }
    sandboxNames.put(sandbox.name(), sandbox.id());
  }

  private void removeSandbox(Sandbox sandbox) {
    sandboxes.remove(sandbox.id());
    sandboxNames.remove(sandbox.name(), sandbox.id());
    endpointsBySandbox.remove(sandbox.id());
  }

  private void putEndpoint(Endpoint endpoint, long version) {
    endpoints.put(endpoint.id(), new Versioned<>(endpoint, version));
    endpointsByNetwork
        .computeIfAbsent(endpoint.network(), id -> new ConcurrentHashMap<>())
        .put(endpoint.id(), endpoint);
    endpointsBySandbox
        .computeIfAbsent(endpoint.sandbox(), id -> new ConcurrentHashMap<>())
        .put(endpoint.id(), endpoint);
  }

  private void removeEndpoint(Endpoint endpoint) {
    endpoints.remove(endpoint.id());
    Map<EndpointId, Endpoint> ofNetwork = endpointsByNetwork.get(endpoint.network());
    if (ofNetwork != null) {
      ofNetwork.remove(endpoint.id());
    }
    Map<EndpointId, Endpoint> ofSandbox = endpointsBySandbox.get(endpoint.sandbox());
    if (ofSandbox != null) {
      ofSandbox.remove(endpoint.id());
    }
  }

  // ---- changes

  /**
   * One write of a change: its statement for the store, and what it does to the index once the
   * store has it, given the version the key then has there.
   */
  private record Write(
      String key, Expect expect, Consumer<Transaction> store, LongConsumer index) {}

  /** The writes of one change, applied to the store in one transaction. */
  final class Batch {
    private final List<Write> writes = new ArrayList<>();

    void put(Network network) {
      putRecord(
          key(network),
          networks.get(network.id()),
          () -> ModelJson.write(network),
          version -> putNetwork(network, version));
    }

    void delete(Network network) {
      deleteRecord(key(network), networks.get(network.id()), () -> removeNetwork(network));
    }

    void put(Sandbox sandbox) {
      putRecord(
          key(sandbox),
          sandboxes.get(sandbox.id()),
          () -> ModelJson.write(sandbox),
          version -> putSandbox(sandbox, version));
    }

    void delete(Sandbox sandbox) {
      deleteRecord(key(sandbox), sandboxes.get(sandbox.id()), () -> removeSandbox(sandbox));
    }

    void put(Endpoint endpoint) {
      putRecord(
          key(endpoint),
          endpoints.get(endpoint.id()),
          () -> ModelJson.write(endpoint),
          version -> putEndpoint(endpoint, version));
    }

    void delete(Endpoint endpoint) {
      deleteRecord(key(endpoint), endpoints.get(endpoint.id()), () -> removeEndpoint(endpoint));
    }

    /** Writes {@code json} expecting the version last seen; the JSON is made inside the commit. */
    private void putRecord(
        String key, Versioned<?> current, Supplier<String> json, LongConsumer index) {
      Expect expect = expectation(current);
      writes.add(new Write(key, expect, tx -> tx.put(key, json.get(), expect), index));
    }

    private void deleteRecord(String key, Versioned<?> current, Runnable remove) {
      Expect expect = expectation(current);
      writes.add(new Write(key, expect, tx -> tx.delete(key, expect), version -> remove.run()));
    }
  }

  private static Expect expectation(Versioned<?> current) {
    return current == null ? Expect.ABSENT : Expect.version(current.version());
  }

  /**
   * Runs the writes {@code changes} records in one transaction, then updates the index. The writes
   * {@link #commitLater} keeps go into the same transaction, first; those of a key that {@code
   * changes} writes again are dropped, as the later state replaces them.
   */
  void commit(Consumer<Batch> changes) {
    writing.lock();
    try {
      Batch batch = new Batch();
      changes.accept(batch);
      commitLocked(batch.writes);
    } finally {
      writing.unlock();
    }
  }

  private void commitLocked(List<Write> writes) {
    while (true) {
      Map<String, Write> carried = new LinkedHashMap<>(deferred);
      for (Write write : writes) {
        carried.remove(write.key());
      }
      List<Write> all = new ArrayList<>(carried.values());
      all.addAll(writes);
      if (all.isEmpty()) {
        return;
      }
      Map<String, Long> versions;
      try {
        versions =
            store.transaction(
                tx -> {
                  Map<String, Long> written = new HashMap<>();
                  for (Write write : all) {
                    write.store().accept(new RecordingTransaction(tx, written));
                  }
                  return written;
                });
      } catch (VersionConflictException e) {
        if (carried.containsKey(e.key())) {
          // Another writer changed the key since: not this change's fault, and not to be retried
          // by every later one. The index keeps the value; its next write meets the conflict.
          deferred.remove(e.key());
          continue;
        }
        throw e;
      }
      deferred.clear();
      for (Write write : all) {
        write.index().accept(versions.getOrDefault(write.key(), 0L));
      }
      return;
    }
  }

  /**
   * Applies the writes {@code changes} records to the index now, and to the store with the next
   * commit, or within {@link #LATE_WRITE_DELAY} when none comes. For the completion of an operation
   * whose intent the store holds, so that each operation costs one commit: a crash before the write
   * leaves the intent, which the next start finishes (a completed connect is found whole in the
   * kernel and kept; a deletion is finished). Only keys the store already holds: their version in
   * the index stays the store's until the write is made.
   */
  void commitLater(Consumer<Batch> changes) {
    writing.lock();
    try {
      Batch batch = new Batch();
      changes.accept(batch);
      for (Write write : batch.writes) {
        if (!(write.expect() instanceof Expect.Version)) {
          throw new IllegalArgumentException(
              "a late write is for a stored key: " + write.key() + " is not");
        }
      }
      if (deferred.isEmpty()) {
        oldestLateWrite = System.nanoTime();
      }
      for (Write write : batch.writes) {
        deferred.put(write.key(), write); // an earlier late write of the key expects the same
        write.index().accept(((Expect.Version) write.expect()).version());
      }
      if (!batch.writes.isEmpty()) {
        if (flusher == null && !closed) {
          flusher = Thread.ofPlatform().daemon().name("store-late-writes").start(this::flushLoop);
        }
        // Woken only from an untimed wait: a timed one ends by itself, and waking the thread at
        // every operation took a core from the operations (a connect 0.4 ms slower).
        if (flusherIdle) {
          lateWrites.signal();
        }
      }
    } finally {
      writing.unlock();
    }
  }

  /** Writes what {@link #commitLater} keeps to the store now. */
  void flush() {
    writing.lock();
    try {
      commitLocked(List.of());
    } finally {
      writing.unlock();
    }
  }

  /** Writes late writes to the store when no commit has carried them for a while. */
  private void flushLoop() {
    writing.lock();
    try {
      boolean failed = false;
      while (!closed) {
        if (deferred.isEmpty() || failed) {
          failed = false;
          flusherIdle = true;
          try {
            lateWrites.awaitUninterruptibly(); // until the next late write
          } finally {
            flusherIdle = false;
          }
          continue;
        }
        long wait = oldestLateWrite + lateWriteDelayNanos - System.nanoTime();
        if (wait > 0) {
          lateWrites.awaitNanos(wait);
          continue;
        }
        try {
          commitLocked(List.of());
        } catch (RuntimeException e) {
          // Kept for the next commit, which fails with the same cause if it persists; a crash
          // meanwhile leaves intents that the next start finishes.
          failed = true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writing.unlock();
    }
  }

  /** Writes what is kept for later and stops the thread that would have. */
  void close() {
    Thread stopping;
    writing.lock();
    try {
      closed = true;
      lateWrites.signal();
      stopping = flusher;
    } finally {
      writing.unlock();
    }
    if (stopping != null) {
      try {
        stopping.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  /** Remembers the version each put gives its key, for the index. */
  private record RecordingTransaction(Transaction delegate, Map<String, Long> versions)
      implements Transaction {
    @Override
    public Optional<Entry> get(String key) {
      return delegate.get(key);
    }

    @Override
    public List<Entry> list(String prefix) {
      return delegate.list(prefix);
    }

    @Override
    public long put(String key, String value, Expect expect) {
      long version = delegate.put(key, value, expect);
      versions.put(key, version);
      return version;
    }

    @Override
    public void delete(String key, Expect expect) {
      delegate.delete(key, expect);
    }
  }

  // ---- queries

  Optional<Network> network(NetworkId id) {
    return Optional.ofNullable(networks.get(id)).map(Versioned::value);
  }

  Optional<Sandbox> sandbox(SandboxId id) {
    return Optional.ofNullable(sandboxes.get(id)).map(Versioned::value);
  }

  Optional<Endpoint> endpoint(EndpointId id) {
    return Optional.ofNullable(endpoints.get(id)).map(Versioned::value);
  }

  List<Network> networks() {
    return networks.values().stream()
        .map(Versioned::value)
        .sorted(Comparator.comparing(Network::created).thenComparing(Network::name))
        .toList();
  }

  List<Sandbox> sandboxes() {
    return sandboxes.values().stream()
        .map(Versioned::value)
        .sorted(Comparator.comparing(Sandbox::created).thenComparing(Sandbox::name))
        .toList();
  }

  List<Endpoint> endpoints() {
    return endpoints.values().stream().map(Versioned::value).toList();
  }

  List<Endpoint> endpointsOf(NetworkId network) {
    Map<EndpointId, Endpoint> of = endpointsByNetwork.getOrDefault(network, Map.of());
    return of.values().stream().sorted(Comparator.comparing(Endpoint::name)).toList();
  }

  List<Endpoint> endpointsOf(SandboxId sandbox) {
    Map<EndpointId, Endpoint> of = endpointsBySandbox.getOrDefault(sandbox, Map.of());
    return of.values().stream().sorted(Comparator.comparingInt(Endpoint::ifIndex)).toList();
  }

  Optional<Network> networkNamed(String name) {
    return Optional.ofNullable(networkNames.get(name)).flatMap(this::network);
  }

  Optional<Sandbox> sandboxNamed(String name) {
    return Optional.ofNullable(sandboxNames.get(name)).flatMap(this::sandbox);
  }

  /** A network by full ID, name, or unique ID prefix (Docker's order). */
  Network resolveNetwork(String reference) {
    if (reference != null) {
      // The usual references, by index; a prefix (or nothing found) goes the long way.
      Optional<Network> direct =
          isFullId(reference) ? network(new NetworkId(reference)) : Optional.empty();
      if (direct.isEmpty()) {
        direct = networkNamed(reference);
      }
      if (direct.isPresent()) {
        return direct.get();
      }
    }
    return resolve("network", reference, networks(), n -> n.id(), Network::name);
  }

  /** A sandbox by full ID, name, or unique ID prefix. */
  Sandbox resolveSandbox(String reference) {
    if (reference != null) {
      // The usual references, by index; a prefix (or nothing found) goes the long way.
      Optional<Sandbox> direct =
          isFullId(reference) ? sandbox(new SandboxId(reference)) : Optional.empty();
      if (direct.isEmpty()) {
        direct = sandboxNamed(reference);
      }
      if (direct.isPresent()) {
        return direct.get();
      }
    }
    return resolve("sandbox", reference, sandboxes(), s -> s.id(), Sandbox::name);
  }

  private static boolean isFullId(String reference) {
    return reference.length() == ObjectId.LENGTH && ObjectId.isPrefix(reference);
  }

  private static <T> T resolve(
      String kind,
      String reference,
      List<T> all,
      Function<T, ObjectId> id,
      Function<T, String> name) {
    if (reference == null || reference.isEmpty()) {
      throw new InvalidParameterException(kind + " name or ID is empty");
    }
    for (T candidate : all) {
      if (id.apply(candidate).value().equals(reference)) {
        return candidate;
      }
    }
    for (T candidate : all) {
      if (name.apply(candidate).equals(reference)) {
        return candidate;
      }
    }
    if (ObjectId.isPrefix(reference)) {
      List<T> matches =
          all.stream().filter(c -> id.apply(c).value().startsWith(reference)).toList();
      if (matches.size() == 1) {
        return matches.getFirst();
      }
      if (matches.size() > 1) {
        throw new InvalidParameterException(
            kind
                + " \""
                + reference
                + "\" is ambiguous: it begins the IDs of "
                + String.join(
                    ", ",
                    matches.stream()
                        .map(m -> name.apply(m) + " (" + id.apply(m).shortId() + ")")
                        .toList())
                + "; give more of the ID or the name");
      }
    }
    throw new NotFoundException(kind + " " + reference + " not found");
  }
}
