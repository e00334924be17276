package dev.junction.kernel.link;

import java.util.EnumSet;
import java.util.Set;

/** The interface flags ({@code IFF_*}) the engine looks at. */
public enum LinkFlag {
  /** Administratively up ({@code ip link set X up}). */
  UP(0x1),
  BROADCAST(0x2),
  LOOPBACK(0x8),
  POINT_TO_POINT(0x10),
  /** The operational state is up: the interface can pass traffic. */
  RUNNING(0x40),
  NOARP(0x80),
  PROMISC(0x100),
  MULTICAST(0x1000),
  /** The carrier is present ({@code LOWER_UP} in {@code ip link}). */
  LOWER_UP(0x10000);

  private final int bit;

  LinkFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  /** The flags set in a kernel {@code ifi_flags} word; bits the engine ignores are dropped. */
  public static Set<LinkFlag> fromBits(int bits) {
    EnumSet<LinkFlag> flags = EnumSet.noneOf(LinkFlag.class);
    for (LinkFlag flag : values()) {
      if ((bits & flag.bit) != 0) {
        flags.add(flag);
      }
    }
    return Set.copyOf(flags);
  }
}
