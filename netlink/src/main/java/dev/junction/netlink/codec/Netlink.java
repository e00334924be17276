package dev.junction.netlink.codec;

/** Constants of {@code linux/netlink.h}. */
public final class Netlink {
  private Netlink() {}

  public static final int HEADER_LENGTH = 16;
  public static final int ATTRIBUTE_HEADER_LENGTH = 4;

  // nlmsg_type values shared by every netlink family.
  public static final int NLMSG_NOOP = 1;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLMSG_OVERRUN = 4;

  // nlmsg_flags
  public static final int NLM_F_REQUEST = 0x01;
  public static final int NLM_F_MULTI = 0x02;
  public static final int NLM_F_ACK = 0x04;
  public static final int NLM_F_ECHO = 0x08;
  public static final int NLM_F_DUMP_INTR = 0x10;
  public static final int NLM_F_ROOT = 0x100;
  public static final int NLM_F_MATCH = 0x200;
  public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
  public static final int NLM_F_REPLACE = 0x100;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;
  public static final int NLM_F_APPEND = 0x800;
  public static final int NLM_F_CAPPED = 0x100;
  public static final int NLM_F_ACK_TLVS = 0x200;

  // nla_type bits
  public static final int NLA_F_NESTED = 0x8000;
  public static final int NLA_F_NET_BYTEORDER = 0x4000;
  public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

  // Extended ack attributes in an NLMSG_ERROR or NLMSG_DONE.
  public static final int NLMSGERR_ATTR_MSG = 1;
  public static final int NLMSGERR_ATTR_OFFS = 2;

  // Socket options (SOL_NETLINK).
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_CAP_ACK = 10;
  public static final int NETLINK_EXT_ACK = 11;
  public static final int NETLINK_GET_STRICT_CHK = 12;

  // Protocols.
  public static final int NETLINK_ROUTE = 0;

  /** Rounds up to netlink's 4-byte alignment ({@code NLMSG_ALIGN}, {@code NLA_ALIGN}). */
  public static int align(int length) {
    return (length + 3) & ~3;
  }
}
