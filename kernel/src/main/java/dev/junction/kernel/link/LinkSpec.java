package dev.junction.kernel.link;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ns.NetNs;
import java.util.Objects;
import java.util.Optional;

/**
 * A link to create. The kernel validates names (at most 15 bytes, no {@code /} or white space), so
 * that its error, not a guess, reaches the caller; specs only refuse what cannot be sent.
 */
public sealed interface LinkSpec {

  String name();

  LinkSettings settings();

  /** The command-line form, for messages: {@code ip link add veth0 type veth peer name eth0}. */
  default String describe() {
    return switch (this) {
      case Bridge bridge ->
          "ip link add "
              + bridge.name()
              + " type bridge"
              + (bridge.multicastSnooping() ? "" : " mcast_snooping 0");
      case Dummy dummy -> "ip link add " + dummy.name() + " type dummy";
      case Veth veth ->
          "ip link add "
              + veth.name()
              + " type veth peer name "
              + veth.peerName()
              + veth.peerNs().map(peer -> " netns " + peer.path()).orElse("");
      case Vxlan vxlan -> "ip link add " + vxlan.name() + " type vxlan id " + vxlan.vni();
      case Macvlan macvlan ->
          "ip link add " + macvlan.name() + " link " + macvlan.parent() + " type macvlan";
    };
  }

  private static String requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return name;
  }

  /**
   * {@code ip link add NAME type bridge [mcast_snooping 0]}.
   *
   * @param multicastSnooping whether the bridge learns multicast groups from IGMP and MLD and sends
   *     each group only to the ports that joined it (the kernel's default); without it, or without
   *     a querier on the segment, multicast goes to every port
   */
  record Bridge(String name, LinkSettings settings, boolean multicastSnooping) implements LinkSpec {
    public Bridge {
      requireName(name, "bridge name");
      Objects.requireNonNull(settings);
    }

    public Bridge(String name, LinkSettings settings) {
      this(name, settings, true);
    }

    public Bridge(String name) {
      this(name, LinkSettings.DEFAULT);
    }
  }

  /**
   * {@code ip link add NAME type veth peer name PEER netns PEER_NS}: a pair whose peer end is
   * created directly in {@code peerNs} (no create-then-move, so no window in which the peer sits in
   * the wrong namespace).
   *
   * @param peerNs where the peer end is created; empty for the same namespace as this end
   */
  record Veth(
      String name,
      LinkSettings settings,
      String peerName,
      Optional<NetNs> peerNs,
      LinkSettings peerSettings)
      implements LinkSpec {
    public Veth {
      requireName(name, "veth name");
      requireName(peerName, "veth peer name");
      Objects.requireNonNull(settings);
      Objects.requireNonNull(peerNs);
      Objects.requireNonNull(peerSettings);
      if (peerSettings.master().isPresent()) {
        throw new IllegalArgumentException(
            "veth " + name + ": the peer " + peerName + " cannot be given a master at creation");
      }
    }

    public Veth(String name, String peerName) {
      this(name, LinkSettings.DEFAULT, peerName, Optional.empty(), LinkSettings.DEFAULT);
    }
  }

  /**
   * {@code ip link add NAME type vxlan id VNI [local ADDR] dstport PORT [nolearning] [dev DEV]}.
   *
   * @param vni the VXLAN network identifier, 1 to 16777215
   * @param port the UDP port (4789 is the IANA port)
   * @param underlay the device whose address the tunnel uses, by name
   */
  record Vxlan(
      String name,
      LinkSettings settings,
      int vni,
      Optional<IpAddress> local,
      int port,
      boolean learning,
      Optional<String> underlay)
      implements LinkSpec {

    /** The IANA-assigned VXLAN port. */
    public static final int IANA_PORT = 4789;

    public Vxlan {
      requireName(name, "vxlan name");
      Objects.requireNonNull(settings);
      if (vni < 0 || vni > 0xffffff) {
        throw new IllegalArgumentException(
            "vxlan " + name + ": VNI " + vni + " is outside 0..16777215");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "vxlan " + name + ": port " + port + " is outside 1..65535");
      }
      Objects.requireNonNull(local);
      Objects.requireNonNull(underlay);
    }

    public Vxlan(String name, int vni) {
      this(name, LinkSettings.DEFAULT, vni, Optional.empty(), IANA_PORT, false, Optional.empty());
    }
  }

  /** {@code ip link add NAME link PARENT type macvlan mode MODE}. */
  record Macvlan(String name, LinkSettings settings, String parent, MacvlanMode mode)
      implements LinkSpec {
    public Macvlan {
      requireName(name, "macvlan name");
      requireName(parent, "macvlan parent");
      Objects.requireNonNull(settings);
      Objects.requireNonNull(mode);
    }
  }

  /** {@code ip link add NAME type dummy}. */
  record Dummy(String name, LinkSettings settings) implements LinkSpec {
    public Dummy {
      requireName(name, "dummy name");
      Objects.requireNonNull(settings);
    }

    public Dummy(String name) {
      this(name, LinkSettings.DEFAULT);
    }
  }
}
