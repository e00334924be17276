package dev.junction.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.driver.bridge.BridgeDriver;
import dev.junction.core.error.ForbiddenException;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Lifecycle;
import dev.junction.core.model.ModelJson;
import dev.junction.core.store.Expect;
import dev.junction.core.store.memory.MemoryStore;
import dev.junction.kernel.Errno;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.fake.FakeKernel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code network disconnect --force} removes an endpoint whatever state it is in, and {@code
 * network rm} is never blocked by an endpoint that no longer exists: where Docker answers "endpoint
 * not found" or "has active endpoints" for what is no longer there.
 */
class ForcedRemovalTest {

  private final MemoryStore store = new MemoryStore();
  private final Engine engine = new Engine(new FakeKernel(Engine.NETNS_DIR), store);
  private Controller controller = engine.controller;

  @AfterEach
  void close() {
    engine.close();
  }

  private Endpoint connectedWeb() {
    controller.createNetwork(
        NetworkRequest.bridge("front").withSubnets(SubnetRequest.of("10.1.0.0/24")));
    controller.createSandbox(SandboxRequest.named("web"));
    return controller.connect("web", "front", EndpointRequest.DEFAULT);
  }

  /** Gone without trace: no record, no host end, its address free for the next connect. */
  private void assertRemoved(Endpoint endpoint) {
    controller.flushDeletions();
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(endpoint))).isEmpty();
    assertThat(controller.check()).isEmpty();
    controller.createSandbox(SandboxRequest.named("next"));
    assertThat(controller.connect("next", "front", EndpointRequest.DEFAULT).ipv4())
        .isEqualTo(endpoint.ipv4());
  }

  /** The endpoint of web, stored in {@code lifecycle}, restored by a start whose commits fail. */
  private void leaveEndpointIn(Endpoint endpoint, Lifecycle lifecycle) {
    controller.close();
    store.transaction(
        tx ->
            tx.put(
                Registry.key(endpoint),
                ModelJson.write(endpoint.withLifecycle(lifecycle)),
                Expect.ANY));
    // the restore's attempt to finish it fails: the endpoint stays as the crash left it
    store.failNextCommit(new IllegalStateException("disk full"));
    controller = engine.restart();
    assertThat(controller.check())
        .extracting(Difference::toString)
        .anyMatch(d -> d.contains("is still being"));
  }

  @Test
  void anEndpointLeftDeletingIsRemoved() {
    Endpoint web = connectedWeb();
    leaveEndpointIn(web, Lifecycle.DELETING);

    controller.disconnect("web", "front", true);

    assertRemoved(web);
  }

  @Test
  void anEndpointLeftCreatingIsRemoved() {
    Endpoint web = connectedWeb();
    leaveEndpointIn(web, Lifecycle.CREATING);

    controller.disconnect("web", "front", true);

    assertRemoved(web);
  }

  @Test
  void anEndpointIsRemovedEvenWhenTheKernelRefuses() {
    Endpoint web = connectedWeb();
    engine.kernel.failChange(0, Errno.EBUSY);
    assertThatThrownBy(() -> controller.disconnect("web", "front", false))
        .hasMessageContaining("EBUSY");
    assertThat(controller.inspectNetwork("front").endpoints()).hasSize(1);

    engine.kernel.failChange(0, Errno.EBUSY);
    controller.disconnect("web", "front", true);

    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
    // what the kernel kept is the next start's to remove
    controller = engine.restart();
    assertRemoved(web);
  }

  @Test
  void anEndpointWhoseInterfaceAndAddressesWentIsRemoved() {
    Endpoint web = connectedWeb();
    engine.sandbox("web").deleteLink("eth0"); // by hand; its veth peer goes with it

    controller.disconnect("web", "front", true);

    assertRemoved(web);
  }

  @Test
  void anEndpointWhoseSandboxNamespaceWentIsRemoved() {
    Endpoint web = connectedWeb();
    engine.kernel.destroyNetNs(new NetNs(Engine.NETNS_DIR.resolve("web")));

    controller.disconnect("web", "front", true);

    // the watch, not running here, would remove the sandbox itself
    assertThat(controller.check())
        .extracting(Difference::toString)
        .containsExactly(
            "sandbox web: its namespace " + Engine.NETNS_DIR.resolve("web") + " is gone");
    controller.deleteSandbox("web");
    assertRemoved(web);
  }

  @Test
  void networkRmIsNotBlockedByAnEndpointWhoseSandboxWent() {
    Endpoint web = connectedWeb();
    engine.kernel.destroyNetNs(new NetNs(Engine.NETNS_DIR.resolve("web")));
    engine.events.clear();

    controller.deleteNetwork("front"); // before the watch has seen the namespace go

    assertThat(controller.listNetworks()).extracting(n -> n.name()).doesNotContain("front");
    assertThat(controller.listSandboxes()).isEmpty();
    assertThat(engine.events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Disconnected", "SandboxDestroyed", "NetworkDestroyed");
    controller.flushDeletions();
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(web))).isEmpty();
    assertThat(controller.check()).isEmpty();
  }

  @Test
  void networkRmIsStillRefusedWhileAnEndpointIsThere() {
    connectedWeb();
    engine.sandbox("web").deleteLink("eth0"); // drifted, but its sandbox is there

    assertThatThrownBy(() -> controller.deleteNetwork("front"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("has active endpoints");
    assertThat(controller.listSandboxes()).extracting(s -> s.name()).isEqualTo(List.of("web"));
  }
}
