package dev.junction.kernel.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link IpAddress} adds over the two families: dispatch by text and bytes, and order. */
class IpAddressTest {

  @Test
  void parseDispatchesOnTheColon() {
    assertThat(IpAddress.parse("10.0.0.1")).isInstanceOf(Ipv4Address.class);
    assertThat(IpAddress.parse("::1")).isInstanceOf(Ipv6Address.class);
    assertThat(IpAddress.parse("::ffff:10.0.0.1"))
        .isInstanceOf(Ipv6Address.class)
        .hasToString("::ffff:10.0.0.1")
        .isNotEqualTo(IpAddress.parse("10.0.0.1"));
  }

  @Test
  void fromBytesDispatchesOnTheLength() {
    assertThat(IpAddress.fromBytes(new byte[] {10, 0, 0, 1})).hasToString("10.0.0.1");
    assertThat(IpAddress.fromBytes(new byte[16])).isEqualTo(Ipv6Address.ANY);
    for (int length : new int[] {0, 1, 3, 5, 6, 15, 17, 32}) {
      assertThatThrownBy(() -> IpAddress.fromBytes(new byte[length]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an IP address has 4 or 16 bytes, not " + length);
    }
  }

  @Test
  void ordersIpv4BeforeIpv6ThenByValue() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<IpAddress> addresses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      addresses.add(new Ipv4Address(random.nextInt()));
      addresses.add(new Ipv6Address(random.nextLong(), random.nextLong()));
    }
    Collections.shuffle(addresses, random);
    Collections.sort(addresses);
    for (int i = 1; i < addresses.size(); i++) {
      IpAddress previous = addresses.get(i - 1);
      IpAddress current = addresses.get(i);
      String context = "seed " + seed + ": " + previous + " then " + current;
      if (previous.family() == current.family()) {
        assertThat(previous.toBigInteger()).as(context).isLessThanOrEqualTo(current.toBigInteger());
      } else {
        assertThat(previous.family()).as(context).isEqualTo(IpFamily.V4);
      }
      // Antisymmetric and consistent with equals.
      assertThat(Integer.signum(previous.compareTo(current)))
          .as(context)
          .isEqualTo(-Integer.signum(current.compareTo(previous)));
      assertThat(previous.compareTo(current) == 0).as(context).isEqualTo(previous.equals(current));
    }
    assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
  }

  @Test
  void familyConstants() {
    assertThat(IpFamily.V4.addressFamily()).isEqualTo(2);
    assertThat(IpFamily.V6.addressFamily()).isEqualTo(10);
    assertThat(IpFamily.V4.bitLength()).isEqualTo(32);
    assertThat(IpFamily.V6.byteLength()).isEqualTo(16);
    assertThat(IpFamily.V4).hasToString("IPv4");
    assertThat(IpFamily.V6).hasToString("IPv6");
  }
}
