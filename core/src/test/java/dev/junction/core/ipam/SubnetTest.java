package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.error.ConflictException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SubnetTest {

  private static final SubnetOptions DEFAULTS = SubnetOptions.DEFAULTS;

  private final AddressSpace space = new AddressSpace(List.of());

  private static IpPrefix prefix(String text) {
    return IpPrefix.parse(text);
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private Subnet front(String prefix, SubnetOptions options) {
    return space.reserveSubnet("front", prefix(prefix), options);
  }

  @Test
  void allocatesTheLowestFreeAddressAfterNetworkAndGateway() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS);
    assertThat(subnet.allocate("web")).isEqualTo(ip("10.1.0.2"));
    assertThat(subnet.allocate("db")).isEqualTo(ip("10.1.0.3"));
    assertThat(subnet.allocate("cache")).isEqualTo(ip("10.1.0.4"));
    assertThat(subnet.holderOf(ip("10.1.0.3"))).hasValue("db");
    assertThat(subnet.holderOf(ip("10.1.0.1"))).hasValue("gateway");
    assertThat(subnet.holderOf(ip("10.1.0.0"))).isEmpty();
    assertThat(subnet.holderOf(ip("10.1.0.5"))).isEmpty();

    subnet.release(ip("10.1.0.3"));
    assertThat(subnet.holderOf(ip("10.1.0.3"))).isEmpty();
    // Local networks reuse the lowest free address at once, as Docker's.
    assertThat(subnet.allocate("db2")).isEqualTo(ip("10.1.0.3"));
    assertThat(subnet.allocate("next")).isEqualTo(ip("10.1.0.5"));
  }

  @Test
  void skipsGatewayAndAuxAddressesAndReportsExhaustion() {
    Subnet subnet =
        front(
            "10.1.0.0/29",
            DEFAULTS
                .withGateway(ip("10.1.0.3"))
                .withAuxAddress("router", ip("10.1.0.1"))
                .withAuxAddress("printer", ip("10.1.0.5")));
    assertThat(subnet.allocate("a")).isEqualTo(ip("10.1.0.2"));
    assertThat(subnet.allocate("b")).isEqualTo(ip("10.1.0.4"));
    assertThat(subnet.allocate("c")).isEqualTo(ip("10.1.0.6"));
    assertThatThrownBy(() -> subnet.allocate("d"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("no available IPv4 addresses on network \"front\" (10.1.0.0/29)");
    subnet.release(ip("10.1.0.4"));
    assertThat(subnet.allocate("d")).isEqualTo(ip("10.1.0.4"));
  }

  @Test
  void withoutAGatewayTheFirstAddressIsAllocated() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS.withNoGateway(true));
    assertThat(subnet.gateway()).isEmpty();
    assertThat(subnet.allocate("web")).isEqualTo(ip("10.1.0.1"));
    assertThat(subnet.size()).isEqualTo(254);
  }

  @Test
  void dynamicAllocationDrawsFromTheRangeOnly() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS.withRange(prefix("10.1.0.128/30")));
    // The range's first address is not the subnet's network address, so it is handed out.
    assertThat(subnet.allocate("a")).isEqualTo(ip("10.1.0.128"));
    assertThat(subnet.allocate("b")).isEqualTo(ip("10.1.0.129"));
    assertThat(subnet.allocate("c")).isEqualTo(ip("10.1.0.130"));
    assertThat(subnet.allocate("d")).isEqualTo(ip("10.1.0.131"));
    assertThatThrownBy(() -> subnet.allocate("e"))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "no available IPv4 addresses on network \"front\" (10.1.0.0/24, ip-range"
                + " 10.1.0.128/30)");
    // Static addresses may lie outside the range, and are counted.
    assertThat(subnet.allocate(ip("10.1.0.7"), "static")).isEqualTo(ip("10.1.0.7"));
    assertThat(subnet.used()).isEqualTo(5);
    assertThat(subnet.free()).isEqualTo(253 - 5);
  }

  @Test
  void rangeCoveringNetworkAndBroadcastSkipsThem() {
    Subnet subnet =
        front("10.1.0.0/24", DEFAULTS.withNoGateway(true).withRange(prefix("10.1.0.0/24")));
    assertThat(subnet.allocate("a")).isEqualTo(ip("10.1.0.1"));
    for (int i = 2; i <= 254; i++) {
      subnet.allocate("x" + i);
    }
    assertThatThrownBy(() -> subnet.allocate("last")).isInstanceOf(ConflictException.class);
    assertThat(subnet.free()).isZero();
  }

  @Test
  void staticAddressesAreReservedExactly() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS);
    assertThat(subnet.allocate(ip("10.1.0.2"), "web")).isEqualTo(ip("10.1.0.2"));
    assertThat(subnet.allocate(ip("10.1.0.254"), "edge")).isEqualTo(ip("10.1.0.254"));
    assertThat(subnet.allocate("db")).isEqualTo(ip("10.1.0.3"));
    assertThat(subnet.holderOf(ip("10.1.0.254"))).hasValue("edge");
  }

  @Test
  void staticAddressInUseIsAConflictNamingTheHolder() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS.withAuxAddress("router", ip("10.1.0.9")));
    subnet.allocate(ip("10.1.0.5"), "web");
    assertThatThrownBy(() -> subnet.allocate(ip("10.1.0.5"), "db"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("address 10.1.0.5 on network \"front\" is in use by \"web\"");
    assertThatThrownBy(() -> subnet.allocate(ip("10.1.0.1"), "db"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("address 10.1.0.1 on network \"front\" is in use by \"gateway\"");
    assertThatThrownBy(() -> subnet.allocate(ip("10.1.0.9"), "db"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("address 10.1.0.9 on network \"front\" is in use by \"aux:router\"");
    assertThat(subnet.holderOf(ip("10.1.0.5"))).hasValue("web");
  }

  @Test
  void staticAddressMustBeAHostAddressOfTheSubnet() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS);
    assertThatThrownBy(() -> subnet.allocate(ip("10.2.0.5"), "web"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("address 10.2.0.5 on network \"front\" is not inside subnet 10.1.0.0/24");
    assertThatThrownBy(() -> subnet.allocate(ip("fd00::5"), "web"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("address fd00::5 on network \"front\" is not inside subnet 10.1.0.0/24");
    assertThatThrownBy(() -> subnet.allocate(ip("10.1.0.0"), "web"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "address 10.1.0.0 on network \"front\" is the network address of subnet 10.1.0.0/24");
    assertThatThrownBy(() -> subnet.allocate(ip("10.1.0.255"), "web"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "address 10.1.0.255 on network \"front\" is the broadcast address of subnet"
                + " 10.1.0.0/24");
    assertThat(subnet.used()).isZero();
  }

  @Test
  void releasingWhatIsNotAllocatedIsABug() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS.withAuxAddress("router", ip("10.1.0.9")));
    IpAddress web = subnet.allocate("web");
    subnet.release(web);
    assertThatThrownBy(() -> subnet.release(web))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("address 10.1.0.2 on network \"front\" is not allocated");
    assertThatThrownBy(() -> subnet.release(ip("10.2.0.1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("address 10.2.0.1 on network \"front\" is not allocated");
    assertThatThrownBy(() -> subnet.release(ip("10.1.0.1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "address 10.1.0.1 on network \"front\" is held by \"gateway\" until the subnet is"
                + " released");
    assertThatThrownBy(() -> subnet.release(ip("10.1.0.9")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "address 10.1.0.9 on network \"front\" is held by \"aux:router\" until the subnet is"
                + " released");
    assertThat(subnet.holderOf(ip("10.1.0.1"))).hasValue("gateway");
  }

  @Test
  void holdersMustBeNamed() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS);
    assertThatThrownBy(() -> subnet.allocate(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> subnet.allocate(ip("10.1.0.5"), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> subnet.allocate((String) null))
        .isInstanceOf(NullPointerException.class);
    assertThat(subnet.used()).isZero();
  }

  @Test
  void countsExcludeNetworkBroadcastGatewayAndAuxAddresses() {
    Subnet subnet =
        front(
            "10.1.0.0/24",
            DEFAULTS.withAuxAddress("a", ip("10.1.0.10")).withAuxAddress("b", ip("10.1.0.11")));
    assertThat(subnet.size()).isEqualTo(256 - 2 - 1 - 2);
    assertThat(subnet.used()).isZero();
    assertThat(subnet.free()).isEqualTo(251);
    IpAddress web = subnet.allocate("web");
    subnet.allocate(ip("10.1.0.200"), "static");
    assertThat(subnet.used()).isEqualTo(2);
    assertThat(subnet.free()).isEqualTo(249);
    subnet.release(web);
    assertThat(subnet.used()).isEqualTo(1);

    Subnet v6 = space.reserveSubnet("six", prefix("fd00::/64"), DEFAULTS);
    assertThat(v6.size()).isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO));
    Subnet wide = space.reserveSubnet("wide", prefix("fd01::/48"), DEFAULTS.withNoGateway(true));
    assertThat(wide.size()).isEqualTo(BigInteger.ONE.shiftLeft(80).subtract(BigInteger.ONE));
  }

  @Test
  void serialModeContinuesAfterTheLastAllocationAndWraps() {
    Subnet subnet = front("10.1.0.0/29", DEFAULTS.withSerial(true));
    assertThat(subnet.allocate("a")).isEqualTo(ip("10.1.0.2"));
    assertThat(subnet.allocate("b")).isEqualTo(ip("10.1.0.3"));
    subnet.release(ip("10.1.0.2"));
    // Not the lowest free (.2): the next after the last allocated.
    assertThat(subnet.allocate("c")).isEqualTo(ip("10.1.0.4"));
    // Static allocations do not move the cursor.
    subnet.allocate(ip("10.1.0.6"), "static");
    assertThat(subnet.allocate("d")).isEqualTo(ip("10.1.0.5"));
    // Nothing is free after .5: wrap to the start.
    assertThat(subnet.allocate("e")).isEqualTo(ip("10.1.0.2"));
    assertThatThrownBy(() -> subnet.allocate("f")).isInstanceOf(ConflictException.class);
    subnet.release(ip("10.1.0.5"));
    subnet.release(ip("10.1.0.3"));
    assertThat(subnet.allocate("g")).isEqualTo(ip("10.1.0.3"));
    assertThat(subnet.allocate("h")).isEqualTo(ip("10.1.0.5"));
  }

  @Test
  void serialModeDoesNotReuseTheAddressJustReleased() {
    Subnet subnet = front("10.1.0.0/24", DEFAULTS.withSerial(true));
    IpAddress first = subnet.allocate("a");
    subnet.release(first);
    assertThat(subnet.allocate("b")).isEqualTo(ip("10.1.0.3"));
  }

  @Test
  void serialModeInARange() {
    Subnet subnet =
        front("10.1.0.0/24", DEFAULTS.withSerial(true).withRange(prefix("10.1.0.64/30")));
    assertThat(subnet.allocate("a")).isEqualTo(ip("10.1.0.64"));
    assertThat(subnet.allocate("b")).isEqualTo(ip("10.1.0.65"));
    subnet.release(ip("10.1.0.64"));
    assertThat(subnet.allocate("c")).isEqualTo(ip("10.1.0.66"));
    assertThat(subnet.allocate("d")).isEqualTo(ip("10.1.0.67"));
    assertThat(subnet.allocate("e")).isEqualTo(ip("10.1.0.64"));
    assertThatThrownBy(() -> subnet.allocate("f"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("ip-range 10.1.0.64/30");
  }

  @Test
  void ipv6SubnetsReserveTheNetworkAddressButHaveNoBroadcast() {
    Subnet subnet = space.reserveSubnet("six", prefix("fd00:1::/64"), DEFAULTS);
    assertThat(subnet.gateway()).hasValue(ip("fd00:1::1"));
    assertThat(subnet.allocate("a")).isEqualTo(ip("fd00:1::2"));
    assertThat(subnet.allocate(ip("fd00:1::ffff:ffff:ffff:ffff"), "top"))
        .isEqualTo(ip("fd00:1::ffff:ffff:ffff:ffff"));
    assertThatThrownBy(() -> subnet.allocate(ip("fd00:1::"), "b"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "address fd00:1:: on network \"six\" is the network address of subnet fd00:1::/64");
    assertThatThrownBy(() -> subnet.allocate(ip("fd00:2::1"), "b"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("address fd00:2::1 on network \"six\" is not inside subnet fd00:1::/64");
  }

  @Test
  void ipv6Exhaustion() {
    Subnet subnet = space.reserveSubnet("six", prefix("fd00::/126"), DEFAULTS);
    subnet.allocate("a");
    subnet.allocate("b");
    assertThatThrownBy(() -> subnet.allocate("c"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("no available IPv6 addresses on network \"six\" (fd00::/126)");
  }

  @Test
  void wideIpv6SubnetsAllocateDynamicallyFromTheirFirstTwoToTheSixtyFourButStaticallyAnywhere() {
    Subnet subnet = space.reserveSubnet("wide", prefix("fd00::/48"), DEFAULTS);
    assertThat(subnet.allocate("a")).isEqualTo(ip("fd00::2"));
    IpAddress far = ip("fd00:0:0:ffff::5");
    assertThat(subnet.allocate(far, "far")).isEqualTo(far);
    assertThatThrownBy(() -> subnet.allocate(far, "again"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("address fd00:0:0:ffff::5 on network \"wide\" is in use by \"far\"");
    subnet.release(far);
    assertThat(subnet.holderOf(far)).isEmpty();
    assertThat(subnet.used()).isEqualTo(1);

    // A range elsewhere in the subnet is where dynamic allocation starts.
    Subnet ranged =
        space.reserveSubnet(
            "ranged", prefix("fd01::/48"), DEFAULTS.withRange(prefix("fd01:0:0:5::/64")));
    assertThat(ranged.gateway()).hasValue(ip("fd01::1"));
    assertThat(ranged.allocate("a")).isEqualTo(ip("fd01:0:0:5::"));
    assertThat(ranged.allocate("b")).isEqualTo(ip("fd01:0:0:5::1"));
  }

  @Test
  void replayReservesExactlyWhatTheStoreHolds() {
    // What the engine stored for a network and its endpoints, replayed in no particular order.
    SubnetOptions stored =
        DEFAULTS
            .withRange(prefix("10.1.0.0/25"))
            .withGateway(ip("10.1.0.1"))
            .withAuxAddress("router", ip("10.1.0.2"));
    Subnet subnet = front("10.1.0.0/24", stored);
    for (String address : List.of("10.1.0.5", "10.1.0.3", "10.1.0.200", "10.1.0.4")) {
      subnet.allocate(ip(address), "ep-" + address);
    }
    assertThat(subnet.used()).isEqualTo(4);
    assertThat(subnet.allocate("new")).isEqualTo(ip("10.1.0.6"));
    subnet.release(ip("10.1.0.3"));
    assertThat(subnet.allocate("newer")).isEqualTo(ip("10.1.0.3"));
    assertThat(subnet.holderOf(ip("10.1.0.200"))).hasValue("ep-10.1.0.200");
  }

  @Test
  void concurrentAllocationsNeverShareAnAddress() throws Exception {
    Subnet subnet = front("10.1.0.0/16", DEFAULTS);
    int threads = 8;
    int each = 500;
    List<Future<List<IpAddress>>> results = new ArrayList<>();
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        String holder = "t" + t;
        results.add(
            executor.submit(
                () -> {
                  List<IpAddress> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    IpAddress address = subnet.allocate(holder);
                    mine.add(address);
                    if (i % 3 == 0) {
                      subnet.release(address);
                      mine.removeLast();
                    }
                  }
                  return mine;
                }));
      }
    }
    Set<IpAddress> all = new HashSet<>();
    int count = 0;
    for (Future<List<IpAddress>> result : results) {
      for (IpAddress address : result.get()) {
        count++;
        all.add(address);
      }
    }
    assertThat(all).hasSize(count);
    assertThat(subnet.used()).isEqualTo(count);
  }
}
