package dev.junction.bench;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.ControllerConfig;
import dev.junction.core.controller.EndpointRequest;
import dev.junction.core.controller.NetworkRequest;
import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.controller.SandboxRequest;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.driver.bridge.BridgeDriver;
import dev.junction.core.ipam.AddressSpace;
import dev.junction.core.model.Network;
import dev.junction.core.store.sqlite.SqliteStore;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NetlinkKernel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code bench/run core [--cycles N] [--scale-sandboxes N] [--scale-order network|sandbox|both]}:
 * the controller as a library on the real kernel, in a throw-away host namespace, with its SQLite
 * store on disk. Measures connect and disconnect of fresh sandboxes on one bridge network, network
 * create and delete, and the cost of size: many sandboxes on one network, many endpoints across
 * twenty networks.
 */
final class CoreBenchmark {

  private static final int WARM_UP_ROUNDS = 4;
  private static final int WARM_UP_ROUND_CYCLES = 500;
  private static final int FLOOR_BLOCK = 25; // cycles the floor measures one way before the other
  private static final int SCALE_FLOOR_CYCLES = 100; // kernel-only connects at each scale size

  private final int cycles;
  private final int scaleSandboxes;
  private final List<ScaleOrder> scaleOrders;
  private final Path work;
  // Timed just before and after each measured window: how fast the machine was around it.
  private final MachineProbe probe = new MachineProbe();
  private volatile NetlinkKernel kernel; // read by the shutdown hook too
  private volatile boolean interrupted;
  private SqliteStore store;
  private Controller controller;

  /**
   * The order in which the twenty-network phase makes its endpoints; both end with every sandbox on
   * every network.
   */
  enum ScaleOrder {
    /**
     * One network after the other, each joined by every sandbox: as containers usually join a
     * network, and the order the size target is read in. The large window is the last network's
     * last connects, each by a sandbox already on the nineteen others.
     */
    NETWORK,
    /**
     * One sandbox after the other, each joining every network in turn: each connect goes to another
     * bridge than the one before, and the kernel's walks over that bridge's 500 ports start cold.
     */
    SANDBOX
  }

  private CoreBenchmark(int cycles, int scaleSandboxes, List<ScaleOrder> scaleOrders, Path work) {
    this.cycles = cycles;
    this.scaleSandboxes = scaleSandboxes;
    this.scaleOrders = scaleOrders;
    this.work = work;
  }

  static void run(String[] args) throws Exception {
    int cycles = 500;
    int scale = 500;
    List<ScaleOrder> orders = List.of(ScaleOrder.NETWORK);
    String usage =
        "; usage: bench/run core [--cycles N] [--scale-sandboxes N]"
            + " [--scale-order network|sandbox|both]";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cycles" -> cycles = Integer.parseInt(args[++i]);
        case "--scale-sandboxes" -> scale = Integer.parseInt(args[++i]);
        case "--scale-order" ->
            orders =
                switch (args[++i]) {
                  case "network" -> List.of(ScaleOrder.NETWORK);
                  case "sandbox" -> List.of(ScaleOrder.SANDBOX);
                  case "both" -> List.of(ScaleOrder.NETWORK, ScaleOrder.SANDBOX);
                  default ->
                      throw new IllegalArgumentException(
                          "unknown --scale-order \"" + args[i] + "\"" + usage);
                };
        default -> throw new IllegalArgumentException("unknown option " + args[i] + usage);
      }
    }
    Path work = Files.createTempDirectory(Path.of("/run"), "junction-bench-");
    CoreBenchmark benchmark = new CoreBenchmark(cycles, scale, orders, work);
    // Interrupted (Ctrl-C, SIGTERM), the JVM runs no finally block: without this the namespaces
    // stayed mounted under /run, with a thousand links in them.
    Thread onInterrupt = new Thread(benchmark::removeAfterInterruption, "core-teardown");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      benchmark.measure();
    } catch (Exception e) {
      if (!benchmark.interrupted) {
        throw e;
      } // else: torn down under its feet, the failure says nothing
    } finally {
      if (!benchmark.interrupted) {
        benchmark.cleanUp();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /**
   * What an interruption leaves: the kernel layer is closed first, so that the measuring thread
   * makes no namespace after this looked; then every namespace file is unmounted (each namespace
   * goes with the last thread in it, at exit) and the workspace removed.
   */
  private void removeAfterInterruption() {
    interrupted = true;
    NetlinkKernel open = kernel;
    if (open != null) {
      open.close();
    }
    try {
      Workspace.unmountAll(work);
      removeWorkspace();
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("core: could not remove " + work + ": " + e);
    }
  }

  private void removeWorkspace() throws IOException {
    try (Stream<Path> paths = Files.walk(work)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void start() {
    kernel = NetlinkKernel.open(work.resolve("netns"));
    NetNs host = kernel.createNetNs("host");
    kernel.stack(host).setUp("lo", true);
    store = SqliteStore.open(work.resolve("data/store.db"));
    controller =
        Controller.start(
            new ControllerConfig(
                work.resolve("data"),
                host,
                work.resolve("etc-netns"),
                Path.of("/etc/resolv.conf"),
                AddressSpace.dockerLocalDefaults(),
                "junction0",
                event -> {},
                Clock.systemUTC()),
            kernel,
            store);
  }

  private void measure() throws Exception {
    start();
    controller.createNetwork(
        NetworkRequest.bridge("bench").withSubnets(SubnetRequest.of("10.200.0.0/16")));
    // Warm-up: the same work unmeasured, so the JIT has compiled it. 2000 cycles, in rounds of
    // fresh sandboxes: after 300 the compiler was still at work (tier-4 compilations, on the same
    // two cores) and connects kept getting faster over the next 2000, by a sixth.
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      connectCycles("w" + round + "-", WARM_UP_ROUND_CYCLES, null, null, new Samples());
    }
    Samples connect = new Samples();
    Samples disconnect = new Samples();
    Samples machine = new Samples();
    connectCycles("c", cycles, connect, disconnect, machine);
    // The cycles' sandboxes are gone, but the kernel may still be deleting their namespaces (up to
    // 1.3 s after the last, seen): that clean-up is the cycles' own, not the networks'.
    controller.flushDeletions();
    settle();
    // The floor next to the connects it is the floor of: after the network phase, whose bridge
    // deletions leave the kernel work for some time, it was 380 µs slower (fourteenth session).
    // Then the floor's own clean-up, before the networks are measured.
    kernelFloor();
    settle();
    Samples create = new Samples();
    Samples delete = new Samples();
    for (int i = 0; i < 100 + 50; i++) {
      String name = "n" + i;
      boolean measured = i >= 50;
      long start = System.nanoTime();
      controller.createNetwork(
          NetworkRequest.bridge(name)
              .withSubnets(SubnetRequest.of("10.201." + (i % 250) + ".0/24")));
      long created = System.nanoTime();
      controller.deleteNetwork(name);
      long deleted = System.nanoTime();
      if (measured) {
        create.add(created - start);
        delete.add(deleted - created);
      }
    }
    controller.flushDeletions();
    print("connect", connect);
    print("disconnect", disconnect);
    System.out.printf("machine op=connect probe_median_us=%d%n", machine.medianMicros());
    print("network_create", create);
    print("network_delete", delete);
    oneNetworkScale();
    for (int i = 0; i < scaleOrders.size(); i++) {
      if (i > 0) {
        removeManyNetworks();
      }
      manyNetworksScale(scaleOrders.get(i));
    }
  }

  /**
   * Fresh sandboxes, each connected then disconnected; only connect and disconnect timed. The
   * sandboxes are made before and deleted after: deleting a namespace makes the kernel clean it up
   * in the background under its networking lock, which would land in the next connect's time.
   */
  private void connectCycles(
      String tag, int count, Samples connect, Samples disconnect, Samples machine) {
    for (int i = 0; i < count; i++) {
      controller.createSandbox(SandboxRequest.named(tag + i));
    }
    probe.burst(machine);
    settle();
    for (int i = 0; i < count; i++) {
      String name = tag + i;
      long start = System.nanoTime();
      controller.connect(name, "bench", EndpointRequest.DEFAULT);
      long connected = System.nanoTime();
      controller.disconnect(name, "bench", false);
      long disconnected = System.nanoTime();
      if (connect != null) {
        connect.add(connected - start);
        disconnect.add(disconnected - connected);
      }
    }
    probe.burst(machine);
    for (int i = 0; i < count; i++) {
      controller.deleteSandbox(tag + i);
    }
    controller.flushDeletions();
  }

  /**
   * The kernel work of a connect and a disconnect alone, through the kernel layer without the
   * controller (no store, no files, no bookkeeping): the same requests as the bridge driver's, on a
   * bridge made as the driver makes it (its own MAC on every host end, no multicast snooping, MTU
   * set). What the controller's figures are made of.
   *
   * <p>Measured two ways, in alternating blocks of 25 cycles, so that both see the machine at the
   * same moments: with each pair deleted right after its disconnect (untimed, on this thread), so
   * that the next connect runs on what the deletion left behind; and with no deletion until the
   * block ends, the least the kernel takes for a connect. The engine's reaper deletes in batches on
   * a thread of its own, and its connects are close to the second figure.
   */
  private void kernelFloor() {
    NetNs host = new NetNs(work.resolve("netns").resolve("host"));
    NetStack hostStack = kernel.stack(host);
    MacAddress bridgeMac = MacAddress.parse("02:42:0a:c7:00:01");
    hostStack.addLink(
        new LinkSpec.Bridge("floor0", LinkSettings.DEFAULT.withMac(bridgeMac).withUp(true), false));
    hostStack.setMtu("floor0", 1500);
    hostStack.addAddress("floor0", InterfaceAddress.parse("10.199.0.1/16"));
    Samples connect = new Samples();
    Samples connectWithoutDeletions = new Samples();
    Samples disconnect = new Samples();
    IpAddress gateway = IpAddress.parse("10.199.0.1");
    List<NetNs> sandboxes = new ArrayList<>();
    // At least two blocks, one of each way, whatever --cycles says.
    for (int i = 0; i < Math.clamp(cycles, 2 * FLOOR_BLOCK, 300); i++) {
      sandboxes.add(floorSandbox("floor" + i));
    }
    settle();
    for (int i = 0; i < sandboxes.size(); i++) {
      NetStack inside = kernel.stack(sandboxes.get(i));
      String veth = "vfloor" + i;
      InterfaceAddress address =
          InterfaceAddress.parse("10.199." + (1 + i / 250) + "." + (1 + i % 250) + "/16");
      boolean deleting = (i / FLOOR_BLOCK) % 2 == 0;
      boolean blockEnds = i % FLOOR_BLOCK == FLOOR_BLOCK - 1;
      long start = System.nanoTime();
      kernelConnect(hostStack, "floor0", bridgeMac, sandboxes.get(i), veth, address, gateway);
      long connected = System.nanoTime();
      inside.deleteRoute(Route.to(IpPrefix.DEFAULT_V4));
      inside.deleteAddress("eth0", address);
      inside.setUp("eth0", false);
      inside.rename("eth0", "jdfloor");
      hostStack.setNoMaster(veth);
      hostStack.setGroup(veth, LinkGroups.PENDING_DELETION);
      long disconnected = System.nanoTime();
      (deleting ? connect : connectWithoutDeletions).add(connected - start);
      disconnect.add(disconnected - connected);
      if (deleting || blockEnds || i == sandboxes.size() - 1) {
        hostStack.deleteLinkGroup(LinkGroups.PENDING_DELETION);
      }
      if (blockEnds) {
        settle(); // the block's clean-up, done before the next block's first connect
      }
    }
    for (NetNs sandbox : sandboxes) {
      kernel.deleteNetNs(sandbox);
    }
    hostStack.deleteLink("floor0");
    System.out.printf(
        "floor op=connect kernel_only_median_us=%d kernel_only_p95_us=%d"
            + " kernel_only_without_deletions_median_us=%d kernel_only_without_deletions_p95_us=%d%n",
        connect.medianMicros(),
        connect.p95Micros(),
        connectWithoutDeletions.medianMicros(),
        connectWithoutDeletions.p95Micros());
    System.out.printf(
        "floor op=disconnect kernel_only_median_us=%d kernel_only_p95_us=%d%n",
        disconnect.medianMicros(), disconnect.p95Micros());
  }

  /**
   * A namespace for the floor's connects, made as the engine makes a sandbox's: loopback up, and
   * interfaces starting without IPv6, so that the sandbox end needs no sysctl of its own (until the
   * twelfth session the floor wrote one, which the engine's connect does not).
   */
  private NetNs floorSandbox(String name) {
    NetNs sandbox = kernel.createNetNs(name);
    kernel.stack(sandbox).setUp("lo", true);
    kernel.stack(sandbox).writeSysctl("net/ipv6/conf/default/disable_ipv6", "1");
    return sandbox;
  }

  /**
   * A connect's kernel requests alone, as the bridge driver makes them: a veth pair whose host end
   * joins {@code bridge} (with the bridge's own MAC, up, no IPv6) and whose other end is {@code
   * eth0} of {@code sandbox}, then its address and the default route.
   */
  private void kernelConnect(
      NetStack hostStack,
      String bridge,
      MacAddress bridgeMac,
      NetNs sandbox,
      String veth,
      InterfaceAddress address,
      IpAddress gateway) {
    hostStack.addLink(
        new LinkSpec.Veth(
            veth,
            LinkSettings.DEFAULT
                .withMac(bridgeMac)
                .withMtu(1500)
                .withGroup(LinkGroups.LIVE)
                .withMaster(bridge)
                .withUp(true)
                .withIpv6(false),
            "eth0",
            Optional.of(sandbox),
            LinkSettings.DEFAULT
                .withMtu(1500)
                .withMac(MacAddress.randomLocal(java.util.concurrent.ThreadLocalRandom.current()))
                .withUp(true)
                .withIpv6(false)));
    NetStack inside = kernel.stack(sandbox);
    inside.addAddress("eth0", address);
    inside.replaceRoute(Route.defaultVia(gateway).withDevice("eth0"));
  }

  /**
   * Waits for the kernel to finish cleaning up the namespaces an earlier phase deleted: it does
   * that in the background, holding the networking lock every connect needs, and those waits would
   * land in the next phase's figures (the first connects of a scale phase, after a thousand
   * deletions, took 4 ms instead of 1). Done when a request that takes that lock answers quickly
   * ten times in a row; at most 60 s.
   */
  private void settle() {
    NetStack host = kernel.stack(new NetNs(work.resolve("netns").resolve("host")));
    long began = System.nanoTime();
    long deadline = began + 60_000_000_000L;
    int quick = 0;
    while (quick < 10 && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      host.setUp("lo", true);
      quick = System.nanoTime() - start < 200_000 ? quick + 1 : 0;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    long waited = (System.nanoTime() - began) / 1_000_000;
    if (waited > 1000) {
      System.out.printf("# waited %d ms for the kernel to finish deleting namespaces%n", waited);
    }
  }

  /** The machine probe's figures around a scale phase's two windows, large size first as above. */
  private static void printMachine(String what, Samples large, String smallTag, Samples small) {
    System.out.printf(
        "machine op=scale %s probe_median_us=%d probe_median_%s_us=%d%n",
        what, large.medianMicros(), smallTag, small.medianMicros());
  }

  private static void print(String op, Samples samples) {
    System.out.printf(
        "op=%s median_us=%d p95_us=%d%n", op, samples.medianMicros(), samples.p95Micros());
  }

  private static long heapUsed() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Up to 1000 sandboxes on one bridge network (the bridge's limit is 1023). */
  private void oneNetworkScale() throws Exception {
    controller.createNetwork(
        NetworkRequest.bridge("wide").withSubnets(SubnetRequest.of("10.210.0.0/16")));
    int count = Math.min(1000, scaleSandboxes * 2);
    Samples first = new Samples();
    Samples last = new Samples();
    Samples machineFirst = new Samples();
    Samples machineLast = new Samples();
    long heapBefore = heapUsed();
    probe.burst(machineFirst);
    settle();
    for (int i = 0; i < count; i++) {
      String name = "w" + i;
      controller.createSandbox(SandboxRequest.named(name));
      if (i == 11) {
        probe.burst(machineFirst); // connects 1-10 measured, 11 not
      }
      if (i == count - 100) {
        probe.burst(machineLast);
      }
      long start = System.nanoTime();
      controller.connect(name, "wide", EndpointRequest.DEFAULT);
      long elapsed = System.nanoTime() - start;
      if (i >= 1 && i <= 10) { // the first port brings the bridge up: not a cost of size
        first.add(elapsed);
      } else if (i >= count - 100) {
        last.add(elapsed);
      }
    }
    probe.burst(machineLast);
    long perEndpoint = (heapUsed() - heapBefore) / count;
    System.out.printf(
        "op=scale network=one endpoints=%d heap_per_endpoint_bytes=%d connect_median_us=%d connect_median_at_10_us=%d%n",
        count, perEndpoint, last.medianMicros(), first.medianMicros());
    printMachine("network=one endpoints=" + count, machineLast, "at_10", machineFirst);
    for (int i = 0; i < count; i++) {
      controller.deleteSandbox("w" + i);
    }
    controller.flushDeletions();
  }

  private static final int SCALE_NETWORKS = 20;

  private static String scaleNetwork(int index) {
    return "m" + index;
  }

  /**
   * Twenty networks; each sandbox joins all of them, in {@code order}: endpoints = sandboxes × 20.
   * The small-size figure is that of the 200 connects after the first 20, and the large-size one
   * that of the last 200: neither holds a bridge's first port in the sandbox order (the first
   * sandbox joins each network first), and a bridge's first port brings the bridge itself up (1-8
   * ms here, once per network, whatever the size); 200 for a steady median.
   */
  private void manyNetworksScale(ScaleOrder order) throws Exception {
    List<String> networks =
        Stream.iterate(0, i -> i + 1)
            .limit(SCALE_NETWORKS)
            .map(CoreBenchmark::scaleNetwork)
            .toList();
    for (int i = 0; i < networks.size(); i++) {
      controller.createNetwork(
          NetworkRequest.bridge(networks.get(i))
              .withSubnets(SubnetRequest.of("10." + (220 + i) + ".0.0/16")));
    }
    Samples first = new Samples();
    Samples last = new Samples();
    Samples machineFirst = new Samples();
    Samples machineLast = new Samples();
    Samples floorFirst = new Samples();
    Samples floorLast = new Samples();
    long heapBefore = heapUsed();
    long floorHeap = 0;
    probe.burst(machineFirst);
    settle();
    int total = scaleSandboxes * networks.size();
    int smallEnd = 11 * networks.size();
    for (int endpoint = 0; endpoint < total; endpoint++) {
      int sandbox;
      int network;
      if (order == ScaleOrder.SANDBOX) {
        sandbox = endpoint / networks.size();
        network = endpoint % networks.size();
      } else {
        network = endpoint / scaleSandboxes;
        sandbox = endpoint % scaleSandboxes;
      }
      String name = "m-s" + sandbox;
      // Between connects, so that no measured connect follows a burst: after the small window,
      // and before the large one.
      if (endpoint == smallEnd) {
        probe.burst(machineFirst);
        // The kernel layer's own heap for the floor's namespaces is not the engine's: left out.
        long beforeFloor = heapUsed();
        kernelFloorAt(floorBridges(order, networks, network), "mf-a", floorFirst);
        floorHeap = heapUsed() - beforeFloor;
      }
      if (endpoint == total - 200) {
        probe.burst(machineLast);
      }
      if (network == 0) {
        controller.createSandbox(SandboxRequest.named(name));
      }
      long start = System.nanoTime();
      controller.connect(name, networks.get(network), EndpointRequest.DEFAULT);
      long elapsed = System.nanoTime() - start;
      if (endpoint >= networks.size() && endpoint < smallEnd) {
        first.add(elapsed);
      } else if (endpoint >= total - 200) {
        last.add(elapsed);
      }
    }
    probe.burst(machineLast);
    long perEndpoint = (heapUsed() - heapBefore - floorHeap) / total;
    kernelFloorAt(floorBridges(order, networks, networks.size() - 1), "mf-b", floorLast);
    // The order last, so that the line starts as issue 3 asks for: op=scale endpoints=...
    String tag = "order=" + order.name().toLowerCase(java.util.Locale.ROOT);
    System.out.printf(
        "op=scale endpoints=%d heap_per_endpoint_bytes=%d connect_median_us=%d connect_median_at_200_us=%d %s%n",
        total, perEndpoint, last.medianMicros(), first.medianMicros(), tag);
    printMachine("endpoints=" + total + " " + tag, machineLast, "at_200", machineFirst);
    System.out.printf(
        "floor op=scale endpoints=%d kernel_only_median_us=%d kernel_only_median_at_200_us=%d %s%n",
        total, floorLast.medianMicros(), floorFirst.medianMicros(), tag);
  }

  /**
   * The bridges the floor connects to, as the engine's connects around it go: in turn over all in
   * the sandbox order; in the network order, the one being joined.
   */
  private static List<String> floorBridges(ScaleOrder order, List<String> networks, int current) {
    return order == ScaleOrder.SANDBOX ? networks : List.of(networks.get(current));
  }

  /** What {@link #manyNetworksScale} made, removed before it runs in another order. */
  private void removeManyNetworks() {
    for (int s = 0; s < scaleSandboxes; s++) {
      controller.deleteSandbox("m-s" + s);
    }
    controller.flushDeletions();
    for (int i = 0; i < SCALE_NETWORKS; i++) {
      controller.deleteNetwork(scaleNetwork(i));
    }
    controller.flushDeletions();
    settle();
  }

  /**
   * The kernel's share of a connect at the phase's present size: {@link #SCALE_FLOOR_CYCLES}
   * connects of fresh namespaces made through the kernel layer alone onto the engine's own bridges
   * {@code networks}, in turn. Each pair stays until all are done (as the floor's figure without
   * deletions), then they and their namespaces are deleted and the kernel's clean-up waited for, so
   * the engine's next connects do not pay for them.
   */
  private void kernelFloorAt(List<String> networks, String tag, Samples out) {
    NetStack hostStack = kernel.stack(new NetNs(work.resolve("netns").resolve("host")));
    List<NetNs> sandboxes = new ArrayList<>();
    for (int i = 0; i < SCALE_FLOOR_CYCLES; i++) {
      sandboxes.add(floorSandbox(tag + i));
    }
    List<Network> bridges =
        networks.stream().map(name -> controller.inspectNetwork(name).network()).toList();
    List<String> veths = new ArrayList<>();
    for (int i = 0; i < sandboxes.size(); i++) {
      int index = i % bridges.size();
      String bridge = BridgeDriver.bridgeName(bridges.get(index));
      MacAddress bridgeMac = BridgeDriver.bridgeMac(bridges.get(index));
      // Addresses far above what the engine's allocator reached: only the kernel sees them.
      int octet = 220 + Integer.parseInt(networks.get(index).substring(1));
      InterfaceAddress address = InterfaceAddress.parse("10." + octet + ".250." + (1 + i) + "/16");
      IpAddress gateway = IpAddress.parse("10." + octet + ".0.1");
      String veth = tag + "v" + i;
      long start = System.nanoTime();
      kernelConnect(hostStack, bridge, bridgeMac, sandboxes.get(i), veth, address, gateway);
      out.add(System.nanoTime() - start);
      veths.add(veth);
    }
    for (String veth : veths) {
      hostStack.deleteLink(veth);
    }
    for (NetNs sandbox : sandboxes) {
      kernel.deleteNetNs(sandbox);
    }
    settle();
  }

  private void cleanUp() throws Exception {
    if (controller != null) {
      for (var sandbox : controller.listSandboxes()) {
        controller.deleteSandbox(sandbox.id().value());
      }
      controller.close();
    }
    if (store != null) {
      store.close();
    }
    if (kernel != null) {
      for (NetNs ns : kernel.listNetNs()) {
        kernel.deleteNetNs(ns);
      }
      kernel.close();
      Path netns = work.resolve("netns");
      new ProcessBuilder("umount", netns.toString()).inheritIO().start().waitFor();
    }
    removeWorkspace();
  }
}
