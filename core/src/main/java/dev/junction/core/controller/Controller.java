package dev.junction.core.controller;

import dev.junction.core.driver.EndpointContext;
import dev.junction.core.driver.JoinInfo;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.driver.LinkReaper;
import dev.junction.core.driver.NetworkContext;
import dev.junction.core.driver.NetworkDriver;
import dev.junction.core.driver.bridge.BridgeDriver;
import dev.junction.core.driver.bridge.BridgeOptions;
import dev.junction.core.driver.host.HostDriver;
import dev.junction.core.driver.none.NullDriver;
import dev.junction.core.error.ConflictException;
import dev.junction.core.error.ForbiddenException;
import dev.junction.core.error.InternalException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.JunctionException;
import dev.junction.core.error.NotFoundException;
import dev.junction.core.event.CoreEvent;
import dev.junction.core.id.EndpointId;
import dev.junction.core.id.NetworkId;
import dev.junction.core.id.SandboxId;
import dev.junction.core.ipam.AddressSpace;
import dev.junction.core.ipam.Subnet;
import dev.junction.core.ipam.SubnetOptions;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.ExtraHost;
import dev.junction.core.model.Lifecycle;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import dev.junction.core.model.SubnetConfig;
import dev.junction.core.sandbox.GatewayElection;
import dev.junction.core.sandbox.HostResolvConf;
import dev.junction.core.sandbox.HostsFile;
import dev.junction.core.sandbox.JoinedEndpoint;
import dev.junction.core.sandbox.ResolvConf;
import dev.junction.core.sandbox.SandboxFiles;
import dev.junction.core.store.Store;
import dev.junction.core.undo.Undo;
import dev.junction.kernel.Errno;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Container Network Model on one host: networks, sandboxes, and the endpoints that connect
 * them, over a {@link Kernel} and a {@link Store}. Thread-safe: operations on one network or one
 * sandbox are serialised, connects of different sandboxes run in parallel.
 *
 * <p>Every operation validates all its input before its first side effect, persists its intent (an
 * object {@link Lifecycle#CREATING} or {@link Lifecycle#DELETING}) before kernel work and its
 * completion after (a connect's or disconnect's with the next commit, see {@link
 * Registry#commitLater}), and undoes every completed step when a later one fails: it either happens
 * whole or leaves store, IPAM and kernel as they were.
 */
public final class Controller implements AutoCloseable {

  /** Docker's rule for network and container names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  /** How many sandboxes a restore checks at once. */
  private static final int CHECKS_AT_ONCE = 8;

  private static final String SERIAL_OPTION = "com.docker.network.ipam.serial";

  private final ControllerConfig config;
  private final Kernel kernel;
  private final Registry registry;
  private final AddressSpace ipam;
  private final LinkReaper reaper;
  private final Map<String, NetworkDriver> drivers = new LinkedHashMap<>();
  private final SandboxFiles files;
  private final HostResolvConf hostResolvConf;
  private final NetStack host;
  private volatile SandboxWatch watch; // null until watchSandboxes()

  private final ReentrantLock names = new ReentrantLock();
  private final Map<NetworkId, ReentrantReadWriteLock> networkLocks = new ConcurrentHashMap<>();
  private final Map<SandboxId, ReentrantLock> sandboxLocks = new ConcurrentHashMap<>();

  /**
   * Endpoints per network, including connects in flight: the bridge port limit is checked on it.
   */
  private final Map<NetworkId, AtomicInteger> endpointCounts = new ConcurrentHashMap<>();

  /** The subnets IPAM holds for each network. */
  private final Map<NetworkId, List<Subnet>> subnets = new ConcurrentHashMap<>();

  private Controller(ControllerConfig config, Kernel kernel, Store store, Duration lateWriteDelay) {
    this.config = config;
    this.kernel = kernel;
    this.registry = new Registry(store, lateWriteDelay);
    this.ipam = new AddressSpace(config.defaultPools());
    this.reaper = new LinkReaper(e -> {});
    this.files = new SandboxFiles(config.dataRoot(), config.etcNetns());
    this.hostResolvConf = new HostResolvConf(config.hostResolvConf());
    this.host = kernel.stack(config.hostNetNs());
    for (NetworkDriver driver :
        List.of(new BridgeDriver(reaper), new HostDriver(), new NullDriver())) {
      drivers.put(driver.name(), driver);
    }
  }

  /**
   * Starts a controller: loads what the store holds, reserves its addresses again, and makes the
   * predefined networks {@code bridge}, {@code host} and {@code none} if they are missing.
   */
  public static Controller start(ControllerConfig config, Kernel kernel, Store store) {
    return start(config, kernel, store, Registry.LATE_WRITE_DELAY);
  }

  /**
   * A controller whose completions wait {@code lateWriteDelay} for a commit to carry them to the
   * store (see {@link Registry#commitLater}): for tests that look at the store between operations.
   */
  static Controller start(
      ControllerConfig config, Kernel kernel, Store store, Duration lateWriteDelay) {
    Controller controller = new Controller(config, kernel, store, lateWriteDelay);
    try {
      controller.registry.load();
      controller.reserveStoredAddresses();
      controller.restore();
      controller.ensurePredefined();
    } catch (RuntimeException e) {
      controller.close(); // what restore did stays done; the next start goes on from there
      throw e;
    }
    return controller;
  }

  /**
   * Brings store and kernel together after a stop or a crash. A connect whose endpoint the kernel
   * holds whole is finished (its completion may not have reached the store although the caller had
   * its answer). Other operations a crash interrupted (a record still {@code creating} or {@code
   * deleting}) are finished the one way that needs nothing the crash lost: their objects are
   * removed. Sandboxes whose namespace went while the daemon was down are removed with their
   * endpoints. Networks whose bridge drifted are repaired. Links of Junction's group that no record
   * owns, and links a stop left waiting for deletion, are deleted. What matches is not touched:
   * traffic of running sandboxes goes on through a restart.
   */
  private void restore() {
    attempt(() -> reaper.schedule(host)); // links taken out of use before the stop or crash
    Set<NetNs> named = Set.copyOf(kernel.listNetNs());
    Map<SandboxId, List<Endpoint>> stored = endpointsBySandbox();
    for (Sandbox sandbox : registry.sandboxes()) {
      for (Endpoint endpoint : stored.getOrDefault(sandbox.id(), List.of())) {
        if (endpoint.lifecycle() == Lifecycle.ACTIVE) {
          continue;
        }
        Optional<Network> network = registry.network(endpoint.network());
        if (network.isPresent()) {
          attempt(
              () -> {
                if (!finishConnect(sandbox, network.get(), endpoint, named)) {
                  disconnectLocked(sandbox, network.get(), endpoint, true);
                }
              });
        }
      }
      if (namespaceGone(sandbox, named) || sandbox.lifecycle() != Lifecycle.ACTIVE) {
        // forced: whatever of it is left in the kernel
        attempt(() -> deleteSandbox(sandbox.id().value()));
      }
    }
    for (Network network : registry.networks()) {
      if (network.lifecycle() != Lifecycle.ACTIVE) {
        attempt(
            () -> {
              deleteNetworkLocked(network);
              emit(new CoreEvent.NetworkDestroyed(network, now()));
            });
        continue;
      }
      NetworkDriver driver = driver(network);
      attempt(
          () -> {
            if (!driver.checkNetwork(context(network)).isEmpty()) {
              driver.repairNetwork(context(network), registry.endpointsOf(network.id()));
            }
          });
    }
    // Checking is a few kernel requests in each sandbox's namespace, and most match: checked
    // side by side, repaired one by one.
    Map<SandboxId, List<Endpoint>> bySandbox = endpointsBySandbox();
    Map<String, Link> hostLinks = hostLinksByName();
    for (Sandbox sandbox :
        whereDrifted(
            registry.sandboxes(),
            s -> drifted(s, bySandbox.getOrDefault(s.id(), List.of()), hostLinks))) {
      attempt(() -> repairEndpoints(sandbox));
    }
    Set<String> owned = new HashSet<>();
    for (Network network : registry.networks()) {
      owned.addAll(driver(network).hostLinks(network, registry.endpointsOf(network.id())));
    }
    for (Link link : host.listLinks()) {
      if (link.group() == LinkGroups.LIVE && !owned.contains(link.name())) {
        attempt(() -> host.setGroup(link.name(), LinkGroups.PENDING_DELETION));
      } else if (link.group() == LinkGroups.PENDING_SLOW_DELETION) {
        reaper.scheduleSlow(host, link.name()); // bridges a stop or crash left waiting
      }
    }
    attempt(() -> reaper.schedule(host));
  }

  /**
   * Finishes a connect that the kernel holds whole: one that a crash interrupted after its kernel
   * work, or after it answered (its completion waits for the next commit, see {@link
   * Registry#commitLater}). The sandbox's default routes and files are set as the connect would
   * have set them, then the endpoint is stored active. Whether it is to be finished; if not, the
   * connect is undone instead. A failure on the way leaves the record as it was, for the next
   * start.
   */
  private boolean finishConnect(
      Sandbox sandbox, Network network, Endpoint endpoint, Set<NetNs> named) {
    if (endpoint.lifecycle() != Lifecycle.CREATING
        || sandbox.lifecycle() != Lifecycle.ACTIVE
        || network.lifecycle() != Lifecycle.ACTIVE
        || namespaceGone(sandbox, named)) {
      return false;
    }
    NetworkDriver driver = driver(network);
    NetStack inside = stackOf(sandbox);
    EndpointContext endpointContext = new EndpointContext(endpoint, inside);
    try {
      if (!driver.checkEndpoint(context(network), endpointContext).isEmpty()) {
        return false;
      }
    } catch (KernelException e) {
      return false; // what cannot be checked is undone, which needs nothing of it
    }
    JoinInfo join = driver.join(context(network), endpointContext);
    Endpoint active =
        endpoint.withGateways(join.gatewayV4(), join.gatewayV6()).withLifecycle(Lifecycle.ACTIVE);
    List<JoinedEndpoint> before = joined(sandbox, null);
    List<JoinedEndpoint> after = new ArrayList<>(before);
    after.add(new JoinedEndpoint(active, network));
    Optional<JoinedEndpoint> old = GatewayElection.elect(before);
    Optional<JoinedEndpoint> elected = GatewayElection.elect(after);
    // Whether the crash came before the connect moved the gateway or after: the same routes.
    setDefaultRoutes(inside, old, elected);
    if (!old.map(j -> j.endpoint().id()).equals(elected.map(j -> j.endpoint().id()))) {
      old.ifPresent(o -> revoke(sandbox, o));
      elected.ifPresent(e -> program(sandbox, e));
    }
    writeFiles(sandbox, GatewayElection.order(after));
    registry.commit(batch -> batch.put(active));
    return true;
  }

  /**
   * The host's links by name, in one listing (in the kernel's order): for checking many endpoints.
   */
  private Map<String, Link> hostLinksByName() {
    Map<String, Link> byName = new LinkedHashMap<>();
    for (Link link : host.listLinks()) {
      byName.put(link.name(), link);
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * Every endpoint by its sandbox: one pass, where asking sandbox by sandbox is one per sandbox.
   */
  private Map<SandboxId, List<Endpoint>> endpointsBySandbox() {
    Map<SandboxId, List<Endpoint>> bySandbox = new HashMap<>();
    for (Endpoint endpoint : registry.endpoints()) {
      bySandbox.computeIfAbsent(endpoint.sandbox(), k -> new ArrayList<>()).add(endpoint);
    }
    return bySandbox;
  }

  /** Whether an endpoint of {@code sandbox} differs from its record, or cannot be checked. */
  private boolean drifted(Sandbox sandbox, List<Endpoint> endpoints, Map<String, Link> hostLinks) {
    try {
      for (Endpoint endpoint : endpoints) {
        Optional<Network> network = registry.network(endpoint.network());
        if (network.isPresent()
            && !driver(network.get())
                .checkEndpoint(
                    context(network.get()).withHostLinks(hostLinks),
                    new EndpointContext(endpoint, lookInto(sandbox)))
                .isEmpty()) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return true; // the repair tries, and fails or not on its own
    }
  }

  /**
   * The sandboxes for which {@code test} holds, tested side by side on virtual threads, a bounded
   * number at a time: each test waits on the kernel in the sandbox's own namespace.
   */
  private static List<Sandbox> whereDrifted(List<Sandbox> sandboxes, Predicate<Sandbox> test) {
    Semaphore width = new Semaphore(CHECKS_AT_ONCE);
    List<FutureTask<Boolean>> tasks = new ArrayList<>();
    for (Sandbox sandbox : sandboxes) {
      FutureTask<Boolean> task =
          new FutureTask<>(
              () -> {
                width.acquireUninterruptibly();
                try {
                  return test.test(sandbox);
                } finally {
                  width.release();
                }
              });
      tasks.add(task);
      Thread.ofVirtual().name("restore-check").start(task);
    }
    List<Sandbox> drifted = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      boolean interrupted = false;
      while (true) {
        try {
          if (tasks.get(i).get()) {
            drifted.add(sandboxes.get(i));
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          drifted.add(sandboxes.get(i));
          break;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return drifted;
  }

  private void repairEndpoints(Sandbox sandbox) {
    boolean repaired = false;
    for (Endpoint endpoint : registry.endpointsOf(sandbox.id())) {
      Optional<Network> network = registry.network(endpoint.network());
      if (network.isEmpty()) {
        continue;
      }
      NetworkDriver driver = driver(network.get());
      EndpointContext endpointContext = new EndpointContext(endpoint, stackOf(sandbox));
      if (!driver.checkEndpoint(context(network.get()), endpointContext).isEmpty()) {
        driver.repairEndpoint(context(network.get()), endpointContext);
        repaired = true;
      }
    }
    if (repaired) {
      // A link made again, or an address put back, lost the routes through it.
      Optional<JoinedEndpoint> elected = GatewayElection.elect(joined(sandbox, null));
      setDefaultRoutes(stackOf(sandbox), Optional.empty(), elected);
    }
  }

  /**
   * One step of a restore. A step that fails leaves its object as it was, and the start goes on: a
   * daemon that refused to start over one object would leave every other unserved. What is left
   * shows in {@link #check}, and the next start tries again.
   */
  private static void attempt(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      // left for check() to report and the next start to finish
    }
  }

  /** Replays the stored subnets, gateways, aux and endpoint addresses into IPAM. */
  private void reserveStoredAddresses() {
    for (Network network : registry.networks()) {
      List<Subnet> reserved = new ArrayList<>();
      for (SubnetConfig subnet : network.subnets()) {
        reserved.add(
            ipam.reserveSubnet(network.name(), subnet.subnet(), optionsOf(network, subnet)));
      }
      subnets.put(network.id(), reserved);
      endpointCounts.put(
          network.id(), new AtomicInteger(registry.endpointsOf(network.id()).size()));
    }
    for (Endpoint endpoint : registry.endpoints()) {
      Network network = registry.network(endpoint.network()).orElseThrow();
      for (InterfaceAddress address : addressesOf(endpoint)) {
        subnetFor(network, address.address()).allocate(address.address(), endpoint.name());
      }
    }
  }

  private static SubnetOptions optionsOf(Network network, SubnetConfig subnet) {
    return new SubnetOptions(
        subnet.ipRange(),
        subnet.gateway(),
        subnet.auxAddresses(),
        Boolean.parseBoolean(network.ipamOptions().getOrDefault(SERIAL_OPTION, "false")),
        subnet.gateway().isEmpty());
  }

  private void ensurePredefined() {
    if (registry.networkNamed("bridge").isEmpty()) {
      createNetwork(
          NetworkRequest.bridge("bridge")
              .withOptions(Map.of(BridgeOptions.BRIDGE_NAME, config.defaultBridgeName())),
          true);
    }
    if (registry.networkNamed("host").isEmpty()) {
      createNetwork(NetworkRequest.bridge("host").withDriver("host"), true);
    }
    if (registry.networkNamed("none").isEmpty()) {
      createNetwork(NetworkRequest.bridge("none").withDriver("null"), true);
    }
  }

  private Instant now() {
    return config.clock().instant();
  }

  private void emit(CoreEvent event) {
    try {
      config.events().accept(event);
    } catch (RuntimeException e) {
      // A listener's failure must not turn a completed change into a reported failure.
    }
  }

  private ReentrantReadWriteLock networkLock(NetworkId id) {
    return networkLocks.computeIfAbsent(id, k -> new ReentrantReadWriteLock());
  }

  private ReentrantLock sandboxLock(SandboxId id) {
    return sandboxLocks.computeIfAbsent(id, k -> new ReentrantLock());
  }

  private NetworkDriver driver(Network network) {
    NetworkDriver driver = drivers.get(network.driver());
    if (driver == null) {
      throw new NotFoundException("network driver \"" + network.driver() + "\" not found");
    }
    return driver;
  }

  private NetworkContext context(Network network) {
    return new NetworkContext(network, host);
  }

  private NetStack stackOf(Sandbox sandbox) {
    return kernel.stack(new NetNs(sandbox.netns()));
  }

  /** The sandbox's stack for reading from outside: no thread of ours enters it for a look. */
  private NetStack lookInto(Sandbox sandbox) {
    return kernel.lookInto(new NetNs(sandbox.netns()));
  }

  private static String requireName(String kind, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidParameterException(
          "invalid "
              + kind
              + " name \""
              + name
              + "\": use 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    return name;
  }

  // ---------------------------------------------------------------------------------------------
  // Networks

  /** {@code docker network create}. */
  public Network createNetwork(NetworkRequest request) {
    return createNetwork(request, false);
  }

  private Network createNetwork(NetworkRequest request, boolean predefined) {
    requireName("network", request.name());
    NetworkDriver driver = drivers.get(request.driver());
    if (driver == null) {
      throw new NotFoundException("network driver \"" + request.driver() + "\" not found");
    }
    if (!predefined && !driver.usesIpam()) {
      throw new ForbiddenException(
          "only one instance of \"" + request.driver() + "\" network is allowed");
    }
    Map<String, String> options = driver.validateOptions(request.name(), request.options());
    validateIpamOptions(request);
    validateSubnets(request, driver);
    // Bridges of deleted networks wait: their deletion would hold up this network's kernel work.
    reaper.networkChanging();
    names.lock();
    try {
      if (registry.networkNamed(request.name()).isPresent()) {
        throw new ConflictException("network with name " + request.name() + " already exists");
      }
      NetworkId id = NetworkId.random();
      try (Undo undo = Undo.begin("create network " + request.name())) {
        List<Subnet> reserved = new ArrayList<>();
        List<SubnetConfig> resolved = new ArrayList<>();
        if (driver.usesIpam()) {
          reserveSubnets(request, reserved, resolved, undo);
        }
        Network network =
            new Network(
                id,
                request.name(),
                driver.name(),
                driver.scope().name().toLowerCase(java.util.Locale.ROOT),
                now(),
                request.labels(),
                options,
                request.internal(),
                request.attachable(),
                request.ipv6(),
                predefined,
                resolved,
                request.ipamOptions(),
                Lifecycle.CREATING);
        driver.validateNetwork(network);
        registry.commit(batch -> batch.put(network));
        undo.push(
            "forget network " + network.name(),
            () -> registry.commit(batch -> batch.delete(network)));
        driver.createNetwork(context(network));
        undo.push(
            "delete network " + network.name() + " from the kernel",
            () -> driver.deleteNetwork(context(network)));
        Network active = network.withLifecycle(Lifecycle.ACTIVE);
        registry.commit(batch -> batch.put(active));
        subnets.put(id, reserved);
        endpointCounts.put(id, new AtomicInteger());
        undo.commit();
        emit(new CoreEvent.NetworkCreated(active, now()));
        return active;
      }
    } finally {
      names.unlock();
    }
  }

  private static void validateIpamOptions(NetworkRequest request) {
    for (Map.Entry<String, String> option : request.ipamOptions().entrySet()) {
      if (!option.getKey().equals(SERIAL_OPTION)) {
        throw new InvalidParameterException(
            "network \"" + request.name() + "\": unknown IPAM option \"" + option.getKey() + "\"");
      }
      if (!option.getValue().equals("true") && !option.getValue().equals("false")) {
        throw new InvalidParameterException(
            "network \""
                + request.name()
                + "\": IPAM option "
                + SERIAL_OPTION
                + " must be true or false, not \""
                + option.getValue()
                + "\"");
      }
    }
  }

  private static void validateSubnets(NetworkRequest request, NetworkDriver driver) {
    if (!driver.usesIpam()) {
      if (!request.subnets().isEmpty()) {
        throw new InvalidParameterException(
            "network \""
                + request.name()
                + "\": the "
                + driver.name()
                + " driver takes no subnets");
      }
      return;
    }
    List<IpPrefix> given = new ArrayList<>();
    for (NetworkRequest.SubnetRequest subnet : request.subnets()) {
      if (subnet.subnet().isEmpty()) {
        if (subnet.ipRange().isPresent()
            || subnet.gateway().isPresent()
            || !subnet.auxAddresses().isEmpty()) {
          throw new InvalidParameterException(
              "network \""
                  + request.name()
                  + "\": an ip-range, gateway or aux-address needs its subnet");
        }
        continue;
      }
      IpPrefix prefix = subnet.subnet().get();
      if (prefix.family() == IpFamily.V6 && !request.ipv6()) {
        throw new InvalidParameterException(
            "network \""
                + request.name()
                + "\": subnet "
                + prefix
                + " is IPv6 but IPv6 is not enabled (--ipv6)");
      }
      for (IpPrefix other : given) {
        if (other.overlaps(prefix)) {
          throw new InvalidParameterException(
              "network \""
                  + request.name()
                  + "\": subnets "
                  + other
                  + " and "
                  + prefix
                  + " overlap");
        }
      }
      given.add(prefix);
    }
    if (request.ipv6() && given.stream().noneMatch(p -> p.family() == IpFamily.V6)) {
      throw new InvalidParameterException(
          "network \""
              + request.name()
              + "\": IPv6 is enabled but no IPv6 subnet is given (--subnet)");
    }
  }

  private void reserveSubnets(
      NetworkRequest request, List<Subnet> reserved, List<SubnetConfig> resolved, Undo undo) {
    boolean serial =
        Boolean.parseBoolean(request.ipamOptions().getOrDefault(SERIAL_OPTION, "false"));
    List<NetworkRequest.SubnetRequest> asked = request.subnets();
    if (asked.stream()
        .noneMatch(s -> s.subnet().isPresent() && s.subnet().get().family() == IpFamily.V4)) {
      // No IPv4 subnet given: one from the default pools, avoiding the host's routes.
      Subnet subnet =
          ipam.allocateSubnet(
              request.name(),
              IpFamily.V4,
              hostRoutes(),
              new SubnetOptions(Optional.empty(), Optional.empty(), Map.of(), serial, false));
      undo.push("release subnet " + subnet.prefix(), () -> ipam.releaseSubnet(subnet));
      reserved.add(subnet);
      resolved.add(
          new SubnetConfig(subnet.prefix(), Optional.empty(), subnet.gateway(), Map.of(), false));
    }
    for (NetworkRequest.SubnetRequest wanted : asked) {
      if (wanted.subnet().isEmpty()) {
        continue;
      }
      SubnetOptions options =
          new SubnetOptions(
              wanted.ipRange(), wanted.gateway(), wanted.auxAddresses(), serial, false);
      Subnet subnet = ipam.reserveSubnet(request.name(), wanted.subnet().get(), options);
      undo.push("release subnet " + subnet.prefix(), () -> ipam.releaseSubnet(subnet));
      reserved.add(subnet);
      resolved.add(
          new SubnetConfig(
              subnet.prefix(), subnet.range(), subnet.gateway(), subnet.auxAddresses(), true));
    }
    resolved.sort(java.util.Comparator.comparing(SubnetConfig::family));
  }

  /** Destinations of the host namespace's routes, which automatic pools must not overlap. */
  private List<IpPrefix> hostRoutes() {
    List<IpPrefix> routes = new ArrayList<>();
    for (Route route : host.listRoutes(IpFamily.V4, Route.MAIN_TABLE)) {
      if (!route.destination().isDefault()) {
        routes.add(route.destination());
      }
    }
    return routes;
  }

  /** {@code docker network inspect}. */
  public NetworkView inspectNetwork(String reference) {
    Network network = registry.resolveNetwork(reference);
    List<NetworkView.Attachment> attachments = new ArrayList<>();
    for (Endpoint endpoint : registry.endpointsOf(network.id())) {
      registry
          .sandbox(endpoint.sandbox())
          .ifPresent(s -> attachments.add(new NetworkView.Attachment(endpoint, s)));
    }
    return new NetworkView(network, attachments);
  }

  /** {@code docker network ls}: every network, oldest first. */
  public List<Network> listNetworks() {
    return registry.networks();
  }

  /** {@code docker network rm}. */
  public void deleteNetwork(String reference) {
    Network network = registry.resolveNetwork(reference);
    if (network.predefined()) {
      throw new ForbiddenException(
          network.name() + " is a pre-defined network and cannot be removed");
    }
    removeVanishedSandboxes(network);
    ReentrantReadWriteLock lock = networkLock(network.id());
    lock.writeLock().lock();
    try {
      Network current =
          registry
              .network(network.id())
              .orElseThrow(() -> new NotFoundException("network " + reference + " not found"));
      deleteNetworkLocked(current);
      emit(new CoreEvent.NetworkDestroyed(current, now()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void deleteNetworkLocked(Network network) {
    List<Endpoint> attached = registry.endpointsOf(network.id());
    if (!attached.isEmpty()) {
      throw new ForbiddenException(
          "network \""
              + network.name()
              + "\" has active endpoints: "
              + String.join(", ", attached.stream().map(Endpoint::name).toList())
              + "; disconnect them first");
    }
    NetworkDriver driver = driver(network);
    Network deleting = network.withLifecycle(Lifecycle.DELETING);
    try (Undo undo = Undo.begin("delete network " + network.name())) {
      registry.commit(batch -> batch.put(deleting));
      undo.push(
          "keep network " + network.name(), () -> registry.commit(batch -> batch.put(network)));
      driver.deleteNetwork(context(deleting));
      undo.commit(); // the point of no return: the bridge is out of use
    }
    // Were this commit to fail, the network stays DELETING and the next start finishes it.
    registry.commit(batch -> batch.delete(deleting));
    for (Subnet subnet : subnets.getOrDefault(network.id(), List.of())) {
      ipam.releaseSubnet(subnet);
    }
    subnets.remove(network.id());
    endpointCounts.remove(network.id());
  }

  /**
   * Removes the sandboxes attached to {@code network} whose namespace is gone, as the watch would:
   * their endpoints no longer exist, and must not keep the network from being deleted (Docker's
   * "has active endpoints" with nothing attached). Done before the network's lock is taken, as a
   * sandbox deletion takes the sandbox's lock first.
   */
  private void removeVanishedSandboxes(Network network) {
    Set<NetNs> named = null; // listed once, and only if there are endpoints
    for (Endpoint endpoint : registry.endpointsOf(network.id())) {
      named = named != null ? named : Set.copyOf(kernel.listNetNs());
      Optional<Sandbox> sandbox = registry.sandbox(endpoint.sandbox());
      if (sandbox.isPresent() && namespaceGone(sandbox.get(), named)) {
        try {
          deleteSandbox(sandbox.get().id().value());
        } catch (NotFoundException e) {
          // deleted meanwhile
        }
      }
    }
  }

  /**
   * Whether the namespace of {@code sandbox} is gone: its file in the netns directory, among {@code
   * named}, for one Junction made; the path it was adopted by ({@code /proc/PID/ns/net} is gone
   * when the process has exited) for the others.
   */
  private static boolean namespaceGone(Sandbox sandbox, Set<NetNs> named) {
    return sandbox.ownsNetns()
        ? !named.contains(new NetNs(sandbox.netns()))
        : !Files.exists(sandbox.netns());
  }

  /**
   * {@code docker network prune}: deletes every network that is not predefined, has no endpoints,
   * and passes {@code filter}; returns them.
   */
  public List<Network> pruneNetworks(Predicate<Network> filter) {
    List<Network> deleted = new ArrayList<>();
    for (Network network : registry.networks()) {
      if (network.predefined() || !filter.test(network)) {
        continue;
      }
      removeVanishedSandboxes(network);
      ReentrantReadWriteLock lock = networkLock(network.id());
      lock.writeLock().lock();
      try {
        Optional<Network> current = registry.network(network.id());
        if (current.isEmpty() || !registry.endpointsOf(network.id()).isEmpty()) {
          continue;
        }
        deleteNetworkLocked(current.get());
        deleted.add(current.get());
      } finally {
        lock.writeLock().unlock();
      }
    }
    emit(new CoreEvent.NetworksPruned(deleted, now()));
    return deleted;
  }

  // ---------------------------------------------------------------------------------------------
  // Sandboxes

  /** Creates a sandbox: a new namespace named after it, or an adopted one; {@code lo} up. */
  public Sandbox createSandbox(SandboxRequest request) {
    requireName("sandbox", request.name());
    request.hostname().ifPresent(h -> ExtraHost.requireHostname("host", h));
    for (String server : request.dns()) {
      try {
        IpAddress.parse(server);
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException(
            "sandbox \""
                + request.name()
                + "\": DNS server \""
                + server
                + "\" is not an IP address");
      }
    }
    for (String domain : request.dnsSearch()) {
      ExtraHost.requireHostname("DNS search domain", domain);
    }
    for (String option : request.dnsOptions()) {
      if (!option.matches("[A-Za-z0-9_-]+(:[0-9]+)?")) {
        throw new InvalidParameterException(
            "sandbox \"" + request.name() + "\": invalid DNS option \"" + option + "\"");
      }
    }
    request
        .netns()
        .ifPresent(
            path -> {
              if (!path.isAbsolute()) {
                throw new InvalidParameterException(
                    "sandbox \""
                        + request.name()
                        + "\": namespace path "
                        + path
                        + " is not absolute");
              }
            });
    names.lock();
    try {
      if (registry.sandboxNamed(request.name()).isPresent()) {
        throw new ConflictException("sandbox with name " + request.name() + " already exists");
      }
      SandboxId id = SandboxId.random();
      try (Undo undo = Undo.begin("create sandbox " + request.name())) {
        // The record goes first, still creating, naming the namespace it is about to make: a
        // crash between making the namespace and recording it would otherwise leave a namespace
        // no record owns. Restore removes a sandbox left creating, with whatever of it exists.
        boolean owned = request.netns().isEmpty();
        Path path;
        if (owned) {
          path = kernel.netNsDirectory().resolve(request.name());
          if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw namespaceExists(request.name());
          }
        } else {
          path = adopt(request.name(), request.netns().get()).path();
        }
        Sandbox sandbox =
            new Sandbox(
                id,
                request.name(),
                request.hostname().orElse(id.shortId()),
                path,
                owned,
                request.dns(),
                request.dnsSearch(),
                request.dnsOptions(),
                request.extraHosts(),
                now(),
                Lifecycle.CREATING);
        registry.commit(batch -> batch.put(sandbox));
        undo.push(
            "forget sandbox " + sandbox.name(),
            () -> registry.commit(batch -> batch.delete(sandbox)));
        if (owned) {
          NetNs ns = createNamespace(request.name());
          undo.push("delete namespace " + ns.name(), () -> kernel.deleteNetNs(ns));
          NetStack inside = kernel.stack(ns);
          inside.setUp("lo", true);
          // Interfaces start without IPv6 here, as those of networks without IPv6 must be (as
          // Docker's): a connect then need not turn it off, which costs a request per interface.
          // Those of IPv6 networks turn it on; lo, made with the namespace, keeps ::1.
          inside.writeSysctl("net/ipv6/conf/default/disable_ipv6", "1");
        }
        writeFiles(sandbox, List.of());
        undo.push(
            "remove files of " + sandbox.name(),
            () -> files.delete(sandbox.id(), etcName(sandbox)));
        Sandbox active = sandbox.withLifecycle(Lifecycle.ACTIVE);
        registry.commit(batch -> batch.put(active));
        undo.commit();
        SandboxWatch watching = watch;
        if (watching != null) {
          watching.watch(active);
        }
        emit(new CoreEvent.SandboxCreated(active, now()));
        return active;
      }
    } finally {
      names.unlock();
    }
  }

  private NetNs adopt(String name, Path path) {
    try {
      return kernel.openNetNs(path);
    } catch (KernelException e) {
      throw new InvalidParameterException(
          "sandbox \""
              + name
              + "\": "
              + path
              + " is not a network namespace ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private NetNs createNamespace(String name) {
    try {
      return kernel.createNetNs(name);
    } catch (KernelException e) {
      if (e.is(Errno.EEXIST)) {
        throw namespaceExists(name);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("sandbox \"" + name + "\": " + e.getMessage(), e);
    }
  }

  private ConflictException namespaceExists(String name) {
    return new ConflictException(
        "a network namespace named "
            + name
            + " already exists in "
            + kernel.netNsDirectory()
            + "; choose another sandbox name");
  }

  /** The name of the sandbox's {@code /etc/netns} directory, when its namespace is one of ours. */
  private Optional<String> etcName(Sandbox sandbox) {
    return sandbox.ownsNetns() && sandbox.netns().getParent().equals(kernel.netNsDirectory())
        ? Optional.of(sandbox.netns().getFileName().toString())
        : Optional.empty();
  }

  private void writeFiles(Sandbox sandbox, List<JoinedEndpoint> ordered) {
    List<IpAddress> own = new ArrayList<>();
    for (JoinedEndpoint joined : ordered) {
      joined.endpoint().ipv4().ifPresent(a -> own.add(a.address()));
      joined.endpoint().ipv6().ifPresent(a -> own.add(a.address()));
    }
    String hosts = HostsFile.render(sandbox.hostname(), sandbox.extraHosts(), own);
    String resolv =
        ResolvConf.forSandbox(
                hostResolvConf.current(), sandbox.dns(), sandbox.dnsSearch(), sandbox.dnsOptions())
            .render();
    files.write(sandbox.id(), etcName(sandbox), sandbox.hostname(), hosts, resolv);
  }

  /** A sandbox with its endpoints in gateway-election order. */
  public SandboxView inspectSandbox(String reference) {
    Sandbox sandbox = registry.resolveSandbox(reference);
    List<JoinedEndpoint> ordered = GatewayElection.order(joined(sandbox, null));
    return new SandboxView(
        sandbox,
        ordered.stream().map(j -> new SandboxView.Attachment(j.endpoint(), j.network())).toList(),
        GatewayElection.elect(ordered).map(JoinedEndpoint::endpoint),
        files.hosts(sandbox.id()),
        files.resolvConf(sandbox.id()));
  }

  public List<Sandbox> listSandboxes() {
    return registry.sandboxes();
  }

  /**
   * Deletes a sandbox: disconnects it from every network, removes its files, and deletes its
   * namespace if Junction created it. A sandbox whose namespace is gone is cleaned up all the same.
   */
  public void deleteSandbox(String reference) {
    Sandbox found = registry.resolveSandbox(reference);
    ReentrantLock lock = sandboxLock(found.id());
    lock.lock();
    try {
      Sandbox sandbox =
          registry
              .sandbox(found.id())
              .orElseThrow(() -> new NotFoundException("sandbox " + reference + " not found"));
      Sandbox deleting = sandbox.withLifecycle(Lifecycle.DELETING);
      registry.commit(batch -> batch.put(deleting));
      for (Endpoint endpoint : registry.endpointsOf(sandbox.id())) {
        Network network = registry.network(endpoint.network()).orElseThrow();
        ReentrantReadWriteLock networkLock = networkLock(network.id());
        networkLock.readLock().lock();
        try {
          disconnectLocked(deleting, network, endpoint, true);
        } finally {
          networkLock.readLock().unlock();
        }
        // As Docker reports a removed container leaving each of its networks.
        emit(new CoreEvent.Disconnected(network, sandbox, endpoint, now()));
      }
      files.delete(sandbox.id(), etcName(sandbox));
      if (sandbox.ownsNetns()) {
        try {
          kernel.deleteNetNs(new NetNs(sandbox.netns()));
        } catch (KernelException e) {
          if (!e.is(Errno.ENOENT)) {
            throw e;
          }
        }
      } else {
        kernel.release(new NetNs(sandbox.netns()));
      }
      registry.commit(batch -> batch.delete(deleting));
      SandboxWatch watching = watch;
      if (watching != null) {
        watching.forget(sandbox);
      }
      emit(new CoreEvent.SandboxDestroyed(sandbox, now()));
    } finally {
      lock.unlock();
    }
    sandboxLocks.remove(found.id());
  }

  // ---------------------------------------------------------------------------------------------
  // Connect and disconnect

  /** {@code docker network connect}: joins the sandbox to the network through a new endpoint. */
  public Endpoint connect(
      String sandboxReference, String networkReference, EndpointRequest request) {
    return underLocks(
        sandboxReference,
        networkReference,
        (sandbox, network) -> {
          Endpoint endpoint = connectLocked(sandbox, network, request);
          emit(new CoreEvent.Connected(network, sandbox, endpoint, now()));
          return endpoint;
        });
  }

  /**
   * Runs {@code work} on a sandbox and a network named by their references, holding the sandbox's
   * lock and the network's read lock, with both read again once locked (either may have gone while
   * this waited).
   */
  private <T> T underLocks(
      String sandboxReference, String networkReference, BiFunction<Sandbox, Network, T> work) {
    Sandbox found = registry.resolveSandbox(sandboxReference);
    Network foundNetwork = registry.resolveNetwork(networkReference);
    ReentrantLock sandboxLock = sandboxLock(found.id());
    sandboxLock.lock();
    try {
      ReentrantReadWriteLock networkLock = networkLock(foundNetwork.id());
      networkLock.readLock().lock();
      try {
        Sandbox sandbox =
            registry
                .sandbox(found.id())
                .orElseThrow(
                    () -> new NotFoundException("sandbox " + sandboxReference + " not found"));
        Network network =
            registry
                .network(foundNetwork.id())
                .orElseThrow(
                    () -> new NotFoundException("network " + networkReference + " not found"));
        return work.apply(sandbox, network);
      } finally {
        networkLock.readLock().unlock();
      }
    } finally {
      sandboxLock.unlock();
    }
  }

  private Endpoint connectLocked(Sandbox sandbox, Network network, EndpointRequest request) {
    if (sandbox.lifecycle() != Lifecycle.ACTIVE) {
      throw new ConflictException(
          "sandbox \""
              + sandbox.name()
              + "\" is being "
              + sandbox.lifecycle().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (network.lifecycle() != Lifecycle.ACTIVE) {
      throw new ConflictException(
          "network \""
              + network.name()
              + "\" is being "
              + network.lifecycle().name().toLowerCase(java.util.Locale.ROOT));
    }
    List<Endpoint> existing = registry.endpointsOf(sandbox.id());
    for (Endpoint other : existing) {
      if (other.network().equals(network.id())) {
        throw new ForbiddenException(
            "endpoint with name "
                + sandbox.name()
                + " already exists in network "
                + network.name());
      }
    }
    NetworkDriver driver = driver(network);
    validateModeRules(sandbox, network, existing);
    validateEndpointRequest(sandbox, network, request);

    AtomicInteger count = endpointCounts.computeIfAbsent(network.id(), k -> new AtomicInteger());
    if (count.incrementAndGet() > driver.maxEndpoints()) {
      count.decrementAndGet();
      throw new ConflictException(
          "network \""
              + network.name()
              + "\" has "
              + driver.maxEndpoints()
              + " endpoints, the most its "
              + driver.name()
              + " driver can hold");
    }
    try (Undo undo = Undo.begin("connect " + sandbox.name() + " to " + network.name())) {
      undo.push("count one endpoint less", count::decrementAndGet);
      Optional<InterfaceAddress> ipv4 =
          allocate(network, IpFamily.V4, request.ipv4(), sandbox.name(), undo);
      Optional<InterfaceAddress> ipv6 =
          network.ipv6()
              ? allocate(network, IpFamily.V6, request.ipv6(), sandbox.name(), undo)
              : Optional.empty();
      EndpointId id = EndpointId.random();
      boolean hasInterface = driver.usesIpam();
      String prefix = driver.interfacePrefix(network);
      int index = hasInterface ? lowestFreeIndex(existing, prefix) : -1;
      Endpoint created =
          new Endpoint(
              id,
              network.id(),
              sandbox.id(),
              sandbox.name(),
              hasInterface ? prefix + index : "",
              index,
              hasInterface && driver instanceof BridgeDriver
                  ? "veth" + id.value().substring(0, 11)
                  : "",
              request.mac().orElseGet(() -> macFor(ipv4)),
              ipv4,
              ipv6,
              Stream.concat(request.ipv4().stream(), request.ipv6().stream()).toList(),
              request.linkLocal(),
              request.aliases(),
              request.gatewayPriority(),
              Optional.empty(),
              Optional.empty(),
              request.driverOptions(),
              now(),
              Lifecycle.CREATING);
      List<JoinedEndpoint> before = joined(sandbox, null);
      registry.commit(batch -> batch.put(created));
      undo.push(
          "forget endpoint " + created.name(),
          () -> registry.commit(batch -> batch.delete(created)));

      NetStack inside = stackOf(sandbox);
      EndpointContext endpointContext = new EndpointContext(created, inside);
      driver.createEndpoint(context(network), endpointContext);
      undo.push(
          "delete endpoint interface",
          () -> driver.deleteEndpoint(context(network), endpointContext));
      if (hasInterface) {
        for (InterfaceAddress address : interfaceAddresses(created)) {
          inside.addAddress(created.interfaceName(), address);
        }
      }
      JoinInfo join = driver.join(context(network), endpointContext);
      undo.push("leave", () -> driver.leave(context(network), endpointContext));
      Endpoint joinedEndpoint = created.withGateways(join.gatewayV4(), join.gatewayV6());

      List<JoinedEndpoint> after = new ArrayList<>(before);
      after.add(new JoinedEndpoint(joinedEndpoint, network));
      moveGateway(sandbox, before, after, undo);
      List<JoinedEndpoint> ordered = GatewayElection.order(after);
      undo.push(
          "rewrite files of " + sandbox.name(),
          () -> writeFiles(sandbox, GatewayElection.order(before)));
      Endpoint active = joinedEndpoint.withLifecycle(Lifecycle.ACTIVE);
      writeFiles(sandbox, ordered);
      // The completion rides on the next commit: a connect is one commit, not two. A crash
      // before it leaves the intent, and the next start keeps the endpoint it finds whole.
      registry.commitLater(batch -> batch.put(active));
      undo.commit();
      return active;
    }
  }

  /** Host and none networks take a sandbox whole: Docker's rules for them. */
  private void validateModeRules(Sandbox sandbox, Network network, List<Endpoint> existing) {
    boolean inHostNamespace = sandbox.netns().equals(config.hostNetNs().path());
    List<String> existingDrivers =
        existing.stream()
            .map(e -> registry.network(e.network()).map(Network::driver).orElse(""))
            .toList();
    if (network.driver().equals("host") && !inHostNamespace) {
      throw new ForbiddenException(
          "sandbox \""
              + sandbox.name()
              + "\" has a network namespace of its own: only sandboxes sharing the host's can be on the host network");
    }
    if (!network.driver().equals("host") && inHostNamespace) {
      throw new ForbiddenException(
          "sandbox \""
              + sandbox.name()
              + "\" shares the host's network namespace and can only be on the host network");
    }
    if (network.driver().equals("null") && !existing.isEmpty()) {
      throw new ForbiddenException(
          "sandbox \"" + sandbox.name() + "\" is on other networks: it cannot also be on none");
    }
    if (existingDrivers.contains("null")) {
      throw new ForbiddenException(
          "sandbox \""
              + sandbox.name()
              + "\" is on the none network: disconnect it from none first");
    }
  }

  private void validateEndpointRequest(Sandbox sandbox, Network network, EndpointRequest request) {
    Stream<IpAddress> statics = Stream.concat(request.ipv4().stream(), request.ipv6().stream());
    for (IpAddress address : statics.toList()) {
      if (!network.hasUserSubnet()) {
        throw new InvalidParameterException(
            "user specified IP address is supported only when connecting to networks with user configured subnets (network \""
                + network.name()
                + "\")");
      }
      if (network.subnets().stream().noneMatch(s -> s.subnet().contains(address))) {
        throw new InvalidParameterException(
            "network \""
                + network.name()
                + "\": no configured subnet contains the IP address "
                + address);
      }
    }
    request.ipv4().ifPresent(a -> requireFamily(network, a, IpFamily.V4, "--ip"));
    request.ipv6().ifPresent(a -> requireFamily(network, a, IpFamily.V6, "--ip6"));
    if (request.ipv6().isPresent() && !network.ipv6()) {
      throw new InvalidParameterException(
          "network \"" + network.name() + "\" does not have IPv6 enabled: --ip6 cannot be used");
    }
    for (IpAddress address : request.linkLocal()) {
      if (!address.isLinkLocal()) {
        throw new InvalidParameterException(
            "link-local address " + address + " is not in 169.254.0.0/16 or fe80::/10");
      }
    }
    request
        .mac()
        .ifPresent(
            mac -> {
              if (mac.isMulticast() || mac.bits() == 0) {
                throw new InvalidParameterException(
                    "MAC address " + mac + " is not a unicast address");
              }
            });
    for (String alias : request.aliases()) {
      ExtraHost.requireHostname("alias", alias);
    }
    if (!request.driverOptions().isEmpty()) {
      throw new InvalidParameterException(
          "network \""
              + network.name()
              + "\": unknown endpoint driver option"
              + (request.driverOptions().size() > 1 ? "s " : " ")
              + request.driverOptions().keySet());
    }
    if (!driver(network).usesIpam()
        && (request.ipv4().isPresent()
            || !request.linkLocal().isEmpty()
            || request.mac().isPresent())) {
      throw new InvalidParameterException(
          "network \""
              + network.name()
              + "\" gives no interface: addresses and MAC cannot be set on it");
    }
    if (sandbox.name().isEmpty()) {
      throw new InvalidParameterException("sandbox has no name");
    }
  }

  private static void requireFamily(
      Network network, IpAddress address, IpFamily family, String flag) {
    if (address.family() != family) {
      throw new InvalidParameterException(
          "network \""
              + network.name()
              + "\": "
              + flag
              + " takes an "
              + family
              + " address, not "
              + address);
    }
  }

  private Optional<InterfaceAddress> allocate(
      Network network, IpFamily family, Optional<IpAddress> requested, String holder, Undo undo) {
    List<Subnet> ofFamily =
        subnets.getOrDefault(network.id(), List.of()).stream()
            .filter(s -> s.family() == family)
            .toList();
    if (ofFamily.isEmpty()) {
      return Optional.empty();
    }
    Subnet subnet;
    IpAddress address;
    if (requested.isPresent()) {
      subnet = subnetFor(network, requested.get());
      address = subnet.allocate(requested.get(), holder);
    } else {
      subnet = ofFamily.getFirst();
      address = subnet.allocate(holder);
    }
    Subnet from = subnet;
    undo.push("release " + address, () -> from.release(address));
    return Optional.of(new InterfaceAddress(address, subnet.prefix().length()));
  }

  private Subnet subnetFor(Network network, IpAddress address) {
    return subnets.getOrDefault(network.id(), List.of()).stream()
        .filter(s -> s.prefix().contains(address))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    "network \""
                        + network.name()
                        + "\": no configured subnet contains the IP address "
                        + address));
  }

  /** Docker's MAC for an endpoint: 02:42 and the IPv4 address; random without one. */
  private static MacAddress macFor(Optional<InterfaceAddress> ipv4) {
    if (ipv4.isPresent()) {
      byte[] ip = ipv4.get().address().toBytes();
      return MacAddress.fromBytes(new byte[] {0x02, 0x42, ip[0], ip[1], ip[2], ip[3]});
    }
    return MacAddress.randomLocal(ThreadLocalRandom.current());
  }

  private static int lowestFreeIndex(List<Endpoint> existing, String prefix) {
    Set<Integer> used = new HashSet<>();
    for (Endpoint endpoint : existing) {
      if (endpoint.interfaceName().equals(prefix + endpoint.ifIndex())) {
        used.add(endpoint.ifIndex());
      }
    }
    int index = 0;
    while (used.contains(index)) {
      index++;
    }
    return index;
  }

  private static List<InterfaceAddress> addressesOf(Endpoint endpoint) {
    return Stream.concat(endpoint.ipv4().stream(), endpoint.ipv6().stream()).toList();
  }

  /** The addresses an endpoint's interface carries: its own and its link-local ones. */
  private static List<InterfaceAddress> interfaceAddresses(Endpoint endpoint) {
    List<InterfaceAddress> addresses = new ArrayList<>(addressesOf(endpoint));
    for (IpAddress linkLocal : endpoint.linkLocal()) {
      addresses.add(new InterfaceAddress(linkLocal, linkLocal.family() == IpFamily.V4 ? 16 : 64));
    }
    return addresses;
  }

  /** The sandbox's endpoints with their networks, leaving out {@code excluded}. */
  private List<JoinedEndpoint> joined(Sandbox sandbox, EndpointId excluded) {
    List<JoinedEndpoint> joined = new ArrayList<>();
    for (Endpoint endpoint : registry.endpointsOf(sandbox.id())) {
      if (endpoint.id().equals(excluded) || endpoint.lifecycle() != Lifecycle.ACTIVE) {
        continue;
      }
      registry
          .network(endpoint.network())
          .ifPresent(n -> joined.add(new JoinedEndpoint(endpoint, n)));
    }
    return joined;
  }

  /**
   * Moves the sandbox's default routes and external connectivity when the elected gateway endpoint
   * changes between {@code before} and {@code after}; records how to move them back.
   */
  private void moveGateway(
      Sandbox sandbox, List<JoinedEndpoint> before, List<JoinedEndpoint> after, Undo undo) {
    Optional<JoinedEndpoint> old = GatewayElection.elect(before);
    Optional<JoinedEndpoint> elected = GatewayElection.elect(after);
    if (old.map(j -> j.endpoint().id()).equals(elected.map(j -> j.endpoint().id()))) {
      return;
    }
    NetStack inside = stackOf(sandbox);
    old.ifPresent(o -> revoke(sandbox, o));
    undo.push("program external connectivity again", () -> old.ifPresent(o -> program(sandbox, o)));
    // Registered first: setting the routes of two families may fail halfway.
    undo.push("restore default routes", () -> setDefaultRoutes(inside, elected, old));
    setDefaultRoutes(inside, old, elected);
    elected.ifPresent(e -> program(sandbox, e));
    undo.push("revoke external connectivity", () -> elected.ifPresent(e -> revoke(sandbox, e)));
  }

  private void program(Sandbox sandbox, JoinedEndpoint joined) {
    driver(joined.network())
        .programExternalConnectivity(
            context(joined.network()), new EndpointContext(joined.endpoint(), stackOf(sandbox)));
  }

  private void revoke(Sandbox sandbox, JoinedEndpoint joined) {
    driver(joined.network())
        .revokeExternalConnectivity(
            context(joined.network()), new EndpointContext(joined.endpoint(), stackOf(sandbox)));
  }

  /**
   * Points the default routes of both families at {@code elected}'s gateways; removes those that
   * {@code previous} had and {@code elected} has not (a default route Junction did not set is not
   * Junction's to remove, and asking the kernel to delete what is not there costs a round trip).
   */
  private static void setDefaultRoutes(
      NetStack inside, Optional<JoinedEndpoint> previous, Optional<JoinedEndpoint> elected) {
    for (IpFamily family : IpFamily.values()) {
      Optional<IpAddress> gateway = elected.flatMap(e -> gatewayOf(e, family));
      if (gateway.isPresent()) {
        inside.replaceRoute(
            Route.defaultVia(gateway.get()).withDevice(elected.get().endpoint().interfaceName()));
      } else if (previous.flatMap(p -> gatewayOf(p, family)).isPresent()) {
        try {
          inside.deleteRoute(Route.to(IpPrefix.defaultRoute(family)));
        } catch (KernelException e) {
          if (!e.is(Errno.ESRCH) && !e.is(Errno.ENOENT)) {
            throw e;
          }
        }
      }
    }
  }

  private static Optional<IpAddress> gatewayOf(JoinedEndpoint joined, IpFamily family) {
    return family == IpFamily.V4 ? joined.endpoint().gatewayV4() : joined.endpoint().gatewayV6();
  }

  /**
   * {@code docker network disconnect}. With {@code force}, the endpoint goes whatever state it and
   * its interface are in, and kernel failures along the way are ignored (a restart finishes what is
   * left); without, a failure leaves everything as it was.
   */
  public void disconnect(String sandboxReference, String networkReference, boolean force) {
    underLocks(
        sandboxReference,
        networkReference,
        (sandbox, network) -> {
          Endpoint endpoint =
              registry.endpointsOf(sandbox.id()).stream()
                  .filter(e -> e.network().equals(network.id()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "sandbox "
                                  + sandbox.name()
                                  + " is not connected to network "
                                  + network.name()));
          disconnectLocked(sandbox, network, endpoint, force);
          emit(new CoreEvent.Disconnected(network, sandbox, endpoint, now()));
          return null;
        });
  }

  private void disconnectLocked(
      Sandbox sandbox, Network network, Endpoint endpoint, boolean force) {
    NetworkDriver driver = driver(network);
    NetStack inside = stackOf(sandbox);
    EndpointContext endpointContext = new EndpointContext(endpoint, inside);
    List<JoinedEndpoint> before = joined(sandbox, null);
    List<JoinedEndpoint> after = joined(sandbox, endpoint.id());
    Endpoint deleting = endpoint.withLifecycle(Lifecycle.DELETING);
    try (Undo undo = Undo.begin("disconnect " + sandbox.name() + " from " + network.name())) {
      registry.commit(batch -> batch.put(deleting));
      undo.push(
          "keep endpoint " + endpoint.name(), () -> registry.commit(batch -> batch.put(endpoint)));
      try {
        if (endpoint.lifecycle() == Lifecycle.ACTIVE) {
          moveGateway(sandbox, before, after, undo);
        }
        driver.leave(context(network), endpointContext);
        undo.push("join again", () -> driver.join(context(network), endpointContext));
        driver.deleteEndpoint(context(network), endpointContext);
      } catch (JunctionException | KernelException | IllegalStateException e) {
        if (!force) {
          throw e;
        }
        // Forced: the endpoint goes anyway; what the kernel still holds is the restart's to clean.
      }
      // The point of no return: the interface is out of use and has lost its addresses.
      undo.commit();
    }
    // The deletion rides on the next commit (which, should the address be taken again, is the
    // taker's own). Until then, or should that commit fail, the endpoint stays DELETING in the
    // store, and a start finishes its deletion.
    RuntimeException filesFailure = null;
    if (sandbox.lifecycle() != Lifecycle.DELETING) {
      try {
        writeFiles(sandbox, GatewayElection.order(after));
      } catch (RuntimeException e) {
        filesFailure = e; // thrown once the endpoint is gone from the store too
      }
    }
    registry.commitLater(batch -> batch.delete(deleting));
    for (InterfaceAddress address : addressesOf(endpoint)) {
      subnetFor(network, address.address()).release(address.address());
    }
    AtomicInteger count = endpointCounts.get(network.id());
    if (count != null) {
      count.decrementAndGet();
    }
    if (filesFailure != null) {
      throw filesFailure; // the endpoint is gone all the same
    }
  }

  /**
   * Compares the store's records with the kernel: every network's and endpoint's data plane as its
   * driver builds it, every sandbox's namespace, and the links of Junction's group in the host
   * namespace that no record owns. Reads only. An operation running meanwhile may show as a
   * difference (its record is {@code creating} or {@code deleting} until it ends); one that a crash
   * interrupted shows the same way until the next start finishes it.
   */
  public List<Difference> check() {
    List<Difference> differences = new ArrayList<>();
    Set<String> owned = new HashSet<>();
    for (Network network : registry.networks()) {
      String object = "network " + network.name();
      unfinished(object, network.lifecycle(), differences);
      NetworkDriver driver = driver(network);
      owned.addAll(driver.hostLinks(network, registry.endpointsOf(network.id())));
      for (String problem : driver.checkNetwork(context(network))) {
        differences.add(new Difference(object, problem));
      }
    }
    Set<NetNs> named = Set.copyOf(kernel.listNetNs());
    Map<String, Link> hostLinks = hostLinksByName();
    Map<SandboxId, List<Endpoint>> bySandbox = endpointsBySandbox();
    for (Sandbox sandbox : registry.sandboxes()) {
      String object = "sandbox " + sandbox.name();
      unfinished(object, sandbox.lifecycle(), differences);
      if (namespaceGone(sandbox, named)) {
        differences.add(new Difference(object, "its namespace " + sandbox.netns() + " is gone"));
        continue;
      }
      for (Endpoint endpoint : bySandbox.getOrDefault(sandbox.id(), List.of())) {
        Optional<Network> network = registry.network(endpoint.network());
        if (network.isEmpty()) {
          differences.add(new Difference(object, "has an endpoint on a network that is gone"));
          continue;
        }
        String on = object + " on network " + network.get().name();
        unfinished(on, endpoint.lifecycle(), differences);
        NetworkDriver driver = driver(network.get());
        for (String problem :
            driver.checkEndpoint(
                context(network.get()).withHostLinks(hostLinks),
                new EndpointContext(endpoint, lookInto(sandbox)))) {
          differences.add(new Difference(on, problem));
        }
      }
    }
    for (Link link : hostLinks.values()) {
      if (link.group() == LinkGroups.LIVE && !owned.contains(link.name())) {
        differences.add(
            new Difference(
                "link " + link.name(),
                "is in Junction's link group, but no network or endpoint has it"));
      }
    }
    return differences;
  }

  private static void unfinished(String object, Lifecycle lifecycle, List<Difference> into) {
    if (lifecycle != Lifecycle.ACTIVE) {
      into.add(
          new Difference(
              object,
              "is still being "
                  + (lifecycle == Lifecycle.CREATING ? "created" : "deleted")
                  + " (an operation running, or interrupted)"));
    }
  }

  /** Waits for links taken out of use to be deleted from the kernel (for tests and shutdown). */
  public void flushDeletions() {
    reaper.flush();
  }

  /**
   * Writes to the store the completions of operations that wait for the next commit to carry them
   * (for tests and shutdown; they are written within milliseconds anyway).
   */
  public void flushStore() {
    registry.flush();
  }

  /**
   * Stops background work and writes what waits for the store; networks and sandboxes stay as they
   * are for the next start.
   */
  @Override
  public void close() {
    SandboxWatch watching = watch;
    if (watching != null) {
      watching.close();
    }
    reaper.close();
    registry.close();
  }

  /**
   * From now on, removes a sandbox whose namespace goes while the engine runs — the process it was
   * adopted from exits, or its namespace file is removed — with its endpoints, and reports it as a
   * deletion would. (A namespace that goes while the engine is down is the next start's.)
   */
  public void watchSandboxes() {
    synchronized (this) {
      if (watch != null) {
        return;
      }
      try {
        watch = new SandboxWatch(this::sandboxGone);
      } catch (java.io.IOException e) {
        throw new InternalException("cannot watch sandboxes' namespaces: " + e.getMessage(), e);
      }
    }
    for (Sandbox sandbox : registry.sandboxes()) {
      watch.watch(sandbox);
    }
  }

  private void sandboxGone(SandboxId id) {
    // Not on the watcher's thread: a deletion takes locks and kernel requests.
    Thread.ofVirtual()
        .name("sandbox-gone")
        .start(
            () -> {
              Optional<Sandbox> sandbox = registry.sandbox(id);
              if (sandbox.isEmpty()) {
                return;
              }
              Path netns = sandbox.get().netns();
              if (!netns.startsWith("/proc") && Files.exists(netns)) {
                return; // a file of that name again: not gone
              }
              try {
                deleteSandbox(id.value());
              } catch (RuntimeException e) {
                // Deleted meanwhile, or the kernel refused: the next start finishes it.
              }
            });
  }

  // ---- introspection for metrics and tests

  /** Addresses in use and free per network subnet, from IPAM. */
  public Map<String, List<Subnet>> subnetsByNetwork() {
    Map<String, List<Subnet>> result = new HashMap<>();
    for (Network network : registry.networks()) {
      result.put(network.name(), subnets.getOrDefault(network.id(), List.of()));
    }
    return result;
  }
}
