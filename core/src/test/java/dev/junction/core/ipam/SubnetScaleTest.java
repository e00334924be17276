package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.error.ConflictException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Correctness at sizes where materialising the subnet would show: a /8 (16M addresses) and an IPv6
 * /64 (2^64). No timing is asserted; the allocator's run count stands for its memory.
 */
class SubnetScaleTest {

  private static final int COUNT = 100_000;

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static IpAddress plus(IpAddress address, long n) {
    return IpAddress.fromBigInteger(
        address.family(), address.toBigInteger().add(BigInteger.valueOf(n)));
  }

  @Test
  void aSlashEightRefillsItsHolesLowestFirst() {
    AddressSpace space = new AddressSpace(List.of());
    Subnet subnet =
        space.reserveSubnet("big", IpPrefix.parse("10.0.0.0/8"), SubnetOptions.DEFAULTS);
    List<IpAddress> first = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      first.add(subnet.allocate("c" + i));
    }
    assertThat(first.getFirst()).isEqualTo(ip("10.0.0.2"));
    assertThat(first.getLast()).isEqualTo(plus(ip("10.0.0.2"), COUNT - 1));
    // Network address, gateway and the allocations are one run; the broadcast address another.
    assertThat(subnet.runCount()).isEqualTo(2);

    for (int i = 0; i < COUNT; i += 2) {
      subnet.release(first.get(i));
    }
    assertThat(subnet.used()).isEqualTo(COUNT / 2);
    assertThat(subnet.runCount()).isEqualTo(COUNT / 2 + 2);

    for (int i = 0; i < COUNT; i += 2) {
      assertThat(subnet.allocate("again" + i)).as("refill %d", i).isEqualTo(first.get(i));
    }
    assertThat(subnet.allocate("next")).isEqualTo(plus(ip("10.0.0.2"), COUNT));
    assertThat(subnet.runCount()).isEqualTo(2);
    assertThat(subnet.used()).isEqualTo(COUNT + 1);
    assertThat(subnet.free()).isEqualTo((1 << 24) - 3 - COUNT - 1);
    assertThat(subnet.holderOf(first.get(4))).hasValue("again4");
    assertThat(subnet.holderOf(first.get(5))).hasValue("c5");
  }

  @Test
  void serialModeWrapsAroundAFullSlashSixteen() {
    AddressSpace space = new AddressSpace(List.of());
    Subnet subnet =
        space.reserveSubnet(
            "serial", IpPrefix.parse("10.1.0.0/16"), SubnetOptions.DEFAULTS.withSerial(true));
    int allocatable = 65_536 - 3;
    IpAddress last = null;
    for (int i = 0; i < allocatable; i++) {
      last = subnet.allocate("c" + i);
    }
    assertThat(last).isEqualTo(ip("10.1.255.254"));
    assertThatThrownBy(() -> subnet.allocate("full")).isInstanceOf(ConflictException.class);

    subnet.release(ip("10.1.0.100"));
    subnet.release(ip("10.1.0.50"));
    assertThat(subnet.allocate("w1")).isEqualTo(ip("10.1.0.50"));
    assertThat(subnet.allocate("w2")).isEqualTo(ip("10.1.0.100"));
    subnet.release(ip("10.1.0.20"));
    subnet.release(ip("10.1.200.1"));
    // After .100 the next free is 10.1.200.1, before wrapping to .20.
    assertThat(subnet.allocate("w3")).isEqualTo(ip("10.1.200.1"));
    assertThat(subnet.allocate("w4")).isEqualTo(ip("10.1.0.20"));
    assertThat(subnet.free()).isZero();
  }

  @Test
  void aSlashSixtyFourAllocatesAtBothEndsInConstantMemory() {
    AddressSpace space = new AddressSpace(List.of());
    Subnet subnet =
        space.reserveSubnet("six", IpPrefix.parse("fd00:1::/64"), SubnetOptions.DEFAULTS);
    assertThat(subnet.family()).isEqualTo(IpFamily.V6);
    assertThat(subnet.allocate("first")).isEqualTo(ip("fd00:1::2"));
    IpAddress high = ip("fd00:1::fedc:ba98:7654:3210");
    assertThat(subnet.allocate(high, "high")).isEqualTo(high);
    IpAddress top = ip("fd00:1::ffff:ffff:ffff:ffff");
    assertThat(subnet.allocate(top, "top")).isEqualTo(top);
    assertThat(subnet.allocate("second")).isEqualTo(ip("fd00:1::3"));
    assertThat(subnet.runCount()).isEqualTo(3);
    assertThat(subnet.used()).isEqualTo(4);
    assertThat(subnet.free())
        .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(2 + 4)));
    subnet.release(high);
    assertThat(subnet.runCount()).isEqualTo(2);
    assertThat(subnet.holderOf(top)).hasValue("top");
  }

  @Test
  void aSerialSlashSixtyFourKeepsGoingUp() {
    AddressSpace space = new AddressSpace(List.of());
    Subnet subnet =
        space.reserveSubnet(
            "six", IpPrefix.parse("fd00:2::/64"), SubnetOptions.DEFAULTS.withSerial(true));
    IpAddress previous = subnet.allocate("c0");
    for (int i = 1; i < 10_000; i++) {
      IpAddress next = subnet.allocate("c" + i);
      assertThat(next).isEqualTo(plus(previous, 1));
      subnet.release(previous);
      previous = next;
    }
    assertThat(previous).isEqualTo(plus(ip("fd00:2::2"), 9_999));
    assertThat(subnet.runCount()).isEqualTo(2);
  }
}
