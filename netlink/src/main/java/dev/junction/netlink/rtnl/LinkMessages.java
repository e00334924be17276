package dev.junction.netlink.rtnl;

import static dev.junction.netlink.rtnl.Rtnl.*;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkAttributes;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.link.MacvlanMode;
import dev.junction.netlink.codec.Attributes;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code RTM_*LINK} requests and the parsing of link replies. */
public final class LinkMessages {
  private LinkMessages() {}

  /** What a request needs from the namespace that the spec gives by name. */
  public interface Resolver {
    /** The index of a link of this namespace (its master or parent). */
    int indexOf(String name);

    /** A file descriptor for a namespace, valid while the request is sent. */
    int namespaceFd(dev.junction.kernel.ns.NetNs ns);
  }

  private static MessageWriter header(int type, int flags, int index, int ifFlags, int change) {
    return new MessageWriter(type, Netlink.NLM_F_REQUEST | flags)
        .u8(AF_UNSPEC)
        .u8(0)
        .u16(0)
        .u32(index)
        .u32(ifFlags)
        .u32(change);
  }

  private static void settings(MessageWriter message, LinkSettings settings, Resolver resolver) {
    settings.mtu().ifPresent(mtu -> message.attributeU32(IFLA_MTU, mtu));
    settings.mac().ifPresent(mac -> message.attribute(IFLA_ADDRESS, mac.toBytes()));
    settings.group().ifPresent(group -> message.attributeU32(IFLA_GROUP, group));
    settings
        .master()
        .ifPresent(master -> message.attributeU32(IFLA_MASTER, resolver.indexOf(master)));
  }

  /** {@code RTM_NEWLINK} with create and exclusive flags: {@code ip link add}. */
  public static MessageWriter add(LinkSpec spec, Resolver resolver) {
    LinkSettings own = spec.settings();
    int up = own.up() ? IFF_UP : 0;
    MessageWriter message =
        header(
            RTM_NEWLINK, Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, 0, up, up);
    if (spec instanceof LinkSpec.Veth) {
      oneQueue(message);
    }
    message.attributeString(IFLA_IFNAME, spec.name());
    settings(message, own, resolver);
    if (spec instanceof LinkSpec.Macvlan macvlan) {
      message.attributeU32(IFLA_LINK, resolver.indexOf(macvlan.parent()));
    }
    int linkInfo = message.beginNested(IFLA_LINKINFO);
    switch (spec) {
      case LinkSpec.Bridge bridge -> {
        message.attributeString(IFLA_INFO_KIND, "bridge");
        if (!bridge.multicastSnooping()) { // the kernel's default is on: sent only to turn it off
          int data = message.beginNested(IFLA_INFO_DATA);
          message.attributeU8(IFLA_BR_MCAST_SNOOPING, 0);
          message.endNested(data);
        }
      }
      case LinkSpec.Dummy dummy -> message.attributeString(IFLA_INFO_KIND, "dummy");
      case LinkSpec.Veth veth -> {
        message.attributeString(IFLA_INFO_KIND, "veth");
        int data = message.beginNested(IFLA_INFO_DATA);
        int peer = message.beginStructured(VETH_INFO_PEER);
        LinkSettings peerSettings = veth.peerSettings();
        // The peer's up flag is left to a second message: since Linux 6.x the kernel refuses a
        // peer that asks to start up with ENOTCONN ("ip link add ... peer ... up" fails too).
        message.u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0);
        oneQueue(message);
        message.attributeString(IFLA_IFNAME, veth.peerName());
        peerSettings.mtu().ifPresent(mtu -> message.attributeU32(IFLA_MTU, mtu));
        peerSettings.mac().ifPresent(mac -> message.attribute(IFLA_ADDRESS, mac.toBytes()));
        peerSettings.group().ifPresent(group -> message.attributeU32(IFLA_GROUP, group));
        veth.peerNs()
            .ifPresent(ns -> message.attributeU32(IFLA_NET_NS_FD, resolver.namespaceFd(ns)));
        message.endNested(peer);
        message.endNested(data);
      }
      case LinkSpec.Vxlan vxlan -> {
        message.attributeString(IFLA_INFO_KIND, "vxlan");
        int data = message.beginNested(IFLA_INFO_DATA);
        message.attributeU32(IFLA_VXLAN_ID, vxlan.vni());
        vxlan
            .local()
            .ifPresent(
                local ->
                    message.attribute(
                        local.family() == dev.junction.kernel.ip.IpFamily.V4
                            ? IFLA_VXLAN_LOCAL
                            : IFLA_VXLAN_LOCAL6,
                        local.toBytes()));
        vxlan
            .underlay()
            .ifPresent(dev -> message.attributeU32(IFLA_VXLAN_LINK, resolver.indexOf(dev)));
        message.attributeU16Network(IFLA_VXLAN_PORT, vxlan.port());
        message.attributeU8(IFLA_VXLAN_LEARNING, vxlan.learning() ? 1 : 0);
        message.endNested(data);
      }
      case LinkSpec.Macvlan macvlan -> {
        message.attributeString(IFLA_INFO_KIND, "macvlan");
        int data = message.beginNested(IFLA_INFO_DATA);
        message.attributeU32(IFLA_MACVLAN_MODE, macvlan.mode().value());
        message.endNested(data);
      }
    }
    message.endNested(linkInfo);
    return message;
  }

  /**
   * One transmit and one receive queue. A veth otherwise gets one of each per possible CPU, and
   * every queue is a directory of files in sysfs, made and removed with the link: on this 2-core
   * machine, a quarter of a veth pair's creation. Traffic through a veth does not need them: the
   * receiving side is the kernel's per-CPU backlog, whatever the queue (queues serve XDP and veth's
   * NAPI mode, which Junction does not turn on).
   */
  private static void oneQueue(MessageWriter message) {
    message.attributeU32(IFLA_NUM_TX_QUEUES, 1);
    message.attributeU32(IFLA_NUM_RX_QUEUES, 1);
  }

  /** {@code RTM_DELLINK} by name: {@code ip link delete NAME}. */
  public static MessageWriter delete(String name) {
    return header(RTM_DELLINK, Netlink.NLM_F_ACK, 0, 0, 0).attributeString(IFLA_IFNAME, name);
  }

  /** {@code RTM_DELLINK} by group: {@code ip link delete group GROUP}. */
  public static MessageWriter deleteGroup(int group) {
    return header(RTM_DELLINK, Netlink.NLM_F_ACK, 0, 0, 0).attributeU32(IFLA_GROUP, group);
  }

  /** {@code RTM_GETLINK} by name, without statistics. */
  public static MessageWriter get(String name) {
    return header(RTM_GETLINK, 0, 0, 0, 0)
        .attributeString(IFLA_IFNAME, name)
        .attributeU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
  }

  /**
   * {@code RTM_GETLINK} by name in the namespace whose id, as the socket's namespace knows it, is
   * {@code nsid}: {@code ip -target-netnsid NSID link show NAME}. Needs no thread in that
   * namespace.
   */
  public static MessageWriter get(String name, int nsid) {
    return get(name).attributeU32(IFLA_TARGET_NETNSID, nsid);
  }

  /**
   * {@code RTM_GETLINK} dump of every link of the namespace {@code nsid}, as {@link #get(String,
   * int)}.
   */
  public static MessageWriter dump(int nsid) {
    return dump().attributeU32(IFLA_TARGET_NETNSID, nsid);
  }

  /** {@code RTM_GETLINK} dump of every link, without statistics. */
  public static MessageWriter dump() {
    return header(RTM_GETLINK, Netlink.NLM_F_DUMP, 0, 0, 0)
        .attributeU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
  }

  /** {@code RTM_NEWLINK} on an existing link, found by name, changing the up flag. */
  public static MessageWriter setUp(String name, boolean up) {
    return header(RTM_NEWLINK, Netlink.NLM_F_ACK, 0, up ? IFF_UP : 0, IFF_UP)
        .attributeString(IFLA_IFNAME, name);
  }

  private static MessageWriter set(String name) {
    return header(RTM_NEWLINK, Netlink.NLM_F_ACK, 0, 0, 0).attributeString(IFLA_IFNAME, name);
  }

  /** {@code ip link set NAME mtu MTU}. */
  public static MessageWriter setMtu(String name, int mtu) {
    return set(name).attributeU32(IFLA_MTU, mtu);
  }

  /** {@code ip link set NAME address MAC}. */
  public static MessageWriter setMac(String name, MacAddress mac) {
    return set(name).attribute(IFLA_ADDRESS, mac.toBytes());
  }

  /** {@code ip link set NAME master BRIDGE}; index 0 is {@code nomaster}. */
  public static MessageWriter setMaster(String name, int masterIndex) {
    return set(name).attributeU32(IFLA_MASTER, masterIndex);
  }

  /** {@code ip link set NAME group GROUP}. */
  public static MessageWriter setGroup(String name, int group) {
    return set(name).attributeU32(IFLA_GROUP, group);
  }

  /** {@code ip link set NAME netns NS}, the namespace given as an open file descriptor. */
  public static MessageWriter setNetNs(String name, int namespaceFd) {
    return set(name).attributeU32(IFLA_NET_NS_FD, namespaceFd);
  }

  /**
   * {@code ip link set NAME name NEW}. The link is found by index, because the name attribute is
   * what changes.
   */
  public static MessageWriter rename(int index, String newName) {
    return header(RTM_NEWLINK, Netlink.NLM_F_ACK, index, 0, 0)
        .attributeString(IFLA_IFNAME, newName);
  }

  /** {@code RTM_NEWLINKPROP}: {@code ip link property add dev NAME altname ALT}. */
  public static MessageWriter addAltName(String name, String altName) {
    MessageWriter message =
        header(
                RTM_NEWLINKPROP,
                Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                0,
                0,
                0)
            .attributeString(IFLA_IFNAME, name);
    int list = message.beginNested(IFLA_PROP_LIST);
    message.attributeString(IFLA_ALT_IFNAME, altName);
    return message.endNested(list);
  }

  /** Whether {@code message} is an {@code RTM_NEWLINK}, as replies and echoes of links are. */
  public static boolean isLink(Message message) {
    return message.type() == RTM_NEWLINK;
  }

  /** Parses an {@code RTM_NEWLINK} reply into the record for its kind. */
  public static Link parse(Message message) {
    ByteBuffer header = message.payload();
    int index = header.getInt(4);
    int flags = header.getInt(8);
    Attributes attributes = message.attributes(IFINFOMSG_LENGTH);
    Optional<MacAddress> mac = Optional.empty();
    if (attributes.has(IFLA_ADDRESS)) {
      byte[] address = attributes.bytes(IFLA_ADDRESS);
      if (address.length == 6) {
        mac = Optional.of(MacAddress.fromBytes(address));
      }
    }
    List<String> altNames =
        attributes.has(IFLA_PROP_LIST)
            ? attributes.nested(IFLA_PROP_LIST).strings(IFLA_ALT_IFNAME)
            : List.of();
    LinkAttributes common =
        new LinkAttributes(
            index,
            attributes.string(IFLA_IFNAME),
            attributes.has(IFLA_MTU) ? attributes.u32(IFLA_MTU) : 0,
            mac,
            LinkFlag.fromBits(flags),
            optionalIndex(attributes, IFLA_MASTER),
            attributes.has(IFLA_GROUP) ? attributes.u32(IFLA_GROUP) : 0,
            altNames);
    String kind = "";
    Attributes data = null;
    if (attributes.has(IFLA_LINKINFO)) {
      Attributes info = attributes.nested(IFLA_LINKINFO);
      if (info.has(IFLA_INFO_KIND)) {
        kind = info.string(IFLA_INFO_KIND);
      }
      if (info.has(IFLA_INFO_DATA)) {
        data = info.nested(IFLA_INFO_DATA);
      }
    }
    OptionalInt link = optionalIndex(attributes, IFLA_LINK);
    return switch (kind) {
      case "bridge" ->
          new Link.Bridge(
              common,
              data == null
                  || !data.has(IFLA_BR_MCAST_SNOOPING)
                  || data.u8(IFLA_BR_MCAST_SNOOPING) != 0);
      case "dummy" -> new Link.Dummy(common);
      case "veth" -> new Link.Veth(common, link);
      case "vxlan" -> vxlan(common, data);
      case "macvlan" ->
          new Link.Macvlan(
              common,
              data != null && data.has(IFLA_MACVLAN_MODE)
                  ? MacvlanMode.fromValue(data.u32(IFLA_MACVLAN_MODE))
                  : MacvlanMode.VEPA,
              link);
      default -> new Link.Generic(common, kind);
    };
  }

  private static Link vxlan(LinkAttributes common, Attributes data) {
    if (data == null) {
      return new Link.Vxlan(common, 0, Optional.empty(), 0, false, OptionalInt.empty());
    }
    Optional<IpAddress> local = Optional.empty();
    if (data.has(IFLA_VXLAN_LOCAL)) {
      local = Optional.of(IpAddress.fromBytes(data.bytes(IFLA_VXLAN_LOCAL)));
    } else if (data.has(IFLA_VXLAN_LOCAL6)) {
      local = Optional.of(IpAddress.fromBytes(data.bytes(IFLA_VXLAN_LOCAL6)));
    }
    return new Link.Vxlan(
        common,
        data.has(IFLA_VXLAN_ID) ? data.u32(IFLA_VXLAN_ID) : 0,
        local,
        data.has(IFLA_VXLAN_PORT) ? data.u16Network(IFLA_VXLAN_PORT) : 0,
        data.has(IFLA_VXLAN_LEARNING) && data.u8(IFLA_VXLAN_LEARNING) != 0,
        optionalIndex(data, IFLA_VXLAN_LINK));
  }

  private static OptionalInt optionalIndex(Attributes attributes, int type) {
    if (!attributes.has(type)) {
      return OptionalInt.empty();
    }
    int index = attributes.u32(type);
    return index == 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }
}
