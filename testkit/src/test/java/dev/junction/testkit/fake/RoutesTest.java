package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.kernel.Errno;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutesTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetStack stack = kernel.stack(kernel.createNetNs("sb1"));

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static Route to(String prefix) {
    return Route.to(IpPrefix.parse(prefix));
  }

  /** {@code eth0} up with 10.0.0.2/24 and fd00::2/64; {@code eth1} up without addresses. */
  @BeforeEach
  void connectedLinks() {
    LinkSettings up = LinkSettings.DEFAULT.withUp(true);
    stack.addLink(new LinkSpec.Veth("eth0", up, "peer0", Optional.empty(), up));
    stack.addLink(new LinkSpec.Veth("eth1", up, "peer1", Optional.empty(), up));
    stack.addLink(new LinkSpec.Veth("down0", "peer2"));
    stack.addAddress("eth0", InterfaceAddress.parse("10.0.0.2/24"));
    stack.addAddress("eth0", InterfaceAddress.parse("fd00::2/64"));
  }

  @Test
  void aRouteThroughAGatewayFindsItsDeviceAndListsAsTheKernelReportsIt() {
    stack.addRoute(Route.defaultVia(ip("10.0.0.1")));
    stack.addRoute(Route.defaultVia(ip("fd00::1")));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .contains(
            new Route(
                IpPrefix.DEFAULT_V4,
                Optional.of(ip("10.0.0.1")),
                Optional.of("eth0"),
                Scope.UNIVERSE,
                0,
                Route.MAIN_TABLE,
                false,
                Route.PROTOCOL_BOOT,
                Optional.empty()));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .contains(
            new Route(
                IpPrefix.DEFAULT_V6,
                Optional.of(ip("fd00::1")),
                Optional.of("eth0"),
                Scope.UNIVERSE,
                1024,
                Route.MAIN_TABLE,
                false,
                Route.PROTOCOL_BOOT,
                Optional.empty()));
  }

  @Test
  void aRouteNeedsADeviceThatExistsAndIsUp() {
    assertFails(Errno.ENODEV, () -> stack.addRoute(to("10.5.0.0/24")));
    assertFails(Errno.ENODEV, () -> stack.addRoute(to("fd05::/64")));
    assertFails(Errno.ENODEV, () -> stack.addRoute(to("10.5.0.0/24").withDevice("none")));
    assertFails(Errno.ENETDOWN, () -> stack.addRoute(to("10.5.0.0/24").withDevice("down0")));
    assertFails(Errno.ENETDOWN, () -> stack.addRoute(to("fd05::/64").withDevice("down0")));
  }

  @Test
  void aGatewayMustBeDirectlyReachableUnlessOnLink() {
    assertFails(Errno.ENETUNREACH, () -> stack.addRoute(Route.defaultVia(ip("10.9.0.1"))));
    assertFails(Errno.EHOSTUNREACH, () -> stack.addRoute(Route.defaultVia(ip("fd09::1"))));
    assertFails(
        Errno.ENETUNREACH,
        () -> stack.addRoute(Route.defaultVia(ip("10.0.0.1")).withDevice("eth1")));
    assertFails(
        Errno.EHOSTUNREACH,
        () -> stack.addRoute(Route.defaultVia(ip("fd00::1")).withDevice("eth1")));
    assertFails(
        Errno.ENODEV, () -> stack.addRoute(Route.defaultVia(ip("10.9.0.1")).withOnLink(true)));
    assertFails(
        Errno.ENETDOWN,
        () ->
            stack.addRoute(Route.defaultVia(ip("10.9.0.1")).withDevice("down0").withOnLink(true)));

    stack.addRoute(Route.defaultVia(ip("10.9.0.1")).withDevice("eth1").withOnLink(true));
    stack.addRoute(Route.defaultVia(ip("fd09::1")).withDevice("eth1").withOnLink(true));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .filteredOn(route -> route.destination().isDefault())
        .singleElement()
        .satisfies(
            route -> {
              assertThat(route.onLink()).isTrue();
              assertThat(route.device()).contains("eth1");
            });
  }

  @Test
  void aGatewayBehindAnotherGatewayIsNotReachable() {
    stack.addRoute(to("10.6.0.0/24").withGateway(ip("10.0.0.1")));
    stack.addRoute(to("fd06::/64").withGateway(ip("fd00::1")));

    assertFails(
        Errno.ENETUNREACH, () -> stack.addRoute(to("10.7.0.0/24").withGateway(ip("10.6.0.1"))));
    assertFails(
        Errno.EHOSTUNREACH, () -> stack.addRoute(to("fd07::/64").withGateway(ip("fd06::1"))));
  }

  @Test
  void aRouteInAnotherTableMayUseAGatewayOfTheMainTable() {
    stack.addRoute(Route.defaultVia(ip("10.0.0.1")).withTable(100));

    assertThat(stack.listRoutes(IpFamily.V4, 100))
        .singleElement()
        .satisfies(
            route -> {
              assertThat(route.device()).contains("eth0");
              assertThat(route.table()).isEqualTo(100);
            });
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).hasSize(1);
  }

  @Test
  void anIpv6LinkLocalGatewayNeedsADevice() {
    assertFails(Errno.EINVAL, () -> stack.addRoute(Route.defaultVia(ip("fe80::1"))));

    stack.addRoute(Route.defaultVia(ip("fe80::1")).withDevice("eth1"));

    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .anySatisfy(route -> assertThat(route.device()).contains("eth1"));
  }

  @Test
  void aPreferredSourceMustBeLocal() {
    assertFails(
        Errno.EINVAL,
        () -> stack.addRoute(to("10.7.0.0/24").withDevice("eth1").withSource(ip("10.9.9.9"))));

    stack.addRoute(to("10.7.0.0/24").withDevice("eth1").withSource(ip("10.0.0.2")));
  }

  @Test
  void aRouteTakingTheSameDestinationTableAndMetricExists() {
    stack.addRoute(to("10.5.0.0/24").withDevice("eth1"));

    assertFails(Errno.EEXIST, () -> stack.addRoute(to("10.5.0.0/24").withDevice("eth0")));
    assertFails(Errno.EEXIST, () -> stack.addRoute(to("10.0.0.0/24").withDevice("eth1")));
    stack.addRoute(to("10.5.0.0/24").withDevice("eth0").withMetric(10));
    stack.addRoute(to("10.5.0.0/24").withDevice("eth0").withTable(100));

    stack.addRoute(to("fd05::/64").withDevice("eth1"));
    assertFails(
        Errno.EEXIST, () -> stack.addRoute(to("fd05::/64").withDevice("eth0").withMetric(1024)));
  }

  @Test
  void listingSortsByDestinationThenMetric() {
    stack.addRoute(to("10.5.0.0/24").withDevice("eth1").withMetric(20));
    stack.addRoute(to("10.5.0.0/24").withDevice("eth1").withMetric(10));
    stack.addRoute(Route.defaultVia(ip("10.0.0.1")));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .extracting(route -> route.destination() + " " + route.metric())
        .containsExactly("0.0.0.0/0 0", "10.0.0.0/24 0", "10.5.0.0/24 10", "10.5.0.0/24 20");
  }

  @Test
  void aReplaceSwapsTheRouteWithTheSameDestinationAndMetricOrAddsIt() {
    stack.addRoute(Route.defaultVia(ip("10.0.0.1")).withProtocol(Route.PROTOCOL_STATIC));

    stack.replaceRoute(Route.defaultVia(ip("10.0.0.254")));
    stack.replaceRoute(Route.defaultVia(ip("10.0.0.253")).withMetric(5));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .filteredOn(route -> route.destination().isDefault())
        .extracting(route -> route.gateway().orElseThrow() + " " + route.protocol())
        .containsExactly("10.0.0.254 3", "10.0.0.253 3");
    assertFails(Errno.ENETUNREACH, () -> stack.replaceRoute(Route.defaultVia(ip("10.9.0.1"))));
  }

  @Test
  void aDeleteMatchesWhatItNamesAndNothingElse() {
    stack.addRoute(Route.defaultVia(ip("10.0.0.1")).withMetric(100));
    stack.addRoute(Route.defaultVia(ip("fd00::1")));

    assertFails(Errno.ESRCH, () -> stack.deleteRoute(Route.defaultVia(ip("10.0.0.9"))));
    assertFails(Errno.ESRCH, () -> stack.deleteRoute(to("0.0.0.0/0").withMetric(7)));
    assertFails(Errno.ESRCH, () -> stack.deleteRoute(to("0.0.0.0/0").withDevice("eth1")));
    assertFails(Errno.ESRCH, () -> stack.deleteRoute(to("0.0.0.0/0").withTable(100)));
    stack.deleteRoute(to("0.0.0.0/0"));
    stack.deleteRoute(to("::/0"));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .noneMatch(route -> route.destination().isDefault());
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .noneMatch(route -> route.destination().isDefault());
  }

  @Test
  void theKernelsOwnRoutesCanBeDeleted() {
    stack.deleteRoute(to("10.0.0.0/24").withDevice("eth0"));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
  }

  @Test
  void routesPreferringAVanishedAddressGo() {
    stack.addRoute(to("10.7.0.0/24").withDevice("eth1").withSource(ip("10.0.0.2")));

    stack.deleteAddress("eth0", InterfaceAddress.parse("10.0.0.2/24"));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
  }

  @Test
  void routesGoWithTheirDevice() {
    stack.addRoute(to("10.7.0.0/24").withDevice("eth1"));
    stack.addRoute(to("fd07::/64").withDevice("eth1"));

    stack.deleteLink("eth1");

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .noneMatch(route -> route.device().orElseThrow().equals("eth1"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .noneMatch(route -> route.device().orElseThrow().equals("eth1"));
  }

  @Test
  void listedRoutesShowTheDevicesCurrentName() {
    stack.addRoute(to("10.7.0.0/24").withDevice("eth1"));

    stack.rename("eth1", "uplink");

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .anySatisfy(route -> assertThat(route.device()).contains("uplink"));
  }
}
