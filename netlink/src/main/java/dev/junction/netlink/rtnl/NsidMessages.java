package dev.junction.netlink.rtnl;

import static dev.junction.netlink.rtnl.Rtnl.*;

import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;

/**
 * Namespace ids ({@code ip netns list-id}): the number by which one namespace's netlink names
 * another, so that a socket can read links and addresses of a namespace it is not in.
 */
public final class NsidMessages {
  private NsidMessages() {}

  /** The kernel's answer for a namespace that has no id yet in the socket's namespace. */
  public static final int NOT_ASSIGNED = -1;

  private static MessageWriter header(int type, int flags) {
    return new MessageWriter(type, Netlink.NLM_F_REQUEST | flags).u8(AF_UNSPEC).zeros(3);
  }

  /** {@code RTM_GETNSID} for the namespace open on {@code fd}. */
  public static MessageWriter get(int fd) {
    return header(RTM_GETNSID, 0).attributeU32(NETNSA_FD, fd);
  }

  /** {@code RTM_NEWNSID} giving the namespace open on {@code fd} an id of the kernel's choice. */
  public static MessageWriter assign(int fd) {
    return header(RTM_NEWNSID, Netlink.NLM_F_ACK)
        .attributeU32(NETNSA_FD, fd)
        .attributeU32(NETNSA_NSID, NOT_ASSIGNED);
  }

  /** The id in a {@code RTM_NEWNSID} reply; {@link #NOT_ASSIGNED} if it has none. */
  public static int parse(Message message) {
    var attributes = message.attributes(RTGENMSG_LENGTH);
    return attributes.has(NETNSA_NSID) ? attributes.u32(NETNSA_NSID) : NOT_ASSIGNED;
  }
}
