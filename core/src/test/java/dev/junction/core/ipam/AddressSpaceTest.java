package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.error.ConflictException;
import dev.junction.core.error.ForbiddenException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSpaceTest {

  private static final SubnetOptions DEFAULTS = SubnetOptions.DEFAULTS;

  private final AddressSpace space = new AddressSpace(AddressSpace.dockerLocalDefaults());

  private static IpPrefix prefix(String text) {
    return IpPrefix.parse(text);
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private Subnet allocateV4(String owner, IpPrefix... avoid) {
    return space.allocateSubnet(owner, IpFamily.V4, List.of(avoid), DEFAULTS);
  }

  private List<IpPrefix> prefixes() {
    return space.subnets().stream().map(Subnet::prefix).toList();
  }

  // Automatic subnets from the default pools.

  @Test
  void allocatesDefaultPoolsInOrderWithTheFirstAddressAsGateway() {
    Subnet first = allocateV4("one");
    assertThat(first.prefix()).isEqualTo(prefix("172.17.0.0/16"));
    assertThat(first.gateway()).hasValue(ip("172.17.0.1"));
    assertThat(first.owner()).isEqualTo("one");
    assertThat(first.family()).isEqualTo(IpFamily.V4);
    assertThat(first.range()).isEmpty();
    assertThat(allocateV4("two").prefix()).isEqualTo(prefix("172.18.0.0/16"));
    assertThat(allocateV4("three").prefix()).isEqualTo(prefix("172.19.0.0/16"));
    assertThat(allocateV4("four").prefix()).isEqualTo(prefix("172.20.0.0/16"));
    assertThat(prefixes())
        .containsExactly(
            prefix("172.17.0.0/16"),
            prefix("172.18.0.0/16"),
            prefix("172.19.0.0/16"),
            prefix("172.20.0.0/16"));
  }

  @Test
  void skipsPoolsOverlappingUserSubnets() {
    space.reserveSubnet("user", prefix("172.17.5.0/24"), DEFAULTS);
    space.reserveSubnet("wide", prefix("172.18.0.0/15"), DEFAULTS);
    assertThat(allocateV4("auto").prefix()).isEqualTo(prefix("172.20.0.0/16"));
  }

  @Test
  void skipsPoolsOverlappingRoutesToAvoid() {
    assertThat(allocateV4("a", prefix("172.17.0.0/16")).prefix())
        .isEqualTo(prefix("172.18.0.0/16"));
    // A route inside a pool blocks the pool, and a route covering pools blocks them all.
    assertThat(allocateV4("b", prefix("172.17.3.0/24")).prefix())
        .isEqualTo(prefix("172.19.0.0/16"));
    assertThat(allocateV4("c", prefix("172.16.0.0/12")).prefix())
        .isEqualTo(prefix("192.168.0.0/20"));
    assertThat(
            allocateV4(
                    "d",
                    prefix("172.16.0.0/12"),
                    prefix("192.168.16.1/32"),
                    prefix("192.168.32.0/19"))
                .prefix())
        .isEqualTo(prefix("192.168.64.0/20"));
    // Routes are only avoided when asked: the next network may take 172.17.
    assertThat(allocateV4("e").prefix()).isEqualTo(prefix("172.17.0.0/16"));
  }

  @Test
  void ignoresTheDefaultRouteAndRoutesOfTheOtherFamily() {
    Subnet subnet =
        allocateV4(
            "front", IpPrefix.DEFAULT_V4, IpPrefix.DEFAULT_V6, prefix("fd00::/8"), prefix("::/1"));
    assertThat(subnet.prefix()).isEqualTo(prefix("172.17.0.0/16"));
  }

  @Test
  void exhaustedDefaultPoolsAreAConflictInDockersWords() {
    List<Subnet> all = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      all.add(allocateV4("net" + i));
    }
    assertThat(all.getLast().prefix()).isEqualTo(prefix("192.168.240.0/20"));
    assertThatThrownBy(() -> allocateV4("front"))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "could not find an available, non-overlapping IPv4 address pool among the defaults to"
                + " assign to network \"front\"");
    assertThat(space.subnets()).hasSize(31);

    // Released pools are reused, the lowest first.
    space.releaseSubnet(all.get(20));
    space.releaseSubnet(all.get(3));
    assertThat(allocateV4("front").prefix()).isEqualTo(all.get(3).prefix());
    assertThat(allocateV4("back").prefix()).isEqualTo(all.get(20).prefix());
  }

  @Test
  void avoidedRoutesCanExhaustThePools() {
    assertThatThrownBy(() -> allocateV4("front", prefix("172.16.0.0/12"), prefix("192.168.0.0/16")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("network \"front\"");
    assertThat(space.subnets()).isEmpty();
  }

  @Test
  void noIpv6DefaultPoolsUnlessConfigured() {
    assertThatThrownBy(() -> space.allocateSubnet("front", IpFamily.V6, List.of(), DEFAULTS))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "could not find an available, non-overlapping IPv6 address pool among the defaults to"
                + " assign to network \"front\"");

    AddressSpace dual =
        new AddressSpace(
            List.of(
                PoolSpec.parse("base=fd00:1::/62,size=64"),
                PoolSpec.parse("base=10.10.0.0/16,size=24")));
    assertThat(dual.allocateSubnet("a", IpFamily.V6, List.of(), DEFAULTS).prefix())
        .isEqualTo(prefix("fd00:1::/64"));
    assertThat(dual.allocateSubnet("a", IpFamily.V4, List.of(), DEFAULTS).prefix())
        .isEqualTo(prefix("10.10.0.0/24"));
    Subnet second =
        dual.allocateSubnet("b", IpFamily.V6, List.of(prefix("fd00:1:0:1::/64")), DEFAULTS);
    assertThat(second.prefix()).isEqualTo(prefix("fd00:1:0:2::/64"));
    assertThat(second.gateway()).hasValue(ip("fd00:1:0:2::1"));
  }

  @Test
  void hugeSplitsAreSearchedWithoutTryingEveryCandidate() {
    AddressSpace wide =
        new AddressSpace(
            List.of(
                PoolSpec.parse("base=10.0.0.0/8,size=30"),
                PoolSpec.parse("base=fd00::/8,size=64")));
    assertThat(
            wide.allocateSubnet("a", IpFamily.V4, List.of(prefix("10.0.0.0/9")), DEFAULTS).prefix())
        .isEqualTo(prefix("10.128.0.0/30"));
    assertThat(
            wide.allocateSubnet("b", IpFamily.V6, List.of(prefix("fd00::/9")), DEFAULTS).prefix())
        .isEqualTo(prefix("fd80::/64"));
  }

  @Test
  void laterPoolsAreTriedWhenEarlierOnesAreTaken() {
    AddressSpace two =
        new AddressSpace(
            List.of(
                PoolSpec.parse("base=10.10.0.0/24,size=24"),
                PoolSpec.parse("base=10.20.0.0/16,size=24")));
    assertThat(two.allocateSubnet("a", IpFamily.V4, List.of(), DEFAULTS).prefix())
        .isEqualTo(prefix("10.10.0.0/24"));
    assertThat(two.allocateSubnet("b", IpFamily.V4, List.of(), DEFAULTS).prefix())
        .isEqualTo(prefix("10.20.0.0/24"));
    AddressSpace none = new AddressSpace(List.of());
    assertThatThrownBy(() -> none.allocateSubnet("c", IpFamily.V4, List.of(), DEFAULTS))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void automaticSubnetsTakeSerialAndNoGatewayButNotRangesGatewaysOrAuxAddresses() {
    Subnet serial =
        space.allocateSubnet(
            "s", IpFamily.V4, List.of(), DEFAULTS.withSerial(true).withNoGateway(true));
    assertThat(serial.gateway()).isEmpty();
    assertThat(serial.allocate("a")).isEqualTo(ip("172.17.0.1"));

    for (SubnetOptions options :
        List.of(
            DEFAULTS.withRange(prefix("172.18.0.0/24")),
            DEFAULTS.withGateway(ip("172.18.0.1")),
            DEFAULTS.withAuxAddress("router", ip("172.18.0.2")))) {
      assertThatThrownBy(() -> space.allocateSubnet("front", IpFamily.V4, List.of(), options))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessage(
              "network \"front\": an ip-range, gateway or aux address needs a subnet, give one with"
                  + " --subnet");
    }
    assertThat(space.subnets()).containsExactly(serial);
  }

  // User subnets.

  @Test
  void reservesUserSubnetsWithTheirOptions() {
    SubnetOptions options =
        DEFAULTS
            .withRange(prefix("10.1.2.0/24"))
            .withGateway(ip("10.1.0.254"))
            .withAuxAddress("router", ip("10.1.0.10"))
            .withAuxAddress("printer", ip("10.1.0.11"));
    Subnet subnet = space.reserveSubnet("front", prefix("10.1.0.0/16"), options);
    assertThat(subnet.prefix()).isEqualTo(prefix("10.1.0.0/16"));
    assertThat(subnet.range()).hasValue(prefix("10.1.2.0/24"));
    assertThat(subnet.gateway()).hasValue(ip("10.1.0.254"));
    assertThat(subnet.auxAddresses())
        .containsExactly(
            Map.entry("printer", ip("10.1.0.11")), Map.entry("router", ip("10.1.0.10")));
    assertThat(subnet.holderOf(ip("10.1.0.254"))).hasValue("gateway");
    assertThat(subnet.holderOf(ip("10.1.0.10"))).hasValue("aux:router");
    assertThat(subnet.holderOf(ip("10.1.0.11"))).hasValue("aux:printer");
    assertThat(subnet.holderOf(ip("10.1.0.1"))).isEmpty();
    assertThat(space.find(prefix("10.1.0.0/16"))).containsSame(subnet);
    assertThat(space.find(prefix("10.1.0.0/24"))).isEmpty();
    assertThat(subnet).hasToString("subnet 10.1.0.0/16 of network \"front\"");
  }

  @Test
  void overlappingSubnetsAreRefusedNamingTheOtherNetwork() {
    space.reserveSubnet("back", prefix("10.1.0.0/16"), DEFAULTS);
    assertThatThrownBy(() -> space.reserveSubnet("front", prefix("10.1.0.0/24"), DEFAULTS))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "network \"front\": subnet 10.1.0.0/24 overlaps network \"back\" (10.1.0.0/16)");
    assertThatThrownBy(() -> space.reserveSubnet("front", prefix("10.0.0.0/8"), DEFAULTS))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("network \"front\": subnet 10.0.0.0/8 overlaps network \"back\" (10.1.0.0/16)");
    assertThatThrownBy(() -> space.reserveSubnet("back", prefix("10.1.0.0/16"), DEFAULTS))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("network \"back\": subnet 10.1.0.0/16 overlaps network \"back\" (10.1.0.0/16)");
    // Neighbours and the other family do not overlap.
    space.reserveSubnet("front", prefix("10.2.0.0/16"), DEFAULTS);
    space.reserveSubnet("front", prefix("fd00:1::/64"), DEFAULTS);
    space.reserveSubnet("back", prefix("fd00:2::/64"), DEFAULTS);
    assertThatThrownBy(() -> space.reserveSubnet("other", prefix("fd00::/16"), DEFAULTS))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("network \"other\": subnet fd00::/16 overlaps network \"front\" (fd00:1::/64)");
    assertThat(prefixes())
        .containsExactly(
            prefix("10.1.0.0/16"),
            prefix("10.2.0.0/16"),
            prefix("fd00:1::/64"),
            prefix("fd00:2::/64"));
  }

  @Test
  void userSubnetsMayTakeADefaultPoolAndAutomaticOnesThenSkipIt() {
    space.reserveSubnet("user", prefix("172.17.0.0/16"), DEFAULTS);
    assertThat(allocateV4("auto").prefix()).isEqualTo(prefix("172.18.0.0/16"));
    assertThatThrownBy(() -> space.reserveSubnet("late", prefix("172.18.0.0/24"), DEFAULTS))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "network \"late\": subnet 172.18.0.0/24 overlaps network \"auto\" (172.18.0.0/16)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.1.0.0/31", "10.1.0.0/32", "fd00::/127", "fd00::/128"})
  void subnetsTooSmallForAGatewayAndAnEndpointAreRefused(String text) {
    assertThatThrownBy(() -> space.reserveSubnet("front", prefix(text), DEFAULTS))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("network \"front\": subnet " + text + " is too small: an IPv");
    assertThat(space.subnets()).isEmpty();
  }

  @Test
  void theSmallestSubnetsHoldAGatewayAndOneOrTwoEndpoints() {
    Subnet v4 = space.reserveSubnet("a", prefix("10.1.0.0/30"), DEFAULTS);
    assertThat(v4.gateway()).hasValue(ip("10.1.0.1"));
    assertThat(v4.allocate("x")).isEqualTo(ip("10.1.0.2"));
    assertThatThrownBy(() -> v4.allocate("y")).isInstanceOf(ConflictException.class);
    Subnet v6 = space.reserveSubnet("a", prefix("fd00::/126"), DEFAULTS);
    assertThat(v6.allocate("x")).isEqualTo(ip("fd00::2"));
    assertThat(v6.allocate("y")).isEqualTo(ip("fd00::3"));
    assertThatThrownBy(() -> v6.allocate("z")).isInstanceOf(ConflictException.class);
  }

  @Test
  void rangeMustBeInsideTheSubnet() {
    assertRefused(
        DEFAULTS.withRange(prefix("10.2.0.0/24")),
        "network \"front\": ip-range 10.2.0.0/24 is not inside subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withRange(prefix("10.0.0.0/8")),
        "network \"front\": ip-range 10.0.0.0/8 is not inside subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withRange(prefix("fd00::/64")),
        "network \"front\": ip-range fd00::/64 is not inside subnet 10.1.0.0/16");
    assertThat(
            space
                .reserveSubnet(
                    "front", prefix("10.1.0.0/16"), DEFAULTS.withRange(prefix("10.1.0.0/16")))
                .range())
        .hasValue(prefix("10.1.0.0/16"));
  }

  @Test
  void gatewayMustBeAHostAddressOfTheSubnet() {
    assertRefused(
        DEFAULTS.withGateway(ip("10.2.0.1")),
        "network \"front\": gateway 10.2.0.1 is not inside subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withGateway(ip("fd00::1")),
        "network \"front\": gateway fd00::1 is not inside subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withGateway(ip("10.1.0.0")),
        "network \"front\": gateway 10.1.0.0 is the network address of subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withGateway(ip("10.1.255.255")),
        "network \"front\": gateway 10.1.255.255 is the broadcast address of subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withGateway(ip("10.1.0.1")).withNoGateway(true),
        "network \"front\": gateway 10.1.0.1 is given for a network without a gateway");
  }

  @Test
  void ipv6GatewayMayBeTheLastAddressButNotTheNetworkAddress() {
    Subnet subnet =
        space.reserveSubnet("front", prefix("fd00::/120"), DEFAULTS.withGateway(ip("fd00::ff")));
    assertThat(subnet.gateway()).hasValue(ip("fd00::ff"));
    assertThatThrownBy(
            () ->
                space.reserveSubnet(
                    "back", prefix("fd01::/120"), DEFAULTS.withGateway(ip("fd01::"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("network \"back\": gateway fd01:: is the network address of subnet fd01::/120");
  }

  @Test
  void auxAddressesMustBeHostAddressesOfTheSubnetDistinctFromEachOtherAndTheGateway() {
    assertRefused(
        DEFAULTS.withAuxAddress("router", ip("10.2.0.1")),
        "network \"front\": aux address \"router\" (10.2.0.1) is not inside subnet 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withAuxAddress("router", ip("10.1.0.0")),
        "network \"front\": aux address \"router\" (10.1.0.0) is the network address of subnet"
            + " 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withAuxAddress("router", ip("10.1.255.255")),
        "network \"front\": aux address \"router\" (10.1.255.255) is the broadcast address of subnet"
            + " 10.1.0.0/16");
    assertRefused(
        DEFAULTS.withAuxAddress("router", ip("10.1.0.9")).withAuxAddress("printer", ip("10.1.0.9")),
        "network \"front\": aux addresses \"printer\" and \"router\" are both 10.1.0.9");
    assertRefused(
        DEFAULTS.withAuxAddress("router", ip("10.1.0.1")),
        "network \"front\": aux address \"router\" (10.1.0.1) is the gateway address");
    assertRefused(
        DEFAULTS.withGateway(ip("10.1.0.9")).withAuxAddress("router", ip("10.1.0.9")),
        "network \"front\": aux address \"router\" (10.1.0.9) is the gateway address");
    assertRefused(
        DEFAULTS.withAuxAddress(" ", ip("10.1.0.9")),
        "network \"front\": aux address 10.1.0.9 has no name, expected name=address");
    // Without a gateway, the first address is free for an aux address.
    Subnet subnet =
        space.reserveSubnet(
            "front",
            prefix("10.1.0.0/16"),
            DEFAULTS.withNoGateway(true).withAuxAddress("router", ip("10.1.0.1")));
    assertThat(subnet.holderOf(ip("10.1.0.1"))).hasValue("aux:router");
  }

  @Test
  void auxNamesAreGivenOnce() {
    SubnetOptions once = DEFAULTS.withAuxAddress("router", ip("10.1.0.9"));
    assertThatThrownBy(() -> once.withAuxAddress("router", ip("10.1.0.10")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("aux address \"router\" is given twice");
  }

  /** Refused with {@code message}, and the space is left as it was. */
  private void assertRefused(SubnetOptions options, String message) {
    List<Subnet> before = space.subnets();
    assertThatThrownBy(() -> space.reserveSubnet("front", prefix("10.1.0.0/16"), options))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(message);
    assertThat(space.subnets()).isEqualTo(before);
    assertThat(space.find(prefix("10.1.0.0/16"))).isEmpty();
  }

  @Test
  void aRefusedRequestLeavesTheSpaceUnchanged() {
    Subnet back = space.reserveSubnet("back", prefix("10.1.0.0/16"), DEFAULTS);
    back.allocate("web");
    assertThatThrownBy(
            () ->
                space.reserveSubnet(
                    "front", prefix("10.1.0.0/24"), DEFAULTS.withGateway(ip("10.9.0.1"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> space.reserveSubnet("front", prefix("10.1.0.0/24"), DEFAULTS))
        .isInstanceOf(ForbiddenException.class);
    assertThat(space.subnets()).containsExactly(back);
    assertThat(back.used()).isEqualTo(1);
    // And the refused prefix is still free elsewhere: a new space takes it.
    space.releaseSubnet(back);
    assertThat(space.reserveSubnet("front", prefix("10.1.0.0/24"), DEFAULTS).prefix())
        .isEqualTo(prefix("10.1.0.0/24"));
  }

  // Release.

  @Test
  void releaseFreesThePrefixAndKillsTheHandle() {
    Subnet subnet = space.reserveSubnet("front", prefix("10.1.0.0/24"), DEFAULTS);
    IpAddress web = subnet.allocate("web");
    space.releaseSubnet(subnet);
    assertThat(space.subnets()).isEmpty();
    assertThat(space.find(prefix("10.1.0.0/24"))).isEmpty();
    assertThatThrownBy(() -> subnet.allocate("db"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("subnet 10.1.0.0/24 of network \"front\" was released");
    assertThatThrownBy(() -> subnet.release(web)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> space.releaseSubnet(subnet))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "subnet 10.1.0.0/24 of network \"front\" is not reserved in this address space");

    Subnet again = space.reserveSubnet("back", prefix("10.1.0.0/24"), DEFAULTS);
    assertThat(again.allocate("web")).isEqualTo(web);
    // The old handle cannot release the new subnet with the same prefix.
    assertThatThrownBy(() -> space.releaseSubnet(subnet)).isInstanceOf(IllegalStateException.class);
    AddressSpace other = new AddressSpace(List.of());
    assertThatThrownBy(() -> other.releaseSubnet(again)).isInstanceOf(IllegalStateException.class);
    assertThat(space.subnets()).containsExactly(again);
  }

  // Arguments that are the engine's bugs, not the user's.

  @Test
  void ownersMustBeNamed() {
    assertThatThrownBy(() -> space.reserveSubnet(" ", prefix("10.1.0.0/24"), DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> space.allocateSubnet(null, IpFamily.V4, List.of(), DEFAULTS))
        .isInstanceOf(NullPointerException.class);
    assertThat(space.subnets()).isEmpty();
  }

  // Link-local addresses.

  @ParameterizedTest
  @ValueSource(strings = {"169.254.0.1", "169.254.255.254", "fe80::1", "febf::1"})
  void linkLocalAddressesPass(String text) {
    AddressSpace.requireLinkLocal(ip(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.1.0.5", "169.255.0.1", "fd00::1", "fec0::1", "::1", "0.0.0.0"})
  void otherAddressesAreNotLinkLocal(String text) {
    assertThatThrownBy(() -> AddressSpace.requireLinkLocal(ip(text)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "invalid link-local IP address "
                + text
                + ": link-local addresses are in 169.254.0.0/16 (IPv4) and fe80::/10 (IPv6)");
  }

  @Test
  void findIsByExactPrefix() {
    Subnet subnet = space.reserveSubnet("front", prefix("10.1.0.0/24"), DEFAULTS);
    assertThat(space.find(prefix("10.1.0.0/24"))).isEqualTo(Optional.of(subnet));
    assertThat(space.find(prefix("10.1.0.0/25"))).isEmpty();
    assertThat(space.find(prefix("10.0.0.0/8"))).isEmpty();
  }
}
