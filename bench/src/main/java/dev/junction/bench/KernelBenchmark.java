package dev.junction.bench;

import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.nft.NftBaseChain;
import dev.junction.kernel.nft.NftChain;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRule;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTable;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NetlinkKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bench/run kernel [--reps N]}: the kernel operations of a connect, done in-process over
 * netlink and libnftables and, in the same run, by spawning {@code ip}, {@code bridge} and {@code
 * nft} as the peers do. Works only in namespaces it creates (named {@code jbench-PID-*} in {@code
 * /run/netns}, so that {@code ip -n} reaches them) and deletes them at the end.
 */
final class KernelBenchmark {

  private static final int GROUP = 4242;

  private final int reps;
  private final String prefix = "jbench-" + ProcessHandle.current().pid();
  private final Map<String, Samples> junction = new LinkedHashMap<>();
  private final Map<String, Samples> process = new LinkedHashMap<>();

  private KernelBenchmark(int reps) {
    this.reps = reps;
  }

  static void run(String[] args) throws Exception {
    int reps = 200;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--reps") && i + 1 < args.length) {
        reps = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException(
            "unknown option " + args[i] + "; usage: bench/run kernel [--reps N]");
      }
    }
    new KernelBenchmark(reps).measure();
  }

  private Samples junction(String op) {
    return junction.computeIfAbsent(op, k -> new Samples());
  }

  private Samples process(String op) {
    return process.computeIfAbsent(op, k -> new Samples());
  }

  private void measure() throws Exception {
    RunNetnsDirectory before = RunNetnsDirectory.observe();
    try {
      measureAll();
    } finally {
      before.restore();
    }
    report();
  }

  private void measureAll() throws Exception {
    try (Kernel kernel = NetlinkKernel.open()) {
      NetNs host = kernel.createNetNs(prefix + "-host");
      NetNs peer = kernel.createNetNs(prefix + "-peer");
      try {
        NetStack stack = kernel.stack(host);
        stack.setUp("lo", true);
        stack.addLink(new LinkSpec.Vxlan("vx0", 42));
        stack.setUp("vx0", true);
        stack.addLink(new LinkSpec.Vxlan("vx1", 43));
        stack.setUp("vx1", true);
        warmUp(stack, peer);
        connectSteps(stack, peer, "j", reps, true);
        processSteps(host, peer, "p", reps);
        namespaceCycles(kernel, reps);
        nftApplies(kernel, stack, host, reps);
        groupDeletes(kernel, stack, peer, host);
        floor(kernel);
      } finally {
        kernel.deleteNetNs(host);
        kernel.deleteNetNs(peer);
      }
    }
  }

  private final List<String> floorLines = new ArrayList<>();

  /**
   * The kernel's own cost of link up and address add, from a small C program using raw netlink
   * (bench/floor/kernel-floor.c) in a fresh namespace: what no implementation can go below. Skipped
   * with a note when no C compiler is installed.
   */
  private void floor(Kernel kernel) throws Exception {
    Path source = Path.of("bench/floor/kernel-floor.c").toAbsolutePath();
    Path binary = Path.of("bench/target/kernel-floor").toAbsolutePath();
    boolean compiler = new ProcessBuilder("sh", "-c", "command -v cc").start().waitFor() == 0;
    if (!Files.exists(source) || !compiler) {
      floorLines.add("floor skipped: no C compiler (cc) or no bench/floor/kernel-floor.c");
      return;
    }
    exec("cc", "-O2", "-o", binary.toString(), source.toString());
    NetNs ns = kernel.createNetNs(prefix + "-floor");
    try {
      Process child =
          new ProcessBuilder(
                  "nsenter", "--net=" + ns.path(), "--", binary.toString(), String.valueOf(reps))
              .start();
      String output = new String(child.getInputStream().readAllBytes()).strip();
      if (child.waitFor() != 0) {
        throw new IllegalStateException(
            "kernel-floor failed: " + new String(child.getErrorStream().readAllBytes()));
      }
      for (String line : output.split("\n")) {
        String[] fields = line.split(" ");
        floorLines.add(
            String.format(
                "floor op=%s c_median_us=%d c_p95_us=%d",
                fields[0],
                Math.round(Long.parseLong(fields[1]) / 1000.0),
                Math.round(Long.parseLong(fields[2]) / 1000.0)));
      }
    } finally {
      kernel.deleteNetNs(ns);
    }
  }

  private static InterfaceAddress address(int i) {
    return InterfaceAddress.parse("10." + (i / 250) + "." + (i % 250) + ".1/24");
  }

  private static IpPrefix routed(int i) {
    return IpPrefix.parse("172." + (16 + i / 250) + "." + (i % 250) + ".0/24");
  }

  private static IpAddress neighbor(int i) {
    return IpAddress.parse("10." + (i / 250) + "." + (i % 250) + ".2");
  }

  private static MacAddress mac(int i) {
    return new MacAddress(0x02_00_00_00_00_00L | i);
  }

  /**
   * Runs every measured code path a few thousand times, unmeasured, so that the JIT has compiled
   * them: the daemon runs compiled code, and a benchmark of the interpreter would mislead. The
   * cheap operations are cycled on one pair; veth creation, which costs a deletion each, fewer
   * times.
   */
  private void warmUp(NetStack stack, NetNs peer) {
    connectSteps(stack, peer, "w", 100, false);
    stack.addLink(
        new LinkSpec.Veth(
            "warm", LinkSettings.DEFAULT, "warmp", Optional.of(peer), LinkSettings.DEFAULT));
    InterfaceAddress address = address(0);
    Route route = Route.to(routed(0)).withDevice("warm");
    Neighbor neighbor = Neighbor.permanent("warm", neighbor(0), mac(0));
    FdbEntry fdb = FdbEntry.permanent("vx0", mac(0), IpAddress.parse("192.0.2.1"));
    for (int i = 0; i < 3000; i++) {
      stack.setUp("warm", true);
      stack.addAddress("warm", address);
      stack.addRoute(route);
      stack.addNeighbor(neighbor);
      stack.appendFdb(fdb);
      stack.deleteFdb(fdb);
      stack.deleteNeighbor("warm", neighbor.address());
      stack.deleteRoute(route);
      stack.deleteAddress("warm", address);
      stack.setUp("warm", false);
    }
    stack.deleteLink("warm");
    junction.clear();
  }

  /** Per pair: veth add with the peer in another namespace, up, address, route, neighbour, FDB. */
  private void connectSteps(NetStack stack, NetNs peer, String tag, int count, boolean measured) {
    for (int i = 0; i < count; i++) {
      String name = tag + i;
      // Each operation's input is made before its clock starts, as the C floor makes its
      // requests' (parsing a text address is the caller's work, not the operation's).
      LinkSpec spec =
          new LinkSpec.Veth(
              name, LinkSettings.DEFAULT, tag + "p" + i, Optional.of(peer), LinkSettings.DEFAULT);
      InterfaceAddress address = address(i);
      Route route = Route.to(routed(i)).withDevice(name);
      Neighbor neighbor = Neighbor.permanent(name, neighbor(i), mac(i));
      FdbEntry fdb = FdbEntry.permanent("vx0", mac(i), IpAddress.parse("192.0.2." + (i % 250 + 1)));
      junction("veth_add").time(() -> stack.addLink(spec));
      junction("link_up").time(() -> stack.setUp(name, true));
      junction("addr_add").time(() -> stack.addAddress(name, address));
      junction("route_add").time(() -> stack.addRoute(route));
      junction("neigh_add").time(() -> stack.addNeighbor(neighbor));
      junction("fdb_append").time(() -> stack.appendFdb(fdb));
    }
    for (int i = 0; i < count; i++) {
      String name = tag + i;
      junction("veth_delete").time(() -> stack.deleteLink(name));
    }
    if (!measured) {
      for (int i = 0; i < count; i++) {
        stack.deleteFdb(
            FdbEntry.permanent("vx0", mac(i), IpAddress.parse("192.0.2." + (i % 250 + 1))));
      }
    }
  }

  private void processSteps(NetNs host, NetNs peer, String tag, int count) throws Exception {
    String ns = host.name();
    for (int i = 0; i < count; i++) {
      String name = tag + i;
      time(
          "veth_add",
          "ip",
          "-n",
          ns,
          "link",
          "add",
          name,
          "type",
          "veth",
          "peer",
          "name",
          tag + "p" + i,
          "netns",
          peer.name());
      time("link_up", "ip", "-n", ns, "link", "set", name, "up");
      time("addr_add", "ip", "-n", ns, "addr", "add", address(i).toString(), "dev", name);
      time("route_add", "ip", "-n", ns, "route", "add", routed(i + count).toString(), "dev", name);
      time(
          "neigh_add",
          "ip",
          "-n",
          ns,
          "neigh",
          "replace",
          neighbor(i).toString(),
          "lladdr",
          mac(i).toString(),
          "dev",
          name,
          "nud",
          "permanent");
      time(
          "fdb_append",
          "bridge",
          "-n",
          ns,
          "fdb",
          "append",
          mac(i).toString(),
          "dev",
          "vx1",
          "dst",
          "192.0.2." + (i % 250 + 1),
          "self",
          "permanent");
    }
    for (int i = 0; i < count; i++) {
      time("veth_delete", "ip", "-n", ns, "link", "delete", tag + i);
    }
  }

  private void namespaceCycles(Kernel kernel, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      String name = prefix + "-c" + i;
      junction("netns_add_delete").time(() -> kernel.deleteNetNs(kernel.createNetNs(name)));
    }
    for (int i = 0; i < count; i++) {
      String name = prefix + "-d" + i;
      long start = System.nanoTime();
      exec("ip", "netns", "add", name);
      exec("ip", "netns", "delete", name);
      process("netns_add_delete").add(System.nanoTime() - start);
    }
  }

  private static NftRuleset ruleset(int i) {
    NftTable table =
        new NftTable(
            NftFamily.INET,
            "jbench",
            List.of(
                NftChain.base(
                    "forward",
                    new NftBaseChain(
                        NftBaseChain.Type.FILTER,
                        NftBaseChain.Hook.FORWARD,
                        0,
                        NftBaseChain.Policy.ACCEPT),
                    List.of(
                        NftRule.of("iifname {} oifname {} accept", "br-" + i, "br-" + i)
                            .withComment("same-bridge"),
                        NftRule.of("ip saddr {} drop", IpPrefix.parse("10.200.0.0/16"))
                            .withComment("isolate"))),
                NftChain.base(
                    "postrouting",
                    new NftBaseChain(
                        NftBaseChain.Type.NAT,
                        NftBaseChain.Hook.POSTROUTING,
                        100,
                        NftBaseChain.Policy.ACCEPT),
                    List.of(
                        NftRule.of(
                            "ip saddr {} oifname != {} masquerade",
                            IpPrefix.parse("172.18.0.0/16"),
                            "br-" + i)))));
    return NftRuleset.builder().replaceTable(table).build();
  }

  private void nftApplies(Kernel kernel, NetStack stack, NetNs host, int count) throws Exception {
    for (int i = 0; i < 20; i++) {
      stack.applyNft(ruleset(i)); // warm-up, and the context's creation, unmeasured
    }
    for (int i = 0; i < count; i++) {
      NftRuleset ruleset = ruleset(i);
      junction("nft_apply").time(() -> stack.applyNft(ruleset));
    }
    Path file = Files.createTempFile("jbench", ".nft");
    try {
      for (int i = 0; i < count; i++) {
        Files.writeString(file, ruleset(i).text());
        time("nft_apply", "nsenter", "--net=" + host.path(), "nft", "-f", file.toString());
      }
    } finally {
      Files.delete(file);
    }
  }

  /** Three rounds of 200 pairs in one link group, deleted by one message; reported per pair. */
  private void groupDeletes(Kernel kernel, NetStack stack, NetNs peer, NetNs host)
      throws Exception {
    int pairs = 200;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < pairs; i++) {
        stack.addLink(
            new LinkSpec.Veth(
                "g" + i,
                LinkSettings.DEFAULT.withGroup(GROUP),
                "gp" + i,
                Optional.of(peer),
                LinkSettings.DEFAULT));
      }
      long start = System.nanoTime();
      stack.deleteLinkGroup(GROUP);
      junction("veth_delete_group").add((System.nanoTime() - start) / pairs);
      for (int i = 0; i < pairs; i++) {
        exec(
            "ip",
            "-n",
            host.name(),
            "link",
            "add",
            "h" + i,
            "group",
            String.valueOf(GROUP),
            "type",
            "veth",
            "peer",
            "name",
            "hp" + i,
            "netns",
            peer.name());
      }
      start = System.nanoTime();
      exec("ip", "-n", host.name(), "link", "delete", "group", String.valueOf(GROUP));
      process("veth_delete_group").add((System.nanoTime() - start) / pairs);
    }
  }

  private void time(String op, String... command) throws Exception {
    long start = System.nanoTime();
    exec(command);
    process(op).add(System.nanoTime() - start);
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = child.getInputStream().readAllBytes();
    if (child.waitFor() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + new String(output).strip());
    }
  }

  private void report() {
    List<String> lines = new ArrayList<>();
    for (var entry : junction.entrySet()) {
      Samples ours = entry.getValue();
      Samples theirs = process.get(entry.getKey());
      double ratio = theirs.medianNanos() / ours.medianNanos();
      lines.add(
          String.format(
              "op=%s junction_median_us=%d junction_p95_us=%d process_median_us=%d ratio=%.1f",
              entry.getKey(), ours.medianMicros(), ours.p95Micros(), theirs.medianMicros(), ratio));
    }
    lines.addAll(floorLines);
    lines.forEach(System.out::println);
  }
}
