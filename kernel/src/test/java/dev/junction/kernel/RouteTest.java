package dev.junction.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {

  private static final IpPrefix NET = IpPrefix.parse("10.9.0.0/24");

  @Test
  void toStartsAsALinkRouteInTheMainTable() {
    Route route = Route.to(NET);
    assertThat(route.destination()).isEqualTo(NET);
    assertThat(route.gateway()).isEmpty();
    assertThat(route.device()).isEmpty();
    assertThat(route.scope()).isEqualTo(Scope.LINK);
    assertThat(route.metric()).isZero();
    assertThat(route.table()).isEqualTo(Route.MAIN_TABLE).isEqualTo(254);
    assertThat(route.onLink()).isFalse();
    assertThat(route.protocol()).isEqualTo(Route.PROTOCOL_BOOT).isEqualTo(3);
    assertThat(route.source()).isEmpty();
    assertThat(route.family()).isEqualTo(IpFamily.V4);
  }

  @Test
  void withMethodsChangeOneFieldEach() {
    IpAddress gateway = IpAddress.parse("10.1.2.1");
    IpAddress source = IpAddress.parse("10.1.2.3");
    Route base = Route.to(NET);
    Route route =
        base.withGateway(gateway)
            .withDevice("v0")
            .withMetric(5)
            .withTable(100)
            .withOnLink(true)
            .withProtocol(Route.PROTOCOL_STATIC)
            .withSource(source);
    assertThat(route.destination()).isEqualTo(NET);
    assertThat(route.gateway()).contains(gateway);
    assertThat(route.device()).contains("v0");
    // A gateway widens the scope, as ip route does.
    assertThat(route.scope()).isEqualTo(Scope.UNIVERSE);
    assertThat(route.metric()).isEqualTo(5);
    assertThat(route.table()).isEqualTo(100);
    assertThat(route.onLink()).isTrue();
    assertThat(route.protocol()).isEqualTo(4);
    assertThat(route.source()).contains(source);
    assertThat(route.withScope(Scope.HOST).scope()).isEqualTo(Scope.HOST);
    assertThat(route.withScope(Scope.HOST).withMetric(6))
        .isEqualTo(
            new Route(
                NET,
                Optional.of(gateway),
                Optional.of("v0"),
                Scope.HOST,
                6,
                100,
                true,
                4,
                Optional.of(source)));
    // The original is untouched.
    assertThat(base).isEqualTo(Route.to(NET));
  }

  @Test
  void defaultViaFollowsTheGatewaysFamily() {
    Route v4 = Route.defaultVia(IpAddress.parse("10.0.0.1"));
    assertThat(v4.destination()).isEqualTo(IpPrefix.DEFAULT_V4);
    assertThat(v4.gateway()).contains(IpAddress.parse("10.0.0.1"));
    assertThat(v4.scope()).isEqualTo(Scope.UNIVERSE);
    Route v6 = Route.defaultVia(IpAddress.parse("fe80::1"));
    assertThat(v6.destination()).isEqualTo(IpPrefix.DEFAULT_V6);
    assertThat(v6.family()).isEqualTo(IpFamily.V6);
  }

  @Test
  void gatewayAndSourceMustMatchTheFamily() {
    assertThatThrownBy(() -> Route.to(NET).withGateway(IpAddress.parse("fe80::1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 10.9.0.0/24: gateway fe80::1 is not IPv4");
    assertThatThrownBy(() -> Route.to(IpPrefix.DEFAULT_V6).withGateway(IpAddress.parse("10.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route ::/0: gateway 10.0.0.1 is not IPv6");
    assertThatThrownBy(() -> Route.to(NET).withSource(IpAddress.parse("::1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 10.9.0.0/24: source ::1 is not IPv4");
  }

  @Test
  void refusesBadNumbers() {
    assertThatThrownBy(() -> Route.to(NET).withMetric(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 10.9.0.0/24: metric -1 is negative");
    assertThatThrownBy(() -> Route.to(NET).withTable(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 10.9.0.0/24: table 0 is invalid");
    assertThatThrownBy(() -> Route.to(NET).withTable(-5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Route.to(NET).withProtocol(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 10.9.0.0/24: protocol -1 is outside 0..255");
    assertThatThrownBy(() -> Route.to(NET).withProtocol(256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Route.to(NET).withMetric(Integer.MAX_VALUE).metric()).isEqualTo(Integer.MAX_VALUE);
    assertThat(Route.to(NET).withTable(Integer.MAX_VALUE).table()).isEqualTo(Integer.MAX_VALUE);
    assertThat(Route.to(NET).withTable(1).table()).isEqualTo(1);
    assertThat(Route.to(NET).withProtocol(0).protocol()).isZero();
    assertThat(Route.to(NET).withProtocol(255).protocol()).isEqualTo(255);
  }

  @Test
  void refusesNulls() {
    assertThatThrownBy(() -> Route.to(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Route.to(NET).withScope(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Route.to(NET).withGateway(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void describeReadsLikeTheCommandLine() {
    assertThat(Route.to(NET).describe()).isEqualTo("10.9.0.0/24");
    assertThat(Route.to(NET).withDevice("v0").describe()).isEqualTo("10.9.0.0/24 dev v0");
    assertThat(
            Route.defaultVia(IpAddress.parse("10.0.0.1"))
                .withDevice("eth0")
                .withMetric(5)
                .describe())
        .isEqualTo("0.0.0.0/0 via 10.0.0.1 dev eth0 metric 5");
    assertThat(
            Route.to(NET)
                .withGateway(IpAddress.parse("10.1.2.1"))
                .withDevice("v0")
                .withTable(100)
                .withMetric(7)
                .withOnLink(true)
                .describe())
        .isEqualTo("10.9.0.0/24 via 10.1.2.1 dev v0 table 100 metric 7 onlink");
    assertThat(Route.to(NET).withTable(Route.MAIN_TABLE).describe()).isEqualTo("10.9.0.0/24");
    assertThat(Route.defaultVia(IpAddress.parse("fe80::1")).withDevice("v0").describe())
        .isEqualTo("::/0 via fe80::1 dev v0");
  }

  @Test
  void scopeValues() {
    assertThat(Scope.fromValue(0)).isEqualTo(Scope.UNIVERSE);
    assertThat(Scope.fromValue(253)).isEqualTo(Scope.LINK);
    assertThat(Scope.fromValue(254)).isEqualTo(Scope.HOST);
    assertThat(Scope.LINK.value()).isEqualTo(253);
    assertThatThrownBy(() -> Scope.fromValue(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
