package dev.junction.kernel.link;

import dev.junction.kernel.ip.MacAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What every kind of link has.
 *
 * @param index the interface index in its namespace
 * @param name the interface name (at most 15 bytes)
 * @param mtu the MTU in bytes
 * @param mac the hardware address, empty for links without one
 * @param flags interface flags such as {@link LinkFlag#UP}
 * @param masterIndex index of the bridge (or other master) this link is attached to
 * @param group the link group ({@code ip link set X group N}); 0 is the default group
 * @param altNames alternative names ({@code ip link property add dev X altname Y})
 */
public record LinkAttributes(
    int index,
    String name,
    int mtu,
    Optional<MacAddress> mac,
    Set<LinkFlag> flags,
    OptionalInt masterIndex,
    int group,
    List<String> altNames) {

  public LinkAttributes {
    flags = Set.copyOf(flags);
    altNames = List.copyOf(altNames);
  }

  public boolean isUp() {
    return flags.contains(LinkFlag.UP);
  }
}
