package dev.junction.core.controller;

import static java.nio.file.Files.readString;
import static java.nio.file.Files.writeString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.driver.bridge.BridgeDriver;
import dev.junction.core.event.CoreEvent;
import dev.junction.core.id.SandboxId;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.Lifecycle;
import dev.junction.core.model.ModelJson;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import dev.junction.core.store.Expect;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a start does with what an earlier run, or a crash, left in the store and the kernel. */
class RestoreTest {

  private final Engine engine = new Engine();
  private Controller controller = engine.controller;

  @AfterEach
  void close() {
    engine.close();
  }

  private Network bridgeNetwork(String name, String subnet) {
    return controller.createNetwork(
        NetworkRequest.bridge(name).withSubnets(SubnetRequest.of(subnet)));
  }

  private Controller restart() {
    controller = engine.restart();
    controller.flushDeletions();
    return controller;
  }

  /** Every link of a namespace with its index: a link made again would have another index. */
  private static List<String> links(NetStack stack) {
    return stack.listLinks().stream()
        .map(l -> l.name() + "#" + l.index() + (l.isUp() ? " up" : " down"))
        .sorted()
        .toList();
  }

  @Test
  void aRestartTouchesNothingThatMatches() {
    bridgeNetwork("front", "10.1.0.0/24");
    controller.createSandbox(SandboxRequest.named("web"));
    controller.createSandbox(SandboxRequest.named("db"));
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.connect("db", "front", EndpointRequest.DEFAULT);
    controller.flushDeletions();
    List<String> host = links(engine.host());
    List<String> web = links(engine.sandbox("web"));
    var routes =
        engine
            .sandbox("web")
            .listRoutes(dev.junction.kernel.ip.IpFamily.V4, dev.junction.kernel.Route.MAIN_TABLE);

    assertThat(routes).anyMatch(r -> r.destination().isDefault());

    restart();

    assertThat(links(engine.host())).isEqualTo(host);
    assertThat(links(engine.sandbox("web"))).isEqualTo(web);
    assertThat(
            engine
                .sandbox("web")
                .listRoutes(
                    dev.junction.kernel.ip.IpFamily.V4, dev.junction.kernel.Route.MAIN_TABLE))
        .isEqualTo(routes);
    assertThat(controller.check()).isEmpty();
  }

  @Test
  void aSandboxWhoseNamespaceWentIsRemovedWithItsEndpointsAndAddresses() {
    bridgeNetwork("front", "10.1.0.0/24");
    controller.createSandbox(SandboxRequest.named("web"));
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.close();
    // while the daemon is down, the namespace goes (its owner removed it)
    engine.kernel.deleteNetNs(new NetNs(Engine.NETNS_DIR.resolve("web")));
    engine.events.clear();

    restart();

    assertThat(controller.listSandboxes()).isEmpty();
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(web))).isEmpty();
    assertThat(engine.events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Disconnected", "SandboxDestroyed");
    controller.createSandbox(SandboxRequest.named("db"));
    assertThat(controller.connect("db", "front", EndpointRequest.DEFAULT).ipv4())
        .isEqualTo(web.ipv4());
    assertThat(controller.check()).isEmpty();
  }

  @Test
  void operationsACrashInterruptedAreFinishedByRemovingTheirObjects() {
    Network front = bridgeNetwork("front", "10.1.0.0/24");
    Network half = bridgeNetwork("half", "10.2.0.0/24");
    controller.createSandbox(SandboxRequest.named("web"));
    controller.createSandbox(SandboxRequest.named("db"));
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    Endpoint dbEndpoint = controller.connect("db", "front", EndpointRequest.DEFAULT);
    controller.close();
    // as a crash leaves them: a connect between its intent and its address, a network deletion
    // between its intent and its end
    engine.sandbox("db").deleteAddress("eth0", dbEndpoint.ipv4().orElseThrow());
    engine.store.transaction(
        tx -> {
          tx.put(
              Registry.key(dbEndpoint),
              ModelJson.write(dbEndpoint.withLifecycle(Lifecycle.CREATING)),
              Expect.ANY);
          tx.put(
              Registry.key(half),
              ModelJson.write(half.withLifecycle(Lifecycle.DELETING)),
              Expect.ANY);
          return null;
        });
    engine.events.clear();

    restart();

    assertThat(controller.inspectNetwork("front").endpoints())
        .extracting(a -> a.sandbox().name())
        .containsExactly("web");
    assertThat(engine.sandbox("db").findLink("eth0")).isEmpty();
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(dbEndpoint))).isEmpty();
    assertThat(controller.listNetworks()).extracting(Network::name).doesNotContain("half");
    assertThat(engine.host().findLink(BridgeDriver.bridgeName(half))).isEmpty();
    assertThat(engine.events)
        .extracting(e -> e.getClass().getSimpleName())
        .contains("NetworkDestroyed");
    // the address went back to the pool: the next connect takes it
    assertThat(controller.connect("db", "front", EndpointRequest.DEFAULT).ipv4())
        .isEqualTo(dbEndpoint.ipv4());
    assertThat(controller.check()).isEmpty();
    assertThat(BridgeDriver.bridgeName(front)).isNotEmpty();
  }

  @Test
  void aConnectTheKernelHoldsWholeIsFinishedThoughItsCompletionWasNotStored() throws IOException {
    bridgeNetwork("front", "10.1.0.0/24");
    controller.createSandbox(SandboxRequest.named("web"));
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    NetStack inside = engine.sandbox("web");
    var routes = inside.listRoutes(IpFamily.V4, Route.MAIN_TABLE);
    controller.close();
    // as a crash leaves it: the intent stored (no gateway yet, as before the join), the kernel
    // work done but for the default route, the sandbox's files not yet written
    inside.deleteRoute(Route.to(IpPrefix.DEFAULT_V4));
    Endpoint intent =
        web.withGateways(Optional.empty(), Optional.empty()).withLifecycle(Lifecycle.CREATING);
    engine.store.transaction(tx -> tx.put(Registry.key(web), ModelJson.write(intent), Expect.ANY));
    Path hosts = controller.inspectSandbox("web").hostsFile();
    writeString(hosts, "");
    List<String> links = links(inside);

    restart();

    assertThat(controller.inspectNetwork("front").endpoints())
        .extracting(a -> a.endpoint())
        .containsExactly(web);
    assertThat(links(inside)).isEqualTo(links); // the same interface, not one made again
    assertThat(inside.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEqualTo(routes);
    assertThat(readString(hosts))
        .contains(
            web.ipv4().orElseThrow().address()
                + "\t"
                + controller.inspectSandbox("web").sandbox().hostname());
    assertThat(controller.check()).isEmpty();
    controller.close();
    Endpoint stored =
        engine.store.read(
            tx -> ModelJson.read(tx.get(Registry.key(web)).orElseThrow().value(), Endpoint.class));
    assertThat(stored).isEqualTo(web);
  }

  @Test
  void aSandboxCreationACrashInterruptedGoesWithItsNamespaceMadeOrNot() {
    Sandbox made = controller.createSandbox(SandboxRequest.named("made"));
    controller.close();
    // A crash after the intent: once with the namespace made, once before it was.
    Sandbox notMade =
        new Sandbox(
            SandboxId.random(),
            "notmade",
            "notmade",
            Engine.NETNS_DIR.resolve("notmade"),
            true,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            made.created(),
            Lifecycle.CREATING);
    engine.store.transaction(
        tx -> {
          tx.put(
              Registry.key(made),
              ModelJson.write(made.withLifecycle(Lifecycle.CREATING)),
              Expect.ANY);
          tx.put(Registry.key(notMade), ModelJson.write(notMade), Expect.ANY);
          return null;
        });

    restart();

    assertThat(controller.listSandboxes()).isEmpty();
    assertThat(engine.kernel.listNetNs()).isEmpty();
    assertThat(controller.check()).isEmpty();
    // the names are free again
    controller.createSandbox(SandboxRequest.named("made"));
    controller.createSandbox(SandboxRequest.named("notmade"));
  }

  @Test
  void bridgesThatDriftedAreRepairedAndKeepTheirPorts() {
    Network front = bridgeNetwork("front", "10.1.0.0/24");
    Network back = bridgeNetwork("back", "10.2.0.0/24");
    controller.createSandbox(SandboxRequest.named("web"));
    controller.createSandbox(SandboxRequest.named("db"));
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.connect("db", "back", EndpointRequest.DEFAULT);
    controller.close();
    String frontBridge = BridgeDriver.bridgeName(front);
    String backBridge = BridgeDriver.bridgeName(back);
    engine.host().deleteLink(frontBridge);
    engine.host().setUp(backBridge, false);
    engine.host().deleteAddress(backBridge, InterfaceAddress.parse("10.2.0.1/24"));

    restart();

    assertThat(controller.check()).isEmpty();
    Link bridge = engine.host().requireLink(frontBridge);
    assertThat(engine.host().requireLink(BridgeDriver.hostInterfaceName(web)).masterIndex())
        .hasValue(bridge.index());
    assertThat(engine.host().requireLink(backBridge).isUp()).isTrue();
  }

  @Test
  void endpointsThatDriftedAreRepairedWithTheirAddressesAndDefaultRoute() {
    bridgeNetwork("front", "10.1.0.0/24");
    controller.createSandbox(SandboxRequest.named("web"));
    controller.createSandbox(SandboxRequest.named("db"));
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    Endpoint db = controller.connect("db", "front", EndpointRequest.DEFAULT);
    controller.close();
    // by hand, while the daemon is down: web's veth pair deleted, db's address removed
    engine.host().deleteLink(BridgeDriver.hostInterfaceName(web));
    engine.sandbox("db").deleteAddress("eth0", db.ipv4().orElseThrow());

    restart();

    assertThat(controller.check()).isEmpty();
    for (String name : List.of("web", "db")) {
      assertThat(
              engine
                  .sandbox(name)
                  .listRoutes(
                      dev.junction.kernel.ip.IpFamily.V4, dev.junction.kernel.Route.MAIN_TABLE))
          .as(name + "'s default route")
          .anyMatch(r -> r.destination().isDefault());
    }
    assertThat(engine.sandbox("web").requireLink("eth0").mac())
        .isEqualTo(java.util.Optional.of(web.mac()));
  }

  @Test
  void linksOfJunctionsGroupThatNoRecordOwnsAreDeletedAndNoOtherLink() {
    bridgeNetwork("front", "10.1.0.0/24");
    controller.close();
    engine
        .host()
        .addLink(new LinkSpec.Bridge("stray0", LinkSettings.DEFAULT.withGroup(LinkGroups.LIVE)));
    engine.host().addLink(new LinkSpec.Bridge("theirs0", LinkSettings.DEFAULT));

    restart();

    assertThat(engine.host().findLink("stray0")).isEmpty();
    assertThat(engine.host().findLink("theirs0")).isPresent();
    assertThat(controller.check()).isEmpty();
    assertThat(engine.events).noneMatch(e -> e instanceof CoreEvent.NetworkDestroyed);
  }

  @Test
  void bridgesAStopLeftWaitingForDeletionAreDeleted() {
    Network front = bridgeNetwork("front", "10.1.0.0/24");
    controller.close();
    // As a crash right after a network's deletion leaves its bridge: renamed, waiting.
    engine
        .host()
        .addLink(
            new LinkSpec.Bridge(
                "jdleftover", LinkSettings.DEFAULT.withGroup(LinkGroups.PENDING_SLOW_DELETION)));

    restart();

    assertThat(engine.host().findLink("jdleftover")).isEmpty();
    assertThat(engine.host().listLinks())
        .extracting(Link::name)
        .contains("br-" + front.id().shortId());
    assertThat(controller.check()).isEmpty();
  }
}
