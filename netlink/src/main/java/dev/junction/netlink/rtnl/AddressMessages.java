package dev.junction.netlink.rtnl;

import static dev.junction.netlink.rtnl.Rtnl.*;

import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.netlink.codec.Attributes;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;
import java.nio.ByteBuffer;

/** {@code RTM_*ADDR} requests and the parsing of address replies. */
public final class AddressMessages {
  private AddressMessages() {}

  static int addressFamily(IpFamily family) {
    return family == null ? AF_UNSPEC : family.addressFamily();
  }

  private static MessageWriter header(
      int type, int flags, InterfaceAddress address, int flagsByte, int scope, int index) {
    return new MessageWriter(type, Netlink.NLM_F_REQUEST | flags)
        .u8(address.family().addressFamily())
        .u8(address.prefixLength())
        .u8(flagsByte)
        .u8(scope)
        .u32(index);
  }

  /**
   * {@code RTM_NEWADDR}: {@code ip addr add ADDRESS dev INDEX}. Loopback addresses get host scope,
   * as {@code ip} gives them; IPv6 addresses skip duplicate address detection.
   */
  public static MessageWriter add(int index, InterfaceAddress address) {
    boolean v6 = address.family() == IpFamily.V6;
    int flags = v6 ? IFA_F_NODAD : 0;
    int scope = isLoopback(address.address()) ? Scope.HOST.value() : Scope.UNIVERSE.value();
    byte[] bytes = address.address().toBytes();
    MessageWriter message =
        header(
                RTM_NEWADDR,
                Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                address,
                flags,
                scope,
                index)
            .attribute(IFA_LOCAL, bytes)
            .attribute(IFA_ADDRESS, bytes);
    if (v6) {
      message.attributeU32(IFA_FLAGS, flags);
    }
    return message;
  }

  /**
   * {@code RTM_DELADDR}: {@code ip addr del ADDRESS dev INDEX}. IPv4 compares the prefix length
   * only when the request carries {@code IFA_ADDRESS}; without it, deleting 10.0.0.5/8 would remove
   * 10.0.0.5/24.
   */
  public static MessageWriter delete(int index, InterfaceAddress address) {
    byte[] bytes = address.address().toBytes();
    return header(RTM_DELADDR, Netlink.NLM_F_ACK, address, 0, 0, index)
        .attribute(IFA_LOCAL, bytes)
        .attribute(IFA_ADDRESS, bytes);
  }

  /** {@code RTM_GETADDR} dump of one family, or both for null. */
  public static MessageWriter dump(IpFamily family) {
    return new MessageWriter(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
        .u8(addressFamily(family))
        .u8(0)
        .u8(0)
        .u8(0)
        .u32(0);
  }

  /**
   * {@code RTM_GETADDR} dump of the namespace whose id, as the socket's namespace knows it, is
   * {@code nsid}. The kernel reads the target only from a socket with strict checking on.
   */
  public static MessageWriter dump(IpFamily family, int nsid) {
    return dump(family).attributeU32(IFA_TARGET_NETNSID, nsid);
  }

  private static boolean isLoopback(IpAddress address) {
    return switch (address.family()) {
      case V4 -> (address.toBytes()[0] & 0xff) == 127;
      case V6 -> address.equals(IpAddress.parse("::1"));
    };
  }

  /** Parses an {@code RTM_NEWADDR} reply. */
  public static LinkAddress parse(Message message) {
    ByteBuffer header = message.payload();
    int prefixLength = header.get(1) & 0xff;
    int scope = header.get(3) & 0xff;
    int index = header.getInt(4);
    Attributes attributes = message.attributes(IFADDRMSG_LENGTH);
    // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
    byte[] bytes =
        attributes.has(IFA_LOCAL) ? attributes.bytes(IFA_LOCAL) : attributes.bytes(IFA_ADDRESS);
    return new LinkAddress(
        index,
        new InterfaceAddress(IpAddress.fromBytes(bytes), prefixLength),
        Scope.fromValue(scope));
  }
}
