package dev.junction.bench;

import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.Kernel;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code scripts/demo}: builds, with the kernel layer alone, what a container network is made of,
 * times each step, and shows it working with {@code ping} and iproute2: two containers on a bridge,
 * a firewall table, and two hosts joined by a VXLAN overlay. Everything lives in namespaces named
 * {@code junction-demo-*} under /run/netns, removed at the end unless {@code --keep}.
 */
final class KernelDemo {

  private static final String PREFIX = "junction-demo-";

  private final Kernel kernel;
  private final List<NetNs> made = new ArrayList<>();

  private KernelDemo(Kernel kernel) {
    this.kernel = kernel;
  }

  static void run(String[] args) throws Exception {
    boolean keep = List.of(args).contains("--keep");
    RunNetnsDirectory before = RunNetnsDirectory.observe();
    try (Kernel kernel = NetlinkKernel.open()) {
      KernelDemo demo = new KernelDemo(kernel);
      demo.removeLeftovers();
      try {
        demo.bridge();
        demo.overlay();
      } finally {
        if (keep) {
          System.out.println(
              "\nKept the namespaces; look around with: ip netns list; remove them with:");
          System.out.println(
              "  for ns in $(ip netns list | awk '/^"
                  + PREFIX
                  + "/ {print $1}'); do ip netns delete \"$ns\"; done");
        } else {
          demo.made.forEach(kernel::deleteNetNs);
          System.out.println(
              "\nRemoved the demo's namespaces (run with --keep to leave them for a look).");
        }
      }
    }
    if (!keep) {
      before.restore();
    }
  }

  private void removeLeftovers() {
    for (NetNs ns : kernel.listNetNs()) {
      if (ns.name().startsWith(PREFIX)) {
        kernel.deleteNetNs(ns);
      }
    }
  }

  private NetNs namespace(String name) {
    NetNs ns = step("ip netns add " + PREFIX + name, () -> kernel.createNetNs(PREFIX + name));
    made.add(ns);
    return ns;
  }

  private static <T> T step(String what, Supplier<T> action) {
    long start = System.nanoTime();
    T result = action.get();
    long micros = (System.nanoTime() - start) / 1000;
    System.out.printf("  %6d µs  %s%n", micros, what);
    return result;
  }

  private static void step(String what, Runnable action) {
    step(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  private static void show(String title, NetNs ns, String... command)
      throws IOException, InterruptedException {
    System.out.println("\n$ " + title);
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
    full.addAll(List.of(command));
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).stripTrailing();
    process.waitFor();
    output.lines().forEach(line -> System.out.println("  " + line));
  }

  private void bridge() throws Exception {
    System.out.println(
        "== Two containers on a bridge (what `docker network create` + `connect` build)");
    NetNs host = namespace("host");
    NetNs web = namespace("web");
    NetNs db = namespace("db");
    NetStack h = kernel.stack(host);
    step("ip link set lo up", () -> h.setUp("lo", true));
    step(
        "ip link add br-demo type bridge up",
        () -> h.addLink(new LinkSpec.Bridge("br-demo", LinkSettings.DEFAULT.withUp(true))));
    step(
        "ip addr add 172.31.0.1/24 dev br-demo",
        () -> h.addAddress("br-demo", InterfaceAddress.parse("172.31.0.1/24")));
    int n = 2;
    for (NetNs container : List.of(web, db)) {
      String address = "172.31.0." + n + "/24";
      String hostEnd = "veth-" + container.name().substring(PREFIX.length());
      MacAddress mac = MacAddress.parse(String.format("02:42:ac:1f:00:%02x", n));
      step(
          "ip link add "
              + hostEnd
              + " master br-demo up type veth peer name eth0 netns "
              + container.name()
              + " address "
              + mac,
          () ->
              h.addLink(
                  new LinkSpec.Veth(
                      hostEnd,
                      LinkSettings.DEFAULT.withMaster("br-demo").withUp(true),
                      "eth0",
                      Optional.of(container),
                      LinkSettings.DEFAULT.withMac(mac).withUp(true))));
      NetStack c = kernel.stack(container);
      step("[" + container.name() + "] ip link set lo up", () -> c.setUp("lo", true));
      step(
          "[" + container.name() + "] ip addr add " + address + " dev eth0",
          () -> c.addAddress("eth0", InterfaceAddress.parse(address)));
      step(
          "[" + container.name() + "] ip route add default via 172.31.0.1",
          () -> c.addRoute(Route.defaultVia(IpAddress.parse("172.31.0.1")).withDevice("eth0")));
      n++;
    }
    NftTable table =
        new NftTable(
            NftFamily.INET,
            "junction",
            List.of(
                NftChain.base(
                    "forward",
                    new NftBaseChain(
                        NftBaseChain.Type.FILTER,
                        NftBaseChain.Hook.FORWARD,
                        0,
                        NftBaseChain.Policy.ACCEPT),
                    List.of(
                        NftRule.of("iifname {} oifname {} accept", "br-demo", "br-demo")
                            .withComment("same network")))));
    step(
        "nft -f (table inet junction, applied atomically)",
        () -> h.applyNft(NftRuleset.builder().replaceTable(table).build()));
    show(
        "ip netns exec " + web.name() + " ping -c 2 172.31.0.3",
        web,
        "ping",
        "-c",
        "2",
        "-W",
        "1",
        "172.31.0.3");
    show("ip netns exec " + web.name() + " ip -br addr", web, "ip", "-br", "addr");
    show("ip netns exec " + host.name() + " ip -br link", host, "ip", "-br", "link");
    show("ip netns exec " + host.name() + " nft list ruleset", host, "nft", "list", "ruleset");
  }

  private void overlay() throws Exception {
    System.out.println(
        "\n== Two hosts joined by a VXLAN overlay (static FDB and neighbour entries, as Docker's overlay)");
    NetNs host1 = namespace("host1");
    NetNs host2 = namespace("host2");
    NetNs c1 = namespace("c1");
    NetNs c2 = namespace("c2");
    NetStack h1 = kernel.stack(host1);
    NetStack h2 = kernel.stack(host2);
    step(
        "ip link add under0 up type veth peer name under0 netns "
            + host2.name()
            + " (the underlay)",
        () ->
            h1.addLink(
                new LinkSpec.Veth(
                    "under0",
                    LinkSettings.DEFAULT.withUp(true),
                    "under0",
                    Optional.of(host2),
                    LinkSettings.DEFAULT.withUp(true))));
    step(
        "ip addr add 192.168.254.1/24 dev under0",
        () -> h1.addAddress("under0", InterfaceAddress.parse("192.168.254.1/24")));
    step(
        "[host2] ip addr add 192.168.254.2/24 dev under0",
        () -> h2.addAddress("under0", InterfaceAddress.parse("192.168.254.2/24")));
    MacAddress mac1 = MacAddress.parse("02:42:0a:00:01:02");
    MacAddress mac2 = MacAddress.parse("02:42:0a:00:01:03");
    overlayHost(h1, "192.168.254.1", c1, mac1, "10.0.1.2/24");
    overlayHost(h2, "192.168.254.2", c2, mac2, "10.0.1.3/24");
    step(
        "bridge fdb append " + mac2 + " dev vxlan0 dst 192.168.254.2 self permanent",
        () -> h1.appendFdb(FdbEntry.permanent("vxlan0", mac2, IpAddress.parse("192.168.254.2"))));
    step(
        "[host2] bridge fdb append " + mac1 + " dev vxlan0 dst 192.168.254.1 self permanent",
        () -> h2.appendFdb(FdbEntry.permanent("vxlan0", mac1, IpAddress.parse("192.168.254.1"))));
    step(
        "[c1] ip neigh replace 10.0.1.3 lladdr " + mac2 + " dev eth0 nud permanent",
        () ->
            kernel
                .stack(c1)
                .addNeighbor(Neighbor.permanent("eth0", IpAddress.parse("10.0.1.3"), mac2)));
    step(
        "[c2] ip neigh replace 10.0.1.2 lladdr " + mac1 + " dev eth0 nud permanent",
        () ->
            kernel
                .stack(c2)
                .addNeighbor(Neighbor.permanent("eth0", IpAddress.parse("10.0.1.2"), mac1)));
    show(
        "ip netns exec " + c1.name() + " ping -c 2 10.0.1.3   (across the overlay)",
        c1,
        "ping",
        "-c",
        "2",
        "-W",
        "1",
        "10.0.1.3");
    show(
        "ip netns exec " + host1.name() + " bridge fdb show dev vxlan0",
        host1,
        "bridge",
        "fdb",
        "show",
        "dev",
        "vxlan0");
  }

  private void overlayHost(
      NetStack host, String underlay, NetNs container, MacAddress mac, String address) {
    step(
        "ip link add br0 type bridge up",
        () -> host.addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withUp(true))));
    step(
        "ip link add vxlan0 master br0 up type vxlan id 4097 local "
            + underlay
            + " dstport 4789 nolearning dev under0",
        () ->
            host.addLink(
                new LinkSpec.Vxlan(
                    "vxlan0",
                    LinkSettings.DEFAULT.withMaster("br0").withUp(true),
                    4097,
                    Optional.of(IpAddress.parse(underlay)),
                    LinkSpec.Vxlan.IANA_PORT,
                    false,
                    Optional.of("under0"))));
    step(
        "ip link add veth0 master br0 up type veth peer name eth0 netns "
            + container.name()
            + " mtu 1450",
        () ->
            host.addLink(
                new LinkSpec.Veth(
                    "veth0",
                    LinkSettings.DEFAULT.withMaster("br0").withUp(true),
                    "eth0",
                    Optional.of(container),
                    LinkSettings.DEFAULT.withMac(mac).withMtu(1450).withUp(true))));
    NetStack inside = kernel.stack(container);
    step("[" + container.name() + "] ip link set lo up", () -> inside.setUp("lo", true));
    step(
        "[" + container.name() + "] ip addr add " + address + " dev eth0",
        () -> inside.addAddress("eth0", InterfaceAddress.parse(address)));
  }
}
