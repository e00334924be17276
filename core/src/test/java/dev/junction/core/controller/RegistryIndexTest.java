package dev.junction.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.error.NotFoundException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry answers "the endpoints of this sandbox / network" and "the object of this name" from
 * indexes kept beside its objects; these tests hold them to a model of what was done, through
 * connects, disconnects, deletions, name reuse and a restart (which rebuilds them from the store).
 */
class RegistryIndexTest {

  private final Engine engine = new Engine();
  private Controller controller = engine.controller;

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void endpointsOfASandboxAndOfANetworkFollowEveryConnectAndDisconnect() {
    List<String> networks = List.of("n0", "n1", "n2");
    List<String> sandboxes = List.of("s0", "s1", "s2", "s3");
    for (int i = 0; i < networks.size(); i++) {
      controller.createNetwork(
          NetworkRequest.bridge(networks.get(i))
              .withSubnets(SubnetRequest.of("10.77." + i + ".0/24")));
    }
    sandboxes.forEach(name -> controller.createSandbox(SandboxRequest.named(name)));
    Map<String, Set<String>> joined = new HashMap<>(); // sandbox -> networks
    sandboxes.forEach(name -> joined.put(name, new HashSet<>()));
    Random random = new Random(7);
    for (int step = 0; step < 120; step++) {
      String sandbox = sandboxes.get(random.nextInt(sandboxes.size()));
      String network = networks.get(random.nextInt(networks.size()));
      if (joined.get(sandbox).add(network)) {
        controller.connect(sandbox, network, EndpointRequest.DEFAULT);
      } else {
        controller.disconnect(sandbox, network, false);
        joined.get(sandbox).remove(network);
      }
      assertMatches(joined, networks);
      if (step == 60) {
        controller = engine.restart();
        assertMatches(joined, networks);
      }
    }
  }

  @Test
  void aDeletedObjectsNameNamesItsSuccessorAndNothingElse() {
    String first = controller.createSandbox(SandboxRequest.named("web")).id().value();
    String network =
        controller
            .createNetwork(
                NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.78.0.0/24")))
            .id()
            .value();
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.deleteSandbox("web");
    assertThatThrownBy(() -> controller.inspectSandbox("web"))
        .isInstanceOf(NotFoundException.class);
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();

    String second = controller.createSandbox(SandboxRequest.named("web")).id().value();
    assertThat(second).isNotEqualTo(first);
    assertThat(controller.inspectSandbox("web").sandbox().id().value()).isEqualTo(second);
    assertThat(controller.inspectSandbox(second).sandbox().name()).isEqualTo("web");
    assertThat(controller.inspectSandbox(second.substring(0, 12)).sandbox().name())
        .isEqualTo("web");
    assertThat(controller.inspectSandbox("web").endpoints()).isEmpty();

    controller.deleteNetwork("front");
    assertThatThrownBy(() -> controller.inspectNetwork("front"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> controller.inspectNetwork(network))
        .isInstanceOf(NotFoundException.class);
    String again =
        controller
            .createNetwork(
                NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.78.0.0/24")))
            .id()
            .value();
    assertThat(controller.inspectNetwork("front").network().id().value()).isEqualTo(again);
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    assertThat(controller.inspectNetwork(again).endpoints()).hasSize(1);
  }

  private void assertMatches(Map<String, Set<String>> joined, List<String> networks) {
    for (Map.Entry<String, Set<String>> sandbox : joined.entrySet()) {
      assertThat(
              controller.inspectSandbox(sandbox.getKey()).endpoints().stream()
                  .map(a -> a.network().name()))
          .as("networks of sandbox %s", sandbox.getKey())
          .containsExactlyInAnyOrderElementsOf(sandbox.getValue());
    }
    for (String network : networks) {
      Set<String> expected = new HashSet<>();
      joined.forEach(
          (sandbox, of) -> {
            if (of.contains(network)) {
              expected.add(sandbox);
            }
          });
      assertThat(
              controller.inspectNetwork(network).endpoints().stream().map(a -> a.sandbox().name()))
          .as("sandboxes on network %s", network)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
