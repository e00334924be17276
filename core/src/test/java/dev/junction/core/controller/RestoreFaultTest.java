package dev.junction.core.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.driver.bridge.BridgeDriver;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Lifecycle;
import dev.junction.core.model.ModelJson;
import dev.junction.core.model.Network;
import dev.junction.core.store.Expect;
import dev.junction.kernel.Errno;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restore whose steps fail — each of its kernel changes failed in turn — still starts, leaves
 * what it could not do for check() to show, and a second start finishes it: store and kernel agree.
 */
class RestoreFaultTest {

  /** What the scenario expects to be there after a good restore. */
  private record Expected(String frontBridge, String webHostEnd) {}

  /** A run that leaves every kind of work for the next start, with the controller closed. */
  private static Expected leaveWork(Engine engine) {
    Controller controller = engine.controller;
    Network front =
        controller.createNetwork(
            NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.1.0.0/24")));
    controller.createNetwork(
        NetworkRequest.bridge("back").withSubnets(SubnetRequest.of("10.2.0.0/24")));
    for (String name : List.of("web", "db", "gone", "half")) {
      controller.createSandbox(SandboxRequest.named(name));
    }
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    Endpoint db = controller.connect("db", "back", EndpointRequest.DEFAULT);
    controller.connect("gone", "front", EndpointRequest.DEFAULT);
    Endpoint half = controller.connect("half", "back", EndpointRequest.DEFAULT);
    controller.close();

    engine.host().deleteLink(BridgeDriver.bridgeName(front));
    engine.sandbox("web").deleteLink("eth0");
    engine.sandbox("db").deleteAddress("eth0", db.ipv4().orElseThrow());
    engine.kernel.deleteNetNs(new NetNs(Engine.NETNS_DIR.resolve("gone")));
    engine
        .host()
        .addLink(new LinkSpec.Bridge("stray0", LinkSettings.DEFAULT.withGroup(LinkGroups.LIVE)));
    engine.store.transaction(
        tx ->
            tx.put(
                Registry.key(half),
                ModelJson.write(half.withLifecycle(Lifecycle.CREATING)),
                Expect.ANY));
    return new Expected(BridgeDriver.bridgeName(front), BridgeDriver.hostInterfaceName(web));
  }

  private static void assertConverged(Engine engine, Expected expected) {
    engine.controller.flushDeletions();
    assertThat(engine.controller.check()).isEmpty();
    assertThat(engine.host().findLink(expected.frontBridge())).isPresent();
    assertThat(engine.host().findLink(expected.webHostEnd())).isPresent();
    assertThat(engine.host().findLink("stray0")).isEmpty();
    assertThat(engine.controller.listSandboxes())
        .extracting(s -> s.name())
        .containsExactlyInAnyOrder("web", "db", "half");
  }

  @Test
  void aSecondStartConvergesWhicheverChangeOfTheFirstFailed() {
    int changes;
    try (Engine engine = new Engine()) {
      Expected expected = leaveWork(engine);
      engine.kernel.clearLog();
      engine.controller = Controller.start(engine.config(), engine.kernel, engine.store);
      engine.controller.flushDeletions();
      changes = engine.kernel.log().size();
      assertConverged(engine, expected);
    }
    assertThat(changes).as("the restore changes things").isGreaterThan(5);

    List<String> leftOver = new ArrayList<>();
    for (int change = 0; change < changes; change++) {
      try (Engine engine = new Engine()) {
        Expected expected = leaveWork(engine);
        engine.kernel.failChange(change, Errno.EIO);
        // A step that fails does not stop the start: the daemon serves all the rest.
        engine.controller = Controller.start(engine.config(), engine.kernel, engine.store);
        engine.controller.flushDeletions();
        List<Difference> left = engine.controller.check();
        if (!left.isEmpty()) {
          leftOver.add("change " + change + ": " + left);
        }
        engine.controller.close();
        engine.kernel.failChange(Integer.MAX_VALUE, Errno.EIO); // no more failures

        engine.controller = Controller.start(engine.config(), engine.kernel, engine.store);
        assertConverged(engine, expected);
      }
    }
    assertThat(leftOver).as("failed steps left work that check() showed").isNotEmpty();
  }
}
