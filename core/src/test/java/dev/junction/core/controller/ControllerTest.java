package dev.junction.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.controller.NetworkRequest.SubnetRequest;
import dev.junction.core.driver.LinkGroups;
import dev.junction.core.driver.bridge.BridgeDriver;
import dev.junction.core.driver.bridge.BridgeOptions;
import dev.junction.core.error.ConflictException;
import dev.junction.core.error.ForbiddenException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.NotFoundException;
import dev.junction.core.event.CoreEvent;
import dev.junction.core.model.Endpoint;
import dev.junction.core.model.ExtraHost;
import dev.junction.core.model.Lifecycle;
import dev.junction.core.model.Network;
import dev.junction.core.model.Sandbox;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every controller operation and its errors, on the in-memory kernel and store. */
class ControllerTest {

  private final Engine engine = new Engine();
  private final Controller controller = engine.controller;

  @AfterEach
  void close() {
    engine.close();
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private Network bridgeNetwork(String name, String subnet) {
    return controller.createNetwork(
        NetworkRequest.bridge(name).withSubnets(SubnetRequest.of(subnet)));
  }

  private Sandbox sandbox(String name) {
    return controller.createSandbox(SandboxRequest.named(name));
  }

  private Optional<Route> defaultRoute(NetStack stack, IpFamily family) {
    return stack.listRoutes(family, Route.MAIN_TABLE).stream()
        .filter(r -> r.destination().isDefault())
        .findFirst();
  }

  private List<InterfaceAddress> addresses(NetStack stack, String link) {
    return stack.listAddresses(link, null).stream().map(LinkAddress::address).toList();
  }

  // ---- predefined networks

  @Test
  void predefinedNetworksExistAndCannotBeDeleted() {
    assertThat(controller.listNetworks())
        .extracting(Network::name)
        .containsExactly("bridge", "host", "none");
    Network bridge = controller.inspectNetwork("bridge").network();
    assertThat(bridge.driver()).isEqualTo("bridge");
    assertThat(bridge.subnets().getFirst().subnet()).isEqualTo(IpPrefix.parse("172.17.0.0/16"));
    assertThat(bridge.subnets().getFirst().gateway()).contains(ip("172.17.0.1"));
    assertThat(bridge.subnets().getFirst().userConfigured()).isFalse();
    assertThat(addresses(engine.host(), "junction0"))
        .containsExactly(InterfaceAddress.parse("172.17.0.1/16"));
    assertThat(controller.inspectNetwork("host").network().driver()).isEqualTo("host");
    assertThat(controller.inspectNetwork("none").network().driver()).isEqualTo("null");
    for (String name : List.of("bridge", "host", "none")) {
      assertThatThrownBy(() -> controller.deleteNetwork(name))
          .isInstanceOf(ForbiddenException.class)
          .hasMessage(name + " is a pre-defined network and cannot be removed");
    }
  }

  @Test
  void hostAndNullNetworksCannotBeCreatedAgain() {
    assertThatThrownBy(
            () -> controller.createNetwork(NetworkRequest.bridge("h2").withDriver("host")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("only one instance of \"host\"");
    assertThatThrownBy(
            () -> controller.createNetwork(NetworkRequest.bridge("n2").withDriver("null")))
        .isInstanceOf(ForbiddenException.class);
  }

  // ---- networks

  @Test
  void networksWithoutSubnetTakeTheNextFreeDefaultPoolAvoidingHostRoutes() {
    Network first = controller.createNetwork(NetworkRequest.bridge("first"));
    assertThat(first.subnets())
        .extracting(s -> s.subnet().toString())
        .containsExactly("172.18.0.0/16");
    // The host already routes 172.19.0.0/16 (a VPN, say): the next network must not take it.
    NetStack host = engine.host();
    host.addLink(new LinkSpec.Bridge("vpn0"));
    host.setUp("vpn0", true);
    host.addAddress("vpn0", InterfaceAddress.parse("172.19.0.1/16"));
    Network second = controller.createNetwork(NetworkRequest.bridge("second"));
    assertThat(second.subnets())
        .extracting(s -> s.subnet().toString())
        .containsExactly("172.20.0.0/16");
    assertThat(second.subnets().getFirst().gateway()).contains(ip("172.20.0.1"));
  }

  @Test
  void aNetworkWithUserSubnetsRangeGatewayAndAuxAddresses() {
    Network network =
        controller.createNetwork(
            new NetworkRequest(
                "front",
                "bridge",
                Map.of(BridgeOptions.MTU, "1400"),
                Map.of("tier", "web"),
                false,
                true,
                true,
                List.of(
                    SubnetRequest.of("10.10.0.0/16")
                        .withRange("10.10.5.0/24")
                        .withGateway("10.10.0.254")
                        .withAux(Map.of("router", ip("10.10.0.2"))),
                    SubnetRequest.of("fd00:10::/64")),
                Map.of()));
    assertThat(network.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(network.labels()).containsEntry("tier", "web");
    assertThat(network.subnets()).hasSize(2);
    assertThat(network.subnets().get(0).gateway()).contains(ip("10.10.0.254"));
    assertThat(network.subnets().get(0).ipRange()).contains(IpPrefix.parse("10.10.5.0/24"));
    assertThat(network.subnets().get(0).auxAddresses()).containsEntry("router", ip("10.10.0.2"));
    assertThat(network.subnets().get(1).gateway()).contains(ip("fd00:10::1"));
    String bridge = "br-" + network.id().shortId();
    Link link = engine.host().requireLink(bridge);
    assertThat(link).isInstanceOf(Link.Bridge.class);
    assertThat(link.mtu()).isEqualTo(1400);
    assertThat(link.group()).isEqualTo(LinkGroups.LIVE);
    assertThat(link.isUp()).isTrue();
    assertThat(addresses(engine.host(), bridge))
        .containsExactlyInAnyOrder(
            InterfaceAddress.parse("10.10.0.254/16"), InterfaceAddress.parse("fd00:10::1/64"));
    assertThat(engine.events)
        .anySatisfy(e -> assertThat(e).isInstanceOf(CoreEvent.NetworkCreated.class));
  }

  @Test
  void theBridgeNameOptionNamesTheBridge() {
    controller.createNetwork(
        NetworkRequest.bridge("named").withOptions(Map.of(BridgeOptions.BRIDGE_NAME, "br-named")));
    assertThat(engine.host().findLink("br-named")).isPresent();
  }

  @Test
  void bridgesAreMadeWithoutMulticastSnooping() {
    controller.createNetwork(
        NetworkRequest.bridge("quiet").withOptions(Map.of(BridgeOptions.BRIDGE_NAME, "br-quiet")));
    assertThat(engine.host().requireLink("br-quiet"))
        .isInstanceOfSatisfying(
            Link.Bridge.class, bridge -> assertThat(bridge.multicastSnooping()).isFalse());
  }

  @Test
  void networkCreationErrorsNameTheValueAndChangeNothing() {
    bridgeNetwork("back", "10.1.0.0/16");
    List<String> linksBefore = engine.host().listLinks().stream().map(Link::name).toList();
    int networksBefore = controller.listNetworks().size();
    assertThatThrownBy(() -> bridgeNetwork("back", "10.2.0.0/16"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("network with name back already exists");
    assertThatThrownBy(() -> bridgeNetwork("front", "10.1.0.0/24"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("10.1.0.0/24")
        .hasMessageContaining("back");
    for (String bad : List.of("", "../x", "a/b", "-lead", "x".repeat(129), "sp ace")) {
      assertThatThrownBy(() -> controller.createNetwork(NetworkRequest.bridge(bad)))
          .as(bad)
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("invalid network name");
    }
    assertThatThrownBy(
            () -> controller.createNetwork(NetworkRequest.bridge("x").withDriver("weave")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("network driver \"weave\" not found");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x")
                        .withOptions(Map.of("com.docker.network.bridge.nope", "1"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("\"com.docker.network.bridge.nope\"");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x").withOptions(Map.of(BridgeOptions.MTU, "9x"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("\"9x\"");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x")
                        .withSubnets(SubnetRequest.of("10.5.0.0/16").withGateway("10.6.0.1"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("10.6.0.1");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x")
                        .withSubnets(SubnetRequest.of("10.5.0.0/16").withRange("10.7.0.0/24"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("10.7.0.0/24");
    assertThatThrownBy(() -> controller.createNetwork(NetworkRequest.bridge("x").withIpv6(true)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("no IPv6 subnet");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x").withSubnets(SubnetRequest.of("fd00::/64"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("IPv6 is not enabled");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x")
                        .withSubnets(
                            SubnetRequest.of("10.8.0.0/16"), SubnetRequest.of("10.8.1.0/24"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("overlap");
    assertThatThrownBy(
            () ->
                controller.createNetwork(
                    NetworkRequest.bridge("x").withIpamOptions(Map.of("color", "red"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("\"color\"");
    assertThat(controller.listNetworks()).hasSize(networksBefore);
    assertThat(engine.host().listLinks().stream().map(Link::name).toList()).isEqualTo(linksBefore);
  }

  @Test
  void networksAreFoundByIdNameAndUniquePrefix() {
    Network network = bridgeNetwork("front", "10.1.0.0/16");
    assertThat(controller.inspectNetwork(network.id().value()).network()).isEqualTo(network);
    assertThat(controller.inspectNetwork("front").network()).isEqualTo(network);
    // Find a prefix shared by two networks, and one unique to ours.
    Map<Character, List<Network>> byFirst = new HashMap<>();
    for (int i = 0; byFirst.values().stream().noneMatch(l -> l.size() > 1); i++) {
      Network made = bridgeNetwork("n" + i, "10.100." + i + ".0/24");
      byFirst
          .computeIfAbsent(made.id().value().charAt(0), c -> new java.util.ArrayList<>())
          .add(made);
    }
    List<Network> twins =
        byFirst.values().stream().filter(l -> l.size() > 1).findFirst().orElseThrow();
    String shared = twins.getFirst().id().value().substring(0, 1);
    assertThatThrownBy(() -> controller.inspectNetwork(shared))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("ambiguous")
        .hasMessageContaining(twins.get(0).name())
        .hasMessageContaining(twins.get(1).name());
    assertThat(controller.inspectNetwork(twins.getFirst().id().value().substring(0, 20)).network())
        .isEqualTo(twins.getFirst());
    assertThatThrownBy(() -> controller.inspectNetwork("nothere"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("network nothere not found");
  }

  @Test
  void aNetworkWithEndpointsCannotBeDeletedAndTheErrorNamesThem() {
    bridgeNetwork("front", "10.1.0.0/16");
    sandbox("web");
    sandbox("db");
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.connect("db", "front", EndpointRequest.DEFAULT);
    assertThatThrownBy(() -> controller.deleteNetwork("front"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("has active endpoints: db, web");
    controller.disconnect("web", "front", false);
    controller.disconnect("db", "front", false);
    Network network = controller.inspectNetwork("front").network();
    controller.deleteNetwork("front");
    controller.flushDeletions();
    assertThat(controller.listNetworks()).extracting(Network::name).doesNotContain("front");
    assertThat(engine.host().findLink("br-" + network.id().shortId())).isEmpty();
    assertThat(engine.host().listLinks())
        .extracting(Link::name)
        .noneMatch(name -> name.startsWith("jd"));
    // its subnet can be had again
    bridgeNetwork("again", "10.1.0.0/16");
  }

  @Test
  void aDeletedNetworksBridgeWaitsApartFromTheDisconnectsBatch() {
    bridgeNetwork("front", "10.1.0.0/16");
    sandbox("web");
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.disconnect("web", "front", false);
    Network network = controller.inspectNetwork("front").network();
    controller.deleteNetwork("front");
    // A bridge's deletion holds the networking lock for tens of milliseconds: it waits in a group
    // of its own for network changes to pause, not in the group of the disconnects' batches.
    String pending = "jd" + network.id().value().substring(0, 13);
    assertThat(engine.kernel.log())
        .filteredOn(entry -> entry.contains("ip link set " + pending + " group"))
        .singleElement()
        .asString()
        .endsWith("group " + LinkGroups.PENDING_SLOW_DELETION);
    controller.flushDeletions();
    assertThat(engine.host().listLinks())
        .extracting(Link::name)
        .noneMatch(name -> name.startsWith("jd"));
  }

  @Test
  void pruneDeletesUnusedNetworksThatMatch() {
    bridgeNetwork("used", "10.1.0.0/16");
    bridgeNetwork("idle", "10.2.0.0/16");
    controller.createNetwork(NetworkRequest.bridge("kept").withLabels(Map.of("keep", "yes")));
    sandbox("web");
    controller.connect("web", "used", EndpointRequest.DEFAULT);
    List<Network> pruned = controller.pruneNetworks(n -> !n.labels().containsKey("keep"));
    assertThat(pruned).extracting(Network::name).containsExactly("idle");
    assertThat(controller.listNetworks())
        .extracting(Network::name)
        .containsExactly("bridge", "host", "none", "used", "kept");
  }

  // ---- sandboxes

  @Test
  void aNewSandboxHasItsOwnNamespaceWithLoopbackUpAndItsFiles() throws IOException {
    Sandbox sandbox =
        controller.createSandbox(
            SandboxRequest.named("web").withExtraHosts(List.of(ExtraHost.parse("db:10.0.0.5"))));
    assertThat(sandbox.ownsNetns()).isTrue();
    assertThat(sandbox.netns()).isEqualTo(Engine.NETNS_DIR.resolve("web"));
    assertThat(sandbox.hostname()).isEqualTo(sandbox.id().shortId());
    assertThat(engine.kernel.listNetNs()).contains(new NetNs(sandbox.netns()));
    assertThat(engine.sandbox("web").requireLink("lo").isUp()).isTrue();
    SandboxView view = controller.inspectSandbox("web");
    String hosts = Files.readString(view.hostsFile());
    assertThat(hosts).contains("127.0.0.1\tlocalhost").contains("10.0.0.5\tdb");
    String resolv = Files.readString(view.resolvConf());
    assertThat(resolv)
        .contains("nameserver 192.0.2.53")
        .doesNotContain("127.0.0.53")
        .contains("search example.test")
        .contains("options edns0");
    // the namespace is in the netns directory: ip netns exec gets copies
    Path etc = engine.etcNetns.resolve("web");
    assertThat(Files.readString(etc.resolve("hosts"))).isEqualTo(hosts);
    assertThat(Files.readString(etc.resolve("resolv.conf"))).isEqualTo(resolv);
  }

  @Test
  void givenDnsSettingsReplaceTheHosts() throws IOException {
    controller.createSandbox(
        SandboxRequest.named("web")
            .withHostname("www")
            .withDns(List.of("10.0.0.53"), List.of("corp.test"), List.of("ndots:2")));
    SandboxView view = controller.inspectSandbox("web");
    assertThat(Files.readString(view.resolvConf()))
        .contains("nameserver 10.0.0.53")
        .doesNotContain("192.0.2.53")
        .contains("search corp.test")
        .contains("options ndots:2");
    assertThat(view.sandbox().hostname()).isEqualTo("www");
  }

  @Test
  void anExistingNamespaceIsAdoptedAndNotDeletedWithTheSandbox() {
    NetNs external = engine.kernel.addExternalNetNs(Path.of("/proc/4242/ns/net"));
    Sandbox sandbox =
        controller.createSandbox(SandboxRequest.named("adopted").adopting(external.path()));
    assertThat(sandbox.ownsNetns()).isFalse();
    bridgeNetwork("front", "10.1.0.0/16");
    controller.connect("adopted", "front", EndpointRequest.DEFAULT);
    assertThat(engine.kernel.stack(external).findLink("eth0")).isPresent();
    controller.deleteSandbox("adopted");
    assertThat(engine.kernel.stack(external).listLinks())
        .extracting(Link::name)
        .doesNotContain("eth0");
    assertThat(engine.kernel.openNetNs(external.path())).isEqualTo(external);
  }

  @Test
  void sandboxCreationErrors() {
    sandbox("web");
    assertThatThrownBy(() -> sandbox("web"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("sandbox with name web already exists");
    assertThatThrownBy(() -> sandbox("../etc"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("invalid sandbox name");
    assertThatThrownBy(
            () -> controller.createSandbox(SandboxRequest.named("x").withHostname("bad_host!")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                controller.createSandbox(
                    SandboxRequest.named("x").withDns(List.of("not-an-ip"), List.of(), List.of())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("\"not-an-ip\"");
    assertThatThrownBy(
            () ->
                controller.createSandbox(
                    SandboxRequest.named("x").adopting(Path.of("/proc/999999/ns/net"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("/proc/999999/ns/net");
    engine.kernel.createNetNs("taken");
    assertThatThrownBy(() -> sandbox("taken"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already exists");
    assertThat(controller.listSandboxes()).extracting(Sandbox::name).containsExactly("web");
  }

  @Test
  void deletingASandboxRemovesEverythingItHad() {
    bridgeNetwork("front", "10.1.0.0/16");
    bridgeNetwork("back", "10.2.0.0/16");
    Sandbox sandbox = sandbox("web");
    Endpoint front = controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.connect("web", "back", EndpointRequest.DEFAULT);
    controller.deleteSandbox("web");
    controller.flushDeletions();
    assertThat(controller.listSandboxes()).isEmpty();
    assertThat(engine.kernel.listNetNs()).doesNotContain(new NetNs(sandbox.netns()));
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(front))).isEmpty();
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
    assertThat(Files.exists(engine.dataRoot.resolve("sandboxes").resolve(sandbox.id().value())))
        .isFalse();
    assertThat(Files.exists(engine.etcNetns.resolve("web"))).isFalse();
    // the addresses are free again
    sandbox("web2");
    assertThat(controller.connect("web2", "front", EndpointRequest.DEFAULT).ipv4())
        .isEqualTo(front.ipv4());
  }

  // ---- connect and disconnect

  @Test
  void connectBuildsTheInterfaceAddressesAndDefaultRoute() throws IOException {
    Network front = bridgeNetwork("front", "10.1.0.0/24");
    sandbox("web");
    Endpoint endpoint = controller.connect("web", "front", EndpointRequest.DEFAULT);
    assertThat(endpoint.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(endpoint.interfaceName()).isEqualTo("eth0");
    assertThat(endpoint.ipv4()).contains(InterfaceAddress.parse("10.1.0.2/24"));
    assertThat(endpoint.mac()).isEqualTo(MacAddress.parse("02:42:0a:01:00:02"));
    assertThat(endpoint.gatewayV4()).contains(ip("10.1.0.1"));
    NetStack inside = engine.sandbox("web");
    Link eth0 = inside.requireLink("eth0");
    assertThat(eth0.isUp()).isTrue();
    assertThat(eth0.mac()).contains(endpoint.mac());
    assertThat(addresses(inside, "eth0")).containsExactly(InterfaceAddress.parse("10.1.0.2/24"));
    assertThat(defaultRoute(inside, IpFamily.V4))
        .hasValueSatisfying(
            r -> {
              assertThat(r.gateway()).contains(ip("10.1.0.1"));
              assertThat(r.device()).contains("eth0");
            });
    Link hostEnd = engine.host().requireLink(BridgeDriver.hostInterfaceName(endpoint));
    assertThat(hostEnd.masterIndex())
        .hasValue(engine.host().requireLink("br-" + front.id().shortId()).index());
    assertThat(hostEnd.group()).isEqualTo(LinkGroups.LIVE);
    assertThat(hostEnd.name()).hasSizeLessThanOrEqualTo(15);
    assertThat(Files.readString(controller.inspectSandbox("web").hostsFile()))
        .contains("10.1.0.2\t" + controller.inspectSandbox("web").sandbox().hostname());
    assertThat(controller.inspectNetwork("front").endpoints())
        .extracting(a -> a.sandbox().name())
        .containsExactly("web");
    assertThat(engine.events)
        .anySatisfy(e -> assertThat(e).isInstanceOf(CoreEvent.Connected.class));
  }

  @Test
  void interfacesAreNamedInJoinOrderAndTheDefaultRouteFollowsTheElection() {
    bridgeNetwork("beta", "10.2.0.0/24");
    bridgeNetwork("alpha", "10.1.0.0/24");
    sandbox("web");
    NetStack inside = engine.sandbox("web");
    Endpoint beta = controller.connect("web", "beta", EndpointRequest.DEFAULT);
    assertThat(beta.interfaceName()).isEqualTo("eth0");
    assertThat(defaultRoute(inside, IpFamily.V4))
        .hasValueSatisfying(r -> assertThat(r.device()).contains("eth0"));
    Endpoint alpha = controller.connect("web", "alpha", EndpointRequest.DEFAULT);
    assertThat(alpha.interfaceName()).isEqualTo("eth1");
    // both offer a gateway; the network name decides: alpha
    assertThat(defaultRoute(inside, IpFamily.V4))
        .hasValueSatisfying(
            r -> {
              assertThat(r.device()).contains("eth1");
              assertThat(r.gateway()).contains(ip("10.1.0.1"));
            });
    assertThat(controller.inspectSandbox("web").gatewayEndpoint())
        .map(Endpoint::id)
        .contains(alpha.id());
    controller.disconnect("web", "alpha", false);
    assertThat(defaultRoute(inside, IpFamily.V4))
        .hasValueSatisfying(
            r -> {
              assertThat(r.device()).contains("eth0");
              assertThat(r.gateway()).contains(ip("10.2.0.1"));
            });
    assertThat(inside.findLink("eth1")).isEmpty();
    // eth1 is free again
    assertThat(controller.connect("web", "alpha", EndpointRequest.DEFAULT).interfaceName())
        .isEqualTo("eth1");
  }

  @Test
  void gatewayPriorityAndInternalNetworksDecideTheElection() {
    bridgeNetwork("alpha", "10.1.0.0/24");
    bridgeNetwork("beta", "10.2.0.0/24");
    controller.createNetwork(
        NetworkRequest.bridge("aaa-internal")
            .withInternal(true)
            .withSubnets(SubnetRequest.of("10.3.0.0/24")));
    sandbox("web");
    NetStack inside = engine.sandbox("web");
    controller.connect("web", "aaa-internal", EndpointRequest.DEFAULT);
    assertThat(defaultRoute(inside, IpFamily.V4)).isEmpty();
    controller.connect("web", "alpha", EndpointRequest.DEFAULT);
    controller.connect("web", "beta", EndpointRequest.DEFAULT.withGatewayPriority(10));
    assertThat(defaultRoute(inside, IpFamily.V4))
        .hasValueSatisfying(r -> assertThat(r.gateway()).contains(ip("10.2.0.1")));
    assertThat(controller.inspectSandbox("web").endpoints())
        .extracting(a -> a.network().name())
        .containsExactly("beta", "alpha", "aaa-internal");
    controller.disconnect("web", "beta", false);
    controller.disconnect("web", "alpha", false);
    assertThat(defaultRoute(inside, IpFamily.V4)).isEmpty();
  }

  @Test
  void staticAddressesRangesAndAuxAddressesAreHonoured() {
    controller.createNetwork(
        NetworkRequest.bridge("front")
            .withSubnets(
                SubnetRequest.of("10.1.0.0/16")
                    .withRange("10.1.7.0/24")
                    .withAux(Map.of("reserved", ip("10.1.7.0")))));
    for (String name : List.of("a", "b", "c")) {
      sandbox(name);
    }
    assertThat(controller.connect("a", "front", EndpointRequest.DEFAULT).ipv4())
        .contains(InterfaceAddress.parse("10.1.7.1/16"));
    assertThat(
            controller.connect("b", "front", EndpointRequest.DEFAULT.withIpv4("10.1.0.99")).ipv4())
        .contains(InterfaceAddress.parse("10.1.0.99/16"));
    assertThatThrownBy(
            () -> controller.connect("c", "front", EndpointRequest.DEFAULT.withIpv4("10.1.0.99")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("10.1.0.99")
        .hasMessageContaining("\"b\"");
    assertThatThrownBy(
            () -> controller.connect("c", "front", EndpointRequest.DEFAULT.withIpv4("10.9.0.1")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("10.9.0.1");
    assertThat(controller.connect("c", "front", EndpointRequest.DEFAULT).ipv4())
        .contains(InterfaceAddress.parse("10.1.7.2/16"));
  }

  @Test
  void staticAddressesNeedAUserConfiguredSubnet() {
    controller.createNetwork(NetworkRequest.bridge("auto"));
    sandbox("web");
    assertThatThrownBy(
            () -> controller.connect("web", "auto", EndpointRequest.DEFAULT.withIpv4("172.18.0.9")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("user configured subnets");
    assertThat(controller.inspectNetwork("auto").endpoints()).isEmpty();
  }

  @Test
  void ipv6EndpointsGetAddressesAndADefaultRoute() {
    controller.createNetwork(
        NetworkRequest.bridge("dual")
            .withIpv6(true)
            .withSubnets(SubnetRequest.of("10.4.0.0/24"), SubnetRequest.of("fd00:4::/64")));
    sandbox("web");
    Endpoint endpoint =
        controller.connect("web", "dual", EndpointRequest.DEFAULT.withIpv6("fd00:4::99"));
    assertThat(endpoint.ipv6()).contains(InterfaceAddress.parse("fd00:4::99/64"));
    assertThat(addresses(engine.sandbox("web"), "eth0"))
        .contains(InterfaceAddress.parse("fd00:4::99/64"));
    assertThat(defaultRoute(engine.sandbox("web"), IpFamily.V6))
        .hasValueSatisfying(r -> assertThat(r.gateway()).contains(ip("fd00:4::1")));
  }

  @Test
  void connectErrors() {
    bridgeNetwork("front", "10.1.0.0/16");
    sandbox("web");
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    assertThatThrownBy(() -> controller.connect("web", "front", EndpointRequest.DEFAULT))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("endpoint with name web already exists in network front");
    assertThatThrownBy(() -> controller.connect("nobody", "front", EndpointRequest.DEFAULT))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("sandbox nobody not found");
    assertThatThrownBy(() -> controller.connect("web", "nowhere", EndpointRequest.DEFAULT))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("network nowhere not found");
    sandbox("db");
    assertThatThrownBy(
            () ->
                controller.connect(
                    "db", "front", EndpointRequest.DEFAULT.withLinkLocal(List.of(ip("10.0.0.1")))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("10.0.0.1");
    assertThatThrownBy(
            () ->
                controller.connect(
                    "db",
                    "front",
                    EndpointRequest.DEFAULT.withMac(MacAddress.parse("01:00:5e:00:00:01"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> controller.disconnect("db", "front", false))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("sandbox db is not connected to network front");
    assertThat(controller.inspectNetwork("front").endpoints()).hasSize(1);
  }

  @Test
  void linkLocalAddressesAndAMacAreSetOnTheInterface() {
    bridgeNetwork("front", "10.1.0.0/16");
    sandbox("web");
    MacAddress mac = MacAddress.parse("02:00:00:aa:bb:cc");
    controller.connect(
        "web",
        "front",
        EndpointRequest.DEFAULT.withMac(mac).withLinkLocal(List.of(ip("169.254.10.10"))));
    NetStack inside = engine.sandbox("web");
    assertThat(inside.requireLink("eth0").mac()).contains(mac);
    assertThat(addresses(inside, "eth0")).contains(InterfaceAddress.parse("169.254.10.10/16"));
  }

  @Test
  void disconnectFreesTheAddressAndTheNameAtOnceAndTheLinkSoon() {
    bridgeNetwork("front", "10.1.0.0/24");
    sandbox("web");
    sandbox("db");
    Endpoint endpoint = controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.disconnect("web", "front", false);
    NetStack inside = engine.sandbox("web");
    assertThat(inside.findLink("eth0")).isEmpty();
    assertThat(defaultRoute(inside, IpFamily.V4)).isEmpty();
    // the address goes to the next connect at once
    assertThat(controller.connect("db", "front", EndpointRequest.DEFAULT).ipv4())
        .isEqualTo(endpoint.ipv4());
    controller.flushDeletions();
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(endpoint))).isEmpty();
    assertThat(inside.listLinks()).extracting(Link::name).containsExactly("lo");
    assertThat(engine.events)
        .anySatisfy(e -> assertThat(e).isInstanceOf(CoreEvent.Disconnected.class));
  }

  @Test
  void deletingASandboxReportsItLeavingEachNetworkAsDockerDoes() {
    bridgeNetwork("front", "10.1.0.0/24");
    bridgeNetwork("back", "10.2.0.0/24");
    sandbox("web");
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.connect("web", "back", EndpointRequest.DEFAULT);
    engine.events.clear();

    controller.deleteSandbox("web");

    assertThat(engine.events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Disconnected", "Disconnected", "SandboxDestroyed");
    assertThat(engine.events.subList(0, 2))
        .extracting(e -> ((CoreEvent.Disconnected) e).network().name())
        .containsExactlyInAnyOrder("front", "back");
  }

  @Test
  void checkFindsNothingWhereTheKernelHasWhatTheStoreSays() {
    bridgeNetwork("front", "10.1.0.0/24");
    sandbox("web");
    sandbox("db");
    controller.connect("web", "front", EndpointRequest.DEFAULT);
    controller.connect("db", "front", EndpointRequest.DEFAULT);
    controller.connect("db", "bridge", EndpointRequest.DEFAULT);
    controller.disconnect("web", "front", false);

    assertThat(controller.check()).isEmpty();
  }

  @Test
  void checkNamesEveryChangeMadeByHand() {
    Network front = bridgeNetwork("front", "10.1.0.0/24");
    Network back = bridgeNetwork("back", "10.2.0.0/24");
    sandbox("web");
    sandbox("db");
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    Endpoint db = controller.connect("db", "back", EndpointRequest.DEFAULT);
    String frontBridge = BridgeDriver.bridgeName(front);
    String backBridge = BridgeDriver.bridgeName(back);

    engine.host().setUp(backBridge, false);
    engine.host().deleteAddress(backBridge, InterfaceAddress.parse("10.2.0.1/24"));
    engine.sandbox("db").deleteAddress("eth0", db.ipv4().orElseThrow());
    engine.host().setNoMaster(BridgeDriver.hostInterfaceName(db));
    engine.host().deleteLink(frontBridge);
    engine
        .host()
        .addLink(
            new LinkSpec.Bridge(
                "stray0",
                dev.junction.kernel.link.LinkSettings.DEFAULT.withGroup(LinkGroups.LIVE)));

    assertThat(controller.check())
        .extracting(Difference::toString)
        .containsExactlyInAnyOrder(
            "network front: its bridge " + frontBridge + " is missing",
            "network back: its bridge " + backBridge + " is down",
            "network back: its bridge " + backBridge + " lacks its gateway address 10.2.0.1/24",
            "sandbox db on network back: the host end "
                + BridgeDriver.hostInterfaceName(db)
                + " is not a port of bridge "
                + backBridge,
            "sandbox db on network back: its interface eth0 in the sandbox lacks its address "
                + db.ipv4().orElseThrow(),
            "link stray0: is in Junction's link group, but no network or endpoint has it");
    // a bridge deleted by hand leaves its ports: web's endpoint reports only what it lacks
    assertThat(engine.host().findLink(BridgeDriver.hostInterfaceName(web))).isPresent();
  }

  @Test
  void forcedDisconnectRemovesAnEndpointWhoseInterfaceIsGone() {
    bridgeNetwork("front", "10.1.0.0/24");
    sandbox("web");
    Endpoint endpoint = controller.connect("web", "front", EndpointRequest.DEFAULT);
    engine
        .host()
        .deleteLink(BridgeDriver.hostInterfaceName(endpoint)); // someone removed it by hand
    controller.disconnect("web", "front", true);
    assertThat(controller.inspectNetwork("front").endpoints()).isEmpty();
    controller.deleteNetwork("front");
  }

  // ---- host and none

  @Test
  void theHostNetworkIsForSandboxesInTheHostNamespace() {
    controller.createSandbox(SandboxRequest.named("hosty").adopting(NetNs.current().path()));
    Endpoint endpoint = controller.connect("hosty", "host", EndpointRequest.DEFAULT);
    assertThat(endpoint.interfaceName()).isEmpty();
    assertThat(endpoint.ipv4()).isEmpty();
    bridgeNetwork("front", "10.1.0.0/24");
    assertThatThrownBy(() -> controller.connect("hosty", "front", EndpointRequest.DEFAULT))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("host's network namespace");
    sandbox("web");
    assertThatThrownBy(() -> controller.connect("web", "host", EndpointRequest.DEFAULT))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("network namespace of its own");
    controller.deleteSandbox("hosty");
    assertThat(engine.host().requireLink("lo").isUp()).isTrue();
  }

  @Test
  void theNoneNetworkExcludesTheOthers() {
    bridgeNetwork("front", "10.1.0.0/24");
    sandbox("quiet");
    controller.connect("quiet", "none", EndpointRequest.DEFAULT);
    assertThat(engine.sandbox("quiet").listLinks()).extracting(Link::name).containsExactly("lo");
    assertThatThrownBy(() -> controller.connect("quiet", "front", EndpointRequest.DEFAULT))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("none");
    sandbox("busy");
    controller.connect("busy", "front", EndpointRequest.DEFAULT);
    assertThatThrownBy(() -> controller.connect("busy", "none", EndpointRequest.DEFAULT))
        .isInstanceOf(ForbiddenException.class);
  }

  // ---- limits and restarts

  @Test
  void aBridgeNetworkHoldsAtMost1023Endpoints() {
    controller.createNetwork(
        NetworkRequest.bridge("big").withSubnets(SubnetRequest.of("10.64.0.0/16")));
    for (int i = 0; i < BridgeDriver.MAX_PORTS; i++) {
      sandbox("s" + i);
      controller.connect("s" + i, "big", EndpointRequest.DEFAULT);
    }
    sandbox("one-too-many");
    assertThatThrownBy(() -> controller.connect("one-too-many", "big", EndpointRequest.DEFAULT))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("1023");
    controller.disconnect("s0", "big", false);
    controller.connect("one-too-many", "big", EndpointRequest.DEFAULT);
  }

  @Test
  void aRestartedControllerSeesTheSameStateAndReservesItsAddresses() {
    bridgeNetwork("front", "10.1.0.0/24");
    sandbox("web");
    Endpoint web = controller.connect("web", "front", EndpointRequest.DEFAULT);
    List<Network> networks = controller.listNetworks();
    Controller restarted = engine.restart();
    assertThat(restarted.listNetworks()).isEqualTo(networks);
    assertThat(restarted.inspectNetwork("front").endpoints())
        .extracting(a -> a.endpoint())
        .containsExactly(web);
    restarted.createSandbox(SandboxRequest.named("db"));
    assertThat(restarted.connect("db", "front", EndpointRequest.DEFAULT).ipv4())
        .contains(InterfaceAddress.parse("10.1.0.3/24"));
    assertThatThrownBy(
            () ->
                restarted.createNetwork(
                    NetworkRequest.bridge("clash").withSubnets(SubnetRequest.of("10.1.0.0/16"))))
        .isInstanceOf(ForbiddenException.class);
  }
}
