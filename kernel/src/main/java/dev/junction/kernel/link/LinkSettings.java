package dev.junction.kernel.link;

import dev.junction.kernel.ip.MacAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings any link can be created with, so that one netlink message builds it ready for use
 * instead of one message per setting. Empty values leave the kernel's default.
 *
 * @param mtu the MTU
 * @param mac the hardware address
 * @param group the link group
 * @param master the bridge to attach the new link to, by name
 * @param up whether the link starts administratively up
 * @param ipv6 whether IPv6 runs on the link; false sets {@code net.ipv6.conf.NAME.disable_ipv6}
 *     before the link can come up. A link without IPv6 gets no link-local address and no {@code
 *     fe80::/64} route: with thousands of veths that is what keeps creating one more cheap (the
 *     kernel's IPv6 routes for the same prefix form one list)
 */
public record LinkSettings(
    OptionalInt mtu,
    Optional<MacAddress> mac,
    OptionalInt group,
    Optional<String> master,
    boolean up,
    boolean ipv6) {

  /** Everything left to the kernel; the link starts down, with IPv6. */
  public static final LinkSettings DEFAULT =
      new LinkSettings(
          OptionalInt.empty(),
          Optional.empty(),
          OptionalInt.empty(),
          Optional.empty(),
          false,
          true);

  public LinkSettings withMtu(int value) {
    return new LinkSettings(OptionalInt.of(value), mac, group, master, up, ipv6);
  }

  public LinkSettings withMac(MacAddress value) {
    return new LinkSettings(mtu, Optional.of(value), group, master, up, ipv6);
  }

  public LinkSettings withGroup(int value) {
    return new LinkSettings(mtu, mac, OptionalInt.of(value), master, up, ipv6);
  }

  public LinkSettings withMaster(String bridge) {
    return new LinkSettings(mtu, mac, group, Optional.of(bridge), up, ipv6);
  }

  public LinkSettings withUp(boolean value) {
    return new LinkSettings(mtu, mac, group, master, value, ipv6);
  }

  public LinkSettings withIpv6(boolean value) {
    return new LinkSettings(mtu, mac, group, master, up, value);
  }
}
