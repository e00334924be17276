package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.controller.Controller;
import dev.junction.core.controller.ControllerConfig;
import dev.junction.core.controller.EndpointRequest;
import dev.junction.core.controller.NetworkRequest;
import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.controller.NetworkView;
import dev.junction.core.controller.SandboxRequest;
import dev.junction.core.ipam.Subnet;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Sandbox;
import dev.junction.core.store.sqlite.SqliteStore;
import dev.junction.kernel.ns.NetNs;
import dev.junction.netlink.NetlinkKernel;
import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.ns.TestNamespaces;
import dev.junction.testkit.observe.IpObserver;
import dev.junction.testkit.observe.ObservedLink;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 8 threads × 200 connects and disconnects on two shared networks, on the real kernel: afterwards
 * store, IPAM and kernel agree, as an independent observer sees them.
 */
@ExtendWith(RootNamespaceGuard.class)
class ControllerStressTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 200;
  private static final long SEED = 20261128L;

  @Test
  void concurrentConnectsAndDisconnectsLeaveStoreIpamAndKernelConsistent() throws Exception {
    Path data = Files.createTempDirectory("junction-stress");
    try (TestNamespaces<NetlinkKernel> namespaces = TestNamespaces.open(NetlinkKernel::open);
        SqliteStore store = SqliteStore.open(data.resolve("store.db"))) {
      NetNs hostNs = namespaces.create("host");
      ControllerConfig config =
          ControllerConfig.defaults(data, hostNs).withEtcNetns(data.resolve("etc-netns"));
      Controller controller = Controller.start(config, namespaces.kernel(), store);
      try {
        List<String> networks = List.of("red", "blue");
        controller.createNetwork(
            NetworkRequest.bridge("red").withSubnets(SubnetRequest.of("10.90.0.0/24")));
        controller.createNetwork(
            NetworkRequest.bridge("blue").withSubnets(SubnetRequest.of("10.91.0.0/24")));
        BigInteger usedBefore = used(controller, "red").add(used(controller, "blue"));
        for (int t = 0; t < THREADS; t++) {
          for (int s = 0; s < 2; s++) {
            controller.createSandbox(SandboxRequest.named("t" + t + "s" + s));
          }
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
          List<Future<?>> work = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            int thread = t;
            work.add(
                threads.submit(
                    () -> {
                      Random random = new Random(SEED + thread);
                      for (int round = 0; round < ROUNDS; round++) {
                        String sandbox = "t" + thread + "s" + random.nextInt(2);
                        String network = networks.get(random.nextInt(2));
                        boolean connected =
                            controller.inspectSandbox(sandbox).endpoints().stream()
                                .anyMatch(a -> a.network().name().equals(network));
                        if (connected) {
                          controller.disconnect(sandbox, network, false);
                        } else {
                          controller.connect(sandbox, network, EndpointRequest.DEFAULT);
                        }
                      }
                      return null;
                    }));
          }
          for (Future<?> done : work) {
            done.get();
          }
        }
        controller.flushDeletions();

        IpObserver observer = new IpObserver();
        List<Endpoint> endpoints = new ArrayList<>();
        for (String network : networks) {
          NetworkView view = controller.inspectNetwork(network);
          view.endpoints().forEach(a -> endpoints.add(a.endpoint()));
          // every endpoint's address is unique on its network
          Set<String> addresses =
              view.endpoints().stream()
                  .map(a -> a.endpoint().ipv4().orElseThrow().toString())
                  .collect(Collectors.toSet());
          assertThat(addresses).hasSize(view.endpoints().size());
        }
        // IPAM holds exactly the endpoints' addresses beyond what the networks themselves hold
        assertThat(used(controller, "red").add(used(controller, "blue")))
            .isEqualTo(usedBefore.add(BigInteger.valueOf(endpoints.size())));
        // the host has one veth per endpoint, nothing pending, nothing else
        Set<String> expectedHostEnds =
            endpoints.stream().map(Endpoint::hostInterface).collect(Collectors.toSet());
        Set<String> actualHostEnds = new HashSet<>();
        for (ObservedLink link : observer.links(hostNs)) {
          if (link.kind().equals("veth")) {
            actualHostEnds.add(link.name());
          }
          assertThat(link.name()).as("no link left waiting for deletion").doesNotStartWith("jd");
        }
        assertThat(actualHostEnds).isEqualTo(expectedHostEnds);
        // each sandbox has exactly its endpoints' interfaces, with their addresses
        for (Sandbox sandbox : controller.listSandboxes()) {
          NetNs ns = new NetNs(sandbox.netns());
          List<Endpoint> own =
              endpoints.stream().filter(e -> e.sandbox().equals(sandbox.id())).toList();
          Set<String> interfaces =
              observer.links(ns).stream()
                  .map(ObservedLink::name)
                  .filter(n -> !n.equals("lo"))
                  .collect(Collectors.toSet());
          assertThat(interfaces)
              .isEqualTo(own.stream().map(Endpoint::interfaceName).collect(Collectors.toSet()));
          for (Endpoint endpoint : own) {
            assertThat(observer.addresses(ns, endpoint.interfaceName()))
                .containsExactly(endpoint.ipv4().orElseThrow().toString());
          }
        }
        // and a restarted controller reads the same from the store
        controller.close();
        Controller restarted = Controller.start(config, namespaces.kernel(), store);
        List<Endpoint> reread = new ArrayList<>();
        for (String network : networks) {
          restarted.inspectNetwork(network).endpoints().forEach(a -> reread.add(a.endpoint()));
        }
        restarted.close();
        assertThat(reread).containsExactlyInAnyOrderElementsOf(endpoints);
      } finally {
        controller.close();
      }
    } finally {
      try (Stream<Path> paths = Files.walk(data)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static BigInteger used(Controller controller, String network) {
    return controller.subnetsByNetwork().get(network).stream()
        .map(Subnet::used)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }
}
