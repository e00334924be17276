package dev.junction.kernel.link;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import java.util.Optional;
import java.util.OptionalInt;

/** A network interface as the kernel reports it, one record type per kind the engine builds. */
public sealed interface Link {

  LinkAttributes attributes();

  /** The kernel's name for this kind ({@code IFLA_INFO_KIND}), as {@code ip -d link} shows it. */
  String kind();

  default String name() {
    return attributes().name();
  }

  default int index() {
    return attributes().index();
  }

  default int mtu() {
    return attributes().mtu();
  }

  default Optional<MacAddress> mac() {
    return attributes().mac();
  }

  default boolean isUp() {
    return attributes().isUp();
  }

  default OptionalInt masterIndex() {
    return attributes().masterIndex();
  }

  default int group() {
    return attributes().group();
  }

  /**
   * A Linux bridge.
   *
   * @param multicastSnooping as {@link LinkSpec.Bridge#multicastSnooping()}
   */
  record Bridge(LinkAttributes attributes, boolean multicastSnooping) implements Link {
    @Override
    public String kind() {
      return "bridge";
    }
  }

  /**
   * One end of a veth pair.
   *
   * @param peerIndex the other end's index, in its own namespace (empty when the kernel omits it)
   */
  record Veth(LinkAttributes attributes, OptionalInt peerIndex) implements Link {
    @Override
    public String kind() {
      return "veth";
    }
  }

  /**
   * A VXLAN tunnel device.
   *
   * @param vni the VXLAN network identifier
   * @param local the local tunnel endpoint address, if set
   * @param port the UDP destination port
   * @param learning whether the device learns remote MACs from received packets
   * @param underlayIndex the device the tunnel is bound to, if any
   */
  record Vxlan(
      LinkAttributes attributes,
      int vni,
      Optional<IpAddress> local,
      int port,
      boolean learning,
      OptionalInt underlayIndex)
      implements Link {
    @Override
    public String kind() {
      return "vxlan";
    }
  }

  /**
   * A macvlan device on a parent interface.
   *
   * @param parentIndex index of the parent interface (in the namespace the macvlan was created)
   */
  record Macvlan(LinkAttributes attributes, MacvlanMode mode, OptionalInt parentIndex)
      implements Link {
    @Override
    public String kind() {
      return "macvlan";
    }
  }

  /** A dummy device. */
  record Dummy(LinkAttributes attributes) implements Link {
    @Override
    public String kind() {
      return "dummy";
    }
  }

  /**
   * Any other kind (loopback, physical, tun, ...).
   *
   * @param kind the kernel's kind, empty for devices without one (loopback, physical NICs)
   */
  record Generic(LinkAttributes attributes, String kind) implements Link {}
}
