package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.ControllerConfig;
import dev.junction.core.controller.EndpointRequest;
import dev.junction.core.controller.NetworkRequest;
import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.controller.SandboxRequest;
import dev.junction.core.controller.SandboxView;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.error.ForbiddenException;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.ExtraHost;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import dev.junction.core.store.sqlite.SqliteStore;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NetlinkKernel;
import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.ns.TestNamespaces;
import dev.junction.testkit.observe.Command;
import dev.junction.testkit.observe.IpObserver;
import dev.junction.testkit.observe.ObservedLink;
import dev.junction.testkit.observe.ObservedRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The controller on the real kernel, its networks in a "host" namespace the test creates, checked
 * with iproute2, ping and the files themselves, never through the code under test.
 */
@ExtendWith(RootNamespaceGuard.class)
class ControllerOnKernelTest {

  private final IpObserver observer = new IpObserver();
  private TestNamespaces<NetlinkKernel> namespaces;
  private NetNs hostNs;
  private Path dataRoot;
  private SqliteStore store;
  private Controller controller;

  @BeforeEach
  void start() throws IOException {
    namespaces = TestNamespaces.open(NetlinkKernel::open);
    hostNs = namespaces.create("host");
    namespaces.kernel().stack(hostNs).setUp("lo", true);
    dataRoot = Files.createTempDirectory("junction-it");
    Path resolv = dataRoot.resolve("host-resolv.conf");
    Files.writeString(resolv, "nameserver 192.0.2.53\nsearch example.test\n");
    store = SqliteStore.open(dataRoot.resolve("store.db"));
    controller =
        Controller.start(
            ControllerConfig.defaults(dataRoot, hostNs)
                .withEtcNetns(dataRoot.resolve("etc-netns"))
                .withHostResolvConf(resolv),
            namespaces.kernel(),
            store);
  }

  @AfterEach
  void stop() throws IOException {
    try {
      controller.close();
      store.close();
      namespaces.close();
    } finally {
      try (Stream<Path> paths = Files.walk(dataRoot)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private NetNs ns(Sandbox sandbox) {
    return new NetNs(sandbox.netns());
  }

  private static Command.Result ping(NetNs from, String address) {
    return Command.runIn(from, "ping", "-c", "1", "-W", "2", "-n", address);
  }

  private ObservedRoute defaultRoute(NetNs ns) {
    return observer.routes(ns, dev.junction.kernel.ip.IpFamily.V4, 254).stream()
        .filter(r -> r.destination().equals("0.0.0.0/0"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no default route in " + ns));
  }

  @Test
  void twoSandboxesOnOneBridgeNetworkPingEachOther() {
    controller.createNetwork(
        NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.77.0.0/24")));
    Sandbox a = controller.createSandbox(SandboxRequest.named("a"));
    Sandbox b = controller.createSandbox(SandboxRequest.named("b"));
    controller.connect("a", "front", EndpointRequest.DEFAULT);
    Endpoint eb = controller.connect("b", "front", EndpointRequest.DEFAULT);
    Command.Result result = ping(ns(a), eb.ipv4().orElseThrow().address().toString());
    assertThat(result.ok()).as(result.output() + result.error()).isTrue();
    assertThat(ping(ns(b), "10.77.0.2").ok()).isTrue();
    assertThat(ping(ns(a), "10.77.0.1").ok()).as("the gateway on the bridge answers").isTrue();
    // The host ends carry the bridge's MAC, so that the bridge's forwarding table holds no entry
    // per port; the sandbox ends keep their own.
    List<ObservedLink> hostLinks = observer.links(hostNs);
    List<ObservedLink> ports = hostLinks.stream().filter(l -> l.kind().equals("veth")).toList();
    assertThat(ports).hasSize(2);
    String bridgeName = ports.getFirst().master().orElseThrow();
    ObservedLink bridge =
        hostLinks.stream().filter(l -> l.name().equals(bridgeName)).findFirst().orElseThrow();
    assertThat(bridge.kind()).isEqualTo("bridge");
    assertThat(ports)
        .allSatisfy(
            port -> {
              assertThat(port.master()).contains(bridgeName);
              assertThat(port.mac()).isEqualTo(bridge.mac());
            });
    assertThat(observer.links(ns(a)))
        .filteredOn(l -> l.name().equals("eth0"))
        .singleElement()
        .satisfies(eth0 -> assertThat(eth0.mac()).isNotEqualTo(bridge.mac()));
  }

  @Test
  void aSandboxOnTwoNetworksHasEth0AndEth1AndTheDefaultRouteMoves() {
    controller.createNetwork(
        NetworkRequest.bridge("beta").withSubnets(SubnetRequest.of("10.78.2.0/24")));
    controller.createNetwork(
        NetworkRequest.bridge("alpha").withSubnets(SubnetRequest.of("10.78.1.0/24")));
    Sandbox web = controller.createSandbox(SandboxRequest.named("web"));
    controller.connect("web", "beta", EndpointRequest.DEFAULT);
    assertThat(defaultRoute(ns(web)))
        .satisfies(
            r -> {
              assertThat(r.device()).isEqualTo("eth0");
              assertThat(r.gateway()).isEqualTo("10.78.2.1");
            });
    controller.connect("web", "alpha", EndpointRequest.DEFAULT);
    assertThat(observer.links(ns(web))).extracting(ObservedLink::name).contains("eth0", "eth1");
    assertThat(observer.addresses(ns(web), "eth0")).containsExactly("10.78.2.2/24");
    assertThat(observer.addresses(ns(web), "eth1")).containsExactly("10.78.1.2/24");
    assertThat(defaultRoute(ns(web)))
        .satisfies(
            r -> {
              assertThat(r.device()).isEqualTo("eth1");
              assertThat(r.gateway()).isEqualTo("10.78.1.1");
            });
    controller.disconnect("web", "alpha", false);
    assertThat(defaultRoute(ns(web)))
        .satisfies(
            r -> {
              assertThat(r.device()).isEqualTo("eth0");
              assertThat(r.gateway()).isEqualTo("10.78.2.1");
            });
    assertThat(observer.links(ns(web))).extracting(ObservedLink::name).doesNotContain("eth1");
  }

  @Test
  void staticAddressesRangesAndAuxAddressesAreHonoured() {
    controller.createNetwork(
        NetworkRequest.bridge("front")
            .withSubnets(
                SubnetRequest.of("10.79.0.0/16")
                    .withRange("10.79.5.0/24")
                    .withGateway("10.79.0.254")
                    .withAux(Map.of("router", IpAddress.parse("10.79.5.1")))));
    Sandbox a = controller.createSandbox(SandboxRequest.named("a"));
    Sandbox b = controller.createSandbox(SandboxRequest.named("b"));
    controller.connect("a", "front", EndpointRequest.DEFAULT);
    controller.connect("b", "front", EndpointRequest.DEFAULT.withIpv4("10.79.200.7"));
    // The range's own first address is a host address of the /16: Docker hands it out too.
    assertThat(observer.addresses(ns(a), "eth0")).containsExactly("10.79.5.0/16");
    assertThat(observer.addresses(ns(b), "eth0")).containsExactly("10.79.200.7/16");
    assertThat(defaultRoute(ns(a)).gateway()).isEqualTo("10.79.0.254");
    assertThat(ping(ns(a), "10.79.200.7").ok()).isTrue();
  }

  @Test
  void aNetworkWithEndpointsCannotBeDeletedAndTheErrorNamesThem() {
    controller.createNetwork(
        NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.80.0.0/24")));
    controller.createSandbox(SandboxRequest.named("web"));
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    assertThatThrownBy(() -> controller.deleteNetwork("front"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("web");
    String bridge = "br-" + controller.inspectNetwork("front").network().id().shortId();
    assertThat(observer.link(hostNs, bridge)).isPresent();
    controller.disconnect("web", "front", false);
    controller.deleteNetwork("front");
    controller.flushDeletions();
    assertThat(observer.link(hostNs, bridge)).isEmpty();
  }

  @Test
  void aDeletedNetworksBridgeIsDeletedByTheKernelOnceNetworkChangesPause()
      throws InterruptedException {
    Network front =
        controller.createNetwork(
            NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.84.0.0/24")));
    controller.deleteNetwork("front");
    String pending = "jd" + front.id().value().substring(0, 13);
    // Out of use at once, waiting apart from the disconnects' batches (unless 100 ms passed).
    observer
        .link(hostNs, pending)
        .ifPresent(
            link -> {
              assertThat(link.group()).isEqualTo(LinkGroups.PENDING_SLOW_DELETION);
              assertThat(link.isUp()).isFalse();
            });
    assertThat(observer.link(hostNs, "br-" + front.id().shortId())).isEmpty();
    // No flush: the pause alone lets the reaper delete it.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (observer.link(hostNs, pending).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(observer.link(hostNs, pending)).isEmpty();
  }

  @Test
  void hostsAndResolvConfAreWrittenForTheSandbox() throws IOException {
    controller.createNetwork(
        NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.81.0.0/24")));
    controller.createSandbox(
        SandboxRequest.named("web")
            .withHostname("www")
            .withExtraHosts(List.of(ExtraHost.parse("db:10.81.0.99"))));
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    SandboxView view = controller.inspectSandbox("web");
    assertThat(Files.readString(view.hostsFile()))
        .contains("127.0.0.1\tlocalhost")
        .contains("10.81.0.99\tdb")
        .contains("10.81.0.2\twww");
    assertThat(Files.readString(view.resolvConf()))
        .contains("nameserver 192.0.2.53")
        .contains("search example.test");
    Path etc = dataRoot.resolve("etc-netns").resolve("web");
    assertThat(Files.readString(etc.resolve("hosts"))).contains("10.81.0.2\twww");
  }

  @Test
  void aNamespaceMadeByAnotherToolIsAdoptedAndKept() throws Exception {
    Process holder = new ProcessBuilder("unshare", "--net", "sleep", "60").start();
    try {
      Path path = Path.of("/proc", String.valueOf(holder.pid()), "ns", "net");
      Path self = Path.of("/proc/self/ns/net");
      for (int i = 0;
          i < 100 && Files.readSymbolicLink(path).equals(Files.readSymbolicLink(self));
          i++) {
        Thread.sleep(10);
      }
      controller.createNetwork(
          NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.82.0.0/24")));
      Sandbox adopted = controller.createSandbox(SandboxRequest.named("adopted").adopting(path));
      controller.createSandbox(SandboxRequest.named("peer"));
      controller.connect("adopted", "front", EndpointRequest.DEFAULT);
      Endpoint peer = controller.connect("peer", "front", EndpointRequest.DEFAULT);
      Command.check(new NetNs(path), "ip", "link", "set", "lo", "up");
      assertThat(ping(ns(adopted), peer.ipv4().orElseThrow().address().toString()).ok()).isTrue();
      controller.deleteSandbox("adopted");
      assertThat(observer.links(new NetNs(path)))
          .extracting(ObservedLink::name)
          .doesNotContain("eth0");
      assertThat(observer.netNsExists(path)).as("an adopted namespace is not deleted").isTrue();
    } finally {
      holder.destroy();
      holder.waitFor();
    }
  }

  @Test
  void aNamespaceMadeByIpNetnsAddIsAdopted() throws Exception {
    Path runNetns = Path.of("/run/netns");
    boolean existed = Files.isDirectory(runNetns);
    boolean mounted = TestNamespaces.isMountPoint(runNetns);
    String name = "jt-" + ProcessHandle.current().pid();
    Command.check(null, "ip", "netns", "add", name);
    try {
      controller.createNetwork(
          NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.84.0.0/24")));
      Sandbox adopted =
          controller.createSandbox(
              SandboxRequest.named("adopted").adopting(runNetns.resolve(name)));
      controller.createSandbox(SandboxRequest.named("peer"));
      controller.connect("adopted", "front", EndpointRequest.DEFAULT);
      Endpoint peer = controller.connect("peer", "front", EndpointRequest.DEFAULT);
      Command.Result result =
          Command.run(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  name,
                  "ping",
                  "-c",
                  "1",
                  "-W",
                  "2",
                  "-n",
                  peer.ipv4().orElseThrow().address().toString()));
      assertThat(result.ok()).as(result.output() + result.error()).isTrue();
      assertThat(adopted.ownsNetns()).isFalse();
      controller.deleteSandbox("adopted");
      assertThat(Command.check(null, "ip", "netns", "list")).contains(name);
      assertThat(observer.links(new NetNs(runNetns.resolve(name))))
          .extracting(ObservedLink::name)
          .containsExactly("lo");
    } finally {
      Command.check(null, "ip", "netns", "delete", name);
      // ip netns add made /run/netns a mount point (and the directory): put them back as they were.
      if (!mounted) {
        while (TestNamespaces.isMountPoint(runNetns)) {
          Command.check(null, "umount", runNetns.toString());
        }
      }
      if (!existed) {
        Files.deleteIfExists(runNetns);
      }
    }
  }

  @Test
  void deletingASandboxRemovesEverythingItHad() {
    controller.createNetwork(
        NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.83.0.0/24")));
    Sandbox web = controller.createSandbox(SandboxRequest.named("web"));
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    List<String> hostLinks = observer.links(hostNs).stream().map(ObservedLink::name).toList();
    assertThat(hostLinks).anyMatch(name -> name.startsWith("veth"));
    controller.deleteSandbox("web");
    controller.flushDeletions();
    assertThat(observer.netNsExists(web.netns())).isFalse();
    assertThat(observer.links(hostNs))
        .extracting(ObservedLink::name)
        .noneMatch(name -> name.startsWith("veth") || name.startsWith("jd"));
    assertThat(Files.exists(dataRoot.resolve("sandboxes").resolve(web.id().value()))).isFalse();
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
  }
}
