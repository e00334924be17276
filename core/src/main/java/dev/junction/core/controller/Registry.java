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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The stored objects, and an in-memory index of them kept in step with the store: every change is
 * one store transaction, applied to the index only once it has committed. The store is the truth;
 * the index spares reads. Counts (endpoints of a network) are derived from it, never stored.
 *
 * <p>Keys: {@code network/<id>}, {@code endpoint/<network id>/<endpoint id>}, {@code sandbox/<id>}.
 * Each value is the record as JSON; each write expects the version last seen, so a second writer to
 * the same store would be caught rather than overwritten.
 */
final class Registry {

  private record Versioned<T>(T value, long version) {}

  private final Store store;
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

  Registry(Store store) {
    this.store = store;
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

  /** The writes of one change, applied to the store in one transaction. */
  final class Batch {
    private final List<Consumer<Transaction>> writes = new ArrayList<>();
    private final List<Function<Map<String, Long>, Runnable>> applies = new ArrayList<>();

    void put(Network network) {
      String key = key(network);
      Expect expect = expectation(networks.get(network.id()));
      writes.add(tx -> tx.put(key, ModelJson.write(network), expect));
      applies.add(versions -> () -> putNetwork(network, versions.get(key)));
    }

    void delete(Network network) {
      String key = key(network);
      Expect expect = expectation(networks.get(network.id()));
      writes.add(tx -> tx.delete(key, expect));
      applies.add(versions -> () -> removeNetwork(network));
    }

    void put(Sandbox sandbox) {
      String key = key(sandbox);
      Expect expect = expectation(sandboxes.get(sandbox.id()));
      writes.add(tx -> tx.put(key, ModelJson.write(sandbox), expect));
      applies.add(versions -> () -> putSandbox(sandbox, versions.get(key)));
    }

    void delete(Sandbox sandbox) {
      String key = key(sandbox);
      Expect expect = expectation(sandboxes.get(sandbox.id()));
      writes.add(tx -> tx.delete(key, expect));
      applies.add(versions -> () -> removeSandbox(sandbox));
    }

    void put(Endpoint endpoint) {
      String key = key(endpoint);
      Expect expect = expectation(endpoints.get(endpoint.id()));
      writes.add(tx -> tx.put(key, ModelJson.write(endpoint), expect));
      applies.add(versions -> () -> putEndpoint(endpoint, versions.get(key)));
    }

    void delete(Endpoint endpoint) {
      String key = key(endpoint);
      Expect expect = expectation(endpoints.get(endpoint.id()));
      writes.add(tx -> tx.delete(key, expect));
      applies.add(versions -> () -> removeEndpoint(endpoint));
    }
  }

  private static Expect expectation(Versioned<?> current) {
    return current == null ? Expect.ABSENT : Expect.version(current.version());
  }

  /** Runs the writes {@code changes} records in one transaction, then updates the index. */
  void commit(Consumer<Batch> changes) {
    Batch batch = new Batch();
    changes.accept(batch);
    Map<String, Long> versions =
        store.transaction(
            tx -> {
              Map<String, Long> written = new HashMap<>();
              for (Consumer<Transaction> write : batch.writes) {
                write.accept(new RecordingTransaction(tx, written));
              }
              return written;
            });
    for (Function<Map<String, Long>, Runnable> apply : batch.applies) {
      apply.apply(versions).run();
    }
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
