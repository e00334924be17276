package dev.junction.testkit.fake;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkAttributes;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.link.MacvlanMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The mutable state of one link. Other tables (addresses, routes, neighbours) refer to links by
 * identity, so a rename or a move never leaves an entry pointing at a stale name.
 */
final class FakeLink {

  /** What kind of device it is, with the settings fixed at creation. */
  sealed interface Kind {
    record Loopback() implements Kind {}

    record Bridge(boolean multicastSnooping) implements Kind {}

    record Veth() implements Kind {}

    record Vxlan(int vni, Optional<IpAddress> local, int port, boolean learning) implements Kind {
      /** The tunnel's address family: the local address's, IPv4 when none is set. */
      IpFamily family() {
        return local.map(IpAddress::family).orElse(IpFamily.V4);
      }

      /** Outer headers (IP, UDP, VXLAN, Ethernet) the underlay's MTU must also carry. */
      int overhead() {
        return family() == IpFamily.V6 ? 70 : 50;
      }
    }

    record Macvlan(MacvlanMode mode) implements Kind {}

    record Dummy() implements Kind {}
  }

  static final int MIN_MTU = 68;
  static final int ETHERNET_MAX_MTU = 65535;
  static final int IPV6_MIN_MTU = 1280;

  final Kind kind;
  Namespace namespace;
  int index;
  String name;
  final List<String> altNames = new ArrayList<>();
  int mtu;
  MacAddress mac;
  boolean up;
  FakeLink master;
  int group;

  /** The other end of a veth pair. */
  FakeLink peer;

  /** A macvlan's parent or a vxlan's underlay; deleting it deletes this link too. */
  FakeLink lower;

  /** The links whose {@link #lower} this is, in any namespace. */
  final List<FakeLink> uppers = new ArrayList<>();

  /** Bridges follow their ports' smallest MTU and MAC until told otherwise. */
  boolean mtuSetByUser;

  boolean macSetByUser;

  /** {@code net.ipv4.conf.NAME.*} and {@code net.ipv6.conf.NAME.*}, keyed by parameter. */
  final Map<String, String> ipv4Conf = new LinkedHashMap<>();

  final Map<String, String> ipv6Conf = new LinkedHashMap<>();

  FakeLink(Kind kind, String name, int mtu, MacAddress mac) {
    this.kind = kind;
    this.name = name;
    this.mtu = mtu;
    this.mac = mac;
  }

  boolean isLoopback() {
    return kind instanceof Kind.Loopback;
  }

  boolean isBridge() {
    return kind instanceof Kind.Bridge;
  }

  boolean isMacvlan() {
    return kind instanceof Kind.Macvlan;
  }

  boolean answersTo(String candidate) {
    return name.equals(candidate) || altNames.contains(candidate);
  }

  /**
   * Whether the device has a carrier, independently of its own admin state. A veth end has one only
   * while both ends are up, a macvlan inherits its parent's, and a bridge has one while a port can
   * forward.
   */
  boolean carrier() {
    return switch (kind) {
      case Kind.Loopback _, Kind.Dummy _, Kind.Vxlan _ -> true;
      case Kind.Veth _ -> up && peer.up;
      case Kind.Macvlan _ -> lower.up && lower.carrier();
      case Kind.Bridge _ -> up && namespace.portsOf(this).stream().anyMatch(FakeLink::running);
    };
  }

  boolean running() {
    return up && carrier();
  }

  /**
   * The device's own MTU ceiling, checked with the message "mtu greater than device maximum".
   * Loopback and dummy devices have none.
   */
  int deviceMaxMtu() {
    return switch (kind) {
      case Kind.Loopback _, Kind.Dummy _ -> Integer.MAX_VALUE;
      default -> ETHERNET_MAX_MTU;
    };
  }

  /**
   * The ceiling the driver adds, refused without a message: a macvlan cannot exceed its parent, nor
   * a vxlan its underlay less the tunnel headers.
   */
  int driverMaxMtu() {
    return switch (kind) {
      case Kind.Macvlan _ -> lower.mtu;
      case Kind.Vxlan v when lower != null -> Math.max(MIN_MTU, lower.mtu - v.overhead());
      default -> deviceMaxMtu();
    };
  }

  EnumSet<LinkFlag> flags() {
    EnumSet<LinkFlag> flags =
        switch (kind) {
          case Kind.Loopback _ -> EnumSet.of(LinkFlag.LOOPBACK);
          case Kind.Dummy _ -> EnumSet.of(LinkFlag.BROADCAST, LinkFlag.NOARP);
          default -> EnumSet.of(LinkFlag.BROADCAST, LinkFlag.MULTICAST);
        };
    if (up) {
      flags.add(LinkFlag.UP);
      if (carrier()) {
        // The kernel reports operational state only for links that are up.
        flags.add(LinkFlag.RUNNING);
        flags.add(LinkFlag.LOWER_UP);
      }
    }
    return flags;
  }

  Link snapshot() {
    LinkAttributes attributes =
        new LinkAttributes(
            index,
            name,
            mtu,
            Optional.of(mac),
            flags(),
            master == null ? OptionalInt.empty() : OptionalInt.of(master.index),
            group,
            altNames);
    OptionalInt lowerIndex = lower == null ? OptionalInt.empty() : OptionalInt.of(lower.index);
    return switch (kind) {
      case Kind.Loopback _ -> new Link.Generic(attributes, "");
      case Kind.Bridge b -> new Link.Bridge(attributes, b.multicastSnooping());
      case Kind.Dummy _ -> new Link.Dummy(attributes);
      case Kind.Veth _ -> new Link.Veth(attributes, OptionalInt.of(peer.index));
      case Kind.Macvlan m -> new Link.Macvlan(attributes, m.mode(), lowerIndex);
      case Kind.Vxlan v ->
          new Link.Vxlan(attributes, v.vni(), v.local(), v.port(), v.learning(), lowerIndex);
    };
  }

  @Override
  public String toString() {
    return name + "@" + index;
  }
}
