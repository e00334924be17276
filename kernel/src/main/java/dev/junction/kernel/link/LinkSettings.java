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
 */
public record LinkSettings(
    OptionalInt mtu,
    Optional<MacAddress> mac,
    OptionalInt group,
    Optional<String> master,
    boolean up) {

  /** Everything left to the kernel; the link starts down. */
  public static final LinkSettings DEFAULT =
      new LinkSettings(
          OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), false);

  public LinkSettings withMtu(int value) {
    return new LinkSettings(OptionalInt.of(value), mac, group, master, up);
  }

  public LinkSettings withMac(MacAddress value) {
    return new LinkSettings(mtu, Optional.of(value), group, master, up);
  }

  public LinkSettings withGroup(int value) {
    return new LinkSettings(mtu, mac, OptionalInt.of(value), master, up);
  }

  public LinkSettings withMaster(String bridge) {
    return new LinkSettings(mtu, mac, group, Optional.of(bridge), up);
  }

  public LinkSettings withUp(boolean value) {
    return new LinkSettings(mtu, mac, group, master, value);
  }
}
