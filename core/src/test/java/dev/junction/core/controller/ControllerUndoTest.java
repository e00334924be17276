package dev.junction.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.ipam.Subnet;
import dev.junction.core.store.Entry;
import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.ns.NetNs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every undo path: each kernel change an operation makes is failed in turn, and store, IPAM, kernel
 * and files must then be exactly as before the call — and the operation must work when retried.
 */
class ControllerUndoTest {

  /** What an operation could leave behind, in comparable form. */
  private record State(
      Map<String, String> store,
      List<String> kernel,
      List<String> ipam,
      Map<String, String> files) {}

  private static State snapshot(Engine engine) {
    engine.controller.flushDeletions();
    engine.controller.flushStore();
    Map<String, String> store = new TreeMap<>();
    engine.store.read(
        tx -> {
          for (String prefix : List.of("network/", "endpoint/", "sandbox/")) {
            for (Entry entry : tx.list(prefix)) {
              store.put(entry.key(), entry.value());
            }
          }
          return null;
        });
    List<String> kernel = new ArrayList<>();
    List<NetNs> namespaces = new ArrayList<>(engine.kernel.listNetNs());
    namespaces.add(NetNs.current());
    for (NetNs ns : namespaces) {
      NetStack stack = engine.kernel.stack(ns);
      Map<Integer, String> names = new TreeMap<>();
      for (Link link : stack.listLinks()) {
        names.put(link.index(), link.name());
      }
      for (Link link : stack.listLinks()) {
        kernel.add(
            ns.name()
                + " link "
                + link.name()
                + " "
                + link.kind()
                + " up="
                + link.isUp()
                + " mtu="
                + link.mtu()
                + " master="
                + link.masterIndex().stream().mapToObj(names::get).findFirst().orElse("-")
                + " group="
                + link.group()
                + " mac="
                + link.mac().map(Object::toString).orElse("-"));
      }
      for (LinkAddress address : stack.listAddresses(null)) {
        kernel.add(ns.name() + " addr " + names.get(address.linkIndex()) + " " + address.address());
      }
      for (IpFamily family : IpFamily.values()) {
        for (Route route : stack.listRoutes(family, Route.MAIN_TABLE)) {
          kernel.add(ns.name() + " route " + route);
        }
      }
    }
    kernel.sort(null);
    List<String> ipam = new ArrayList<>();
    for (Map.Entry<String, List<Subnet>> network :
        new TreeMap<>(engine.controller.subnetsByNetwork()).entrySet()) {
      for (Subnet subnet : network.getValue()) {
        ipam.add(network.getKey() + " " + subnet.prefix() + " used=" + subnet.used());
      }
    }
    Map<String, String> files = new TreeMap<>();
    for (Path root : List.of(engine.dataRoot, engine.etcNetns)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.filter(Files::isRegularFile).toList()) {
          files.put(path.toString(), Files.readString(path));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new State(store, kernel, ipam, files);
  }

  /**
   * Runs {@code operation} once after {@code setup} to count its kernel changes, then, for each of
   * them, on a fresh engine, fails that change and checks that nothing is left of the attempt.
   */
  private static void assertEveryFailureIsUndone(
      Consumer<Engine> setup, Consumer<Engine> operation) {
    int changes;
    try (Engine probe = new Engine()) {
      setup.accept(probe);
      probe.controller.flushDeletions();
      probe.kernel.clearLog();
      operation.accept(probe);
      // The link reaper's batch deletion runs in the background, after the operation returned:
      // it is not one of the operation's steps.
      changes =
          (int)
              probe.kernel.log().stream()
                  .filter(change -> !change.contains("delete group"))
                  .count();
    }
    assertThat(changes).as("the operation changes the kernel").isPositive();
    for (int i = 0; i < changes; i++) {
      try (Engine engine = new Engine()) {
        setup.accept(engine);
        State before = snapshot(engine);
        engine.kernel.failChange(i, Errno.EIO);
        int failing = i;
        assertThatThrownBy(() -> operation.accept(engine))
            .as("failing change %d of %d", failing, changes)
            .isInstanceOf(KernelException.class);
        State after = snapshot(engine);
        String what = "after failing change " + i + " of " + changes + ": ";
        assertThat(after.kernel()).as(what + "kernel").containsExactlyElementsOf(before.kernel());
        assertThat(after.store()).as(what + "store").containsExactlyEntriesOf(before.store());
        assertThat(after.ipam()).as(what + "IPAM").containsExactlyElementsOf(before.ipam());
        assertThat(after.files()).as(what + "files").containsExactlyEntriesOf(before.files());
        operation.accept(engine); // and it works when tried again
      }
    }
  }

  private static void twoNetworksAndASandbox(Engine engine) {
    engine.controller.createNetwork(
        NetworkRequest.bridge("beta").withSubnets(SubnetRequest.of("10.2.0.0/24")));
    engine.controller.createNetwork(
        NetworkRequest.bridge("alpha")
            .withIpv6(true)
            .withSubnets(SubnetRequest.of("10.1.0.0/24"), SubnetRequest.of("fd00:1::/64")));
    engine.controller.createSandbox(SandboxRequest.named("web"));
    engine.controller.connect("web", "beta", EndpointRequest.DEFAULT);
  }

  @Test
  void everyFailedConnectStepIsUndone() {
    // alpha wins the election over beta: the connect also moves the default routes
    assertEveryFailureIsUndone(
        ControllerUndoTest::twoNetworksAndASandbox,
        engine -> engine.controller.connect("web", "alpha", EndpointRequest.DEFAULT));
  }

  @Test
  void everyFailedDisconnectStepIsUndone() {
    assertEveryFailureIsUndone(
        engine -> {
          twoNetworksAndASandbox(engine);
          engine.controller.connect("web", "alpha", EndpointRequest.DEFAULT);
        },
        engine -> engine.controller.disconnect("web", "alpha", false));
  }

  @Test
  void everyFailedNetworkCreationStepIsUndone() {
    assertEveryFailureIsUndone(
        engine -> {},
        engine ->
            engine.controller.createNetwork(
                NetworkRequest.bridge("front")
                    .withIpv6(true)
                    .withSubnets(
                        SubnetRequest.of("10.5.0.0/24"), SubnetRequest.of("fd00:5::/64"))));
  }

  @Test
  void everyFailedNetworkDeletionStepIsUndone() {
    assertEveryFailureIsUndone(
        engine ->
            engine.controller.createNetwork(
                NetworkRequest.bridge("front")
                    .withIpv6(true)
                    .withSubnets(SubnetRequest.of("10.5.0.0/24"), SubnetRequest.of("fd00:5::/64"))),
        engine -> engine.controller.deleteNetwork("front"));
  }

  @Test
  void everyFailedSandboxCreationStepIsUndone() {
    assertEveryFailureIsUndone(
        engine -> {}, engine -> engine.controller.createSandbox(SandboxRequest.named("web")));
  }
}
