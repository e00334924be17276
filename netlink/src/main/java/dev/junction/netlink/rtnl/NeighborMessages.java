package dev.junction.netlink.rtnl;

import static dev.junction.netlink.rtnl.Rtnl.*;

import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NeighborState;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.netlink.codec.Attributes;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;
import java.nio.ByteBuffer;
import java.util.Optional;

/** {@code RTM_*NEIGH} requests for neighbours and bridge FDB entries, and parsing of replies. */
public final class NeighborMessages {
  private NeighborMessages() {}

  private static MessageWriter header(
      int type, int flags, int family, int index, int state, int ndmFlags) {
    return new MessageWriter(type, Netlink.NLM_F_REQUEST | flags)
        .u8(family)
        .u8(0)
        .u16(0)
        .u32(index)
        .u16(state)
        .u8(ndmFlags)
        .u8(0);
  }

  /** {@code ip neigh replace ADDRESS lladdr MAC dev INDEX nud permanent}. */
  public static MessageWriter replace(int index, IpAddress address, MacAddress mac) {
    return header(
            RTM_NEWNEIGH,
            Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE,
            address.family().addressFamily(),
            index,
            NUD_PERMANENT,
            0)
        .attribute(NDA_DST, address.toBytes())
        .attribute(NDA_LLADDR, mac.toBytes());
  }

  /** {@code ip neigh del ADDRESS dev INDEX}. */
  public static MessageWriter delete(int index, IpAddress address) {
    return header(RTM_DELNEIGH, Netlink.NLM_F_ACK, address.family().addressFamily(), index, 0, 0)
        .attribute(NDA_DST, address.toBytes());
  }

  /** {@code RTM_GETNEIGH} dump of one family. */
  public static MessageWriter dump(IpFamily family) {
    return header(RTM_GETNEIGH, Netlink.NLM_F_DUMP, family.addressFamily(), 0, 0, 0);
  }

  /**
   * {@code bridge fdb append MAC dev INDEX dst DEST self permanent}, or {@code ... dynamic} for an
   * entry that is not permanent: the kernel refuses a VXLAN FDB entry whose state has neither
   * {@code NUD_PERMANENT} nor {@code NUD_REACHABLE}.
   */
  public static MessageWriter appendFdb(int index, FdbEntry entry) {
    MessageWriter message =
        header(
                RTM_NEWNEIGH,
                Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND,
                AF_BRIDGE,
                index,
                entry.permanent() ? NUD_PERMANENT : NUD_REACHABLE,
                NTF_SELF)
            .attribute(NDA_LLADDR, entry.mac().toBytes());
    entry.destination().ifPresent(destination -> message.attribute(NDA_DST, destination.toBytes()));
    return message;
  }

  /** {@code bridge fdb del MAC dev INDEX dst DEST self}. */
  public static MessageWriter deleteFdb(int index, FdbEntry entry) {
    MessageWriter message =
        header(RTM_DELNEIGH, Netlink.NLM_F_ACK, AF_BRIDGE, index, 0, NTF_SELF)
            .attribute(NDA_LLADDR, entry.mac().toBytes());
    entry.destination().ifPresent(destination -> message.attribute(NDA_DST, destination.toBytes()));
    return message;
  }

  /** {@code RTM_GETNEIGH} dump of the bridge family (FDB entries). */
  public static MessageWriter dumpFdb() {
    return header(RTM_GETNEIGH, Netlink.NLM_F_DUMP, AF_BRIDGE, 0, 0, 0);
  }

  /** The link index an {@code RTM_NEWNEIGH} reply is about. */
  public static int linkIndex(Message message) {
    return message.payload().getInt(4);
  }

  /**
   * Parses a neighbour reply; empty for one without an address and for multicast addresses, whose
   * entries the kernel makes for itself (IPv6 {@code ff02::} groups) and which are no neighbours.
   */
  public static Optional<Neighbor> parseNeighbor(Message message, String device) {
    ByteBuffer header = message.payload();
    int state = header.getShort(8) & 0xffff;
    Attributes attributes = message.attributes(NDMSG_LENGTH);
    if (!attributes.has(NDA_DST)) {
      return Optional.empty();
    }
    byte[] destination = attributes.bytes(NDA_DST);
    boolean multicast =
        destination.length == 4 ? (destination[0] & 0xf0) == 0xe0 : (destination[0] & 0xff) == 0xff;
    if (multicast) {
      return Optional.empty();
    }
    Optional<MacAddress> mac = Optional.empty();
    if (attributes.has(NDA_LLADDR) && attributes.bytes(NDA_LLADDR).length == 6) {
      mac = Optional.of(MacAddress.fromBytes(attributes.bytes(NDA_LLADDR)));
    }
    return Optional.of(
        new Neighbor(
            device, IpAddress.fromBytes(destination), mac, NeighborState.fromValue(state)));
  }

  /** Parses an FDB reply; empty for entries without a MAC. */
  public static Optional<FdbEntry> parseFdb(Message message, String device) {
    ByteBuffer header = message.payload();
    int state = header.getShort(8) & 0xffff;
    Attributes attributes = message.attributes(NDMSG_LENGTH);
    if (!attributes.has(NDA_LLADDR) || attributes.bytes(NDA_LLADDR).length != 6) {
      return Optional.empty();
    }
    Optional<IpAddress> destination =
        attributes.has(NDA_DST)
            ? Optional.of(IpAddress.fromBytes(attributes.bytes(NDA_DST)))
            : Optional.empty();
    return Optional.of(
        new FdbEntry(
            device,
            MacAddress.fromBytes(attributes.bytes(NDA_LLADDR)),
            destination,
            (state & NUD_PERMANENT) != 0));
  }
}
