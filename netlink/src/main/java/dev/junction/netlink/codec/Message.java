package dev.junction.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One received netlink message.
 *
 * @param payload everything after the 16-byte header, positioned at 0, in host byte order
 */
public record Message(int type, int flags, int sequence, int portId, ByteBuffer payload) {

  public boolean isError() {
    return type == Netlink.NLMSG_ERROR;
  }

  public boolean isDone() {
    return type == Netlink.NLMSG_DONE;
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }

  /**
   * The attributes that follow a family header of {@code headerLength} bytes ({@code ifinfomsg} is
   * 16, {@code ifaddrmsg} 8, {@code rtmsg} and {@code ndmsg} 12).
   */
  public Attributes attributes(int headerLength) {
    return Attributes.parse(payload, Netlink.align(headerLength), payload.limit());
  }

  /**
   * The error number of an {@code NLMSG_ERROR} or {@code NLMSG_DONE}: 0 for success, else positive.
   */
  public int errno() {
    if (payload.limit() < 4) {
      return 0;
    }
    return -payload.order(ByteOrder.nativeOrder()).getInt(0);
  }

  /**
   * The kernel's extended-ack text in an {@code NLMSG_ERROR} or {@code NLMSG_DONE}, or empty. In an
   * error, the TLVs follow the echoed request header (only the header: the socket asks for capped
   * acks) or the whole request when the kernel did not cap it.
   */
  public String extendedAck() {
    if (!hasFlag(Netlink.NLM_F_ACK_TLVS)) {
      return "";
    }
    int offset;
    if (isError()) {
      if (payload.limit() < 4 + Netlink.HEADER_LENGTH) {
        return "";
      }
      int echoedLength = hasFlag(Netlink.NLM_F_CAPPED) ? Netlink.HEADER_LENGTH : payload.getInt(4);
      // A length no kernel sends would move the reader outside the message: no text, then.
      if (echoedLength < Netlink.HEADER_LENGTH || echoedLength > payload.limit() - 4) {
        return "";
      }
      offset = 4 + Netlink.align(echoedLength);
    } else {
      offset = 4;
    }
    if (offset > payload.limit()) {
      return "";
    }
    try {
      Attributes tlvs = Attributes.parse(payload, offset, payload.limit());
      return tlvs.has(Netlink.NLMSGERR_ATTR_MSG) ? tlvs.string(Netlink.NLMSGERR_ATTR_MSG) : "";
    } catch (IllegalArgumentException e) {
      // Malformed TLVs must not hide the error number they came with.
      return "";
    }
  }

  /** Reads the messages held in {@code bytes[0, length)}; a truncated tail is an error. */
  public static java.util.List<Message> parseAll(byte[] bytes, int length) {
    ByteBuffer all = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.nativeOrder());
    java.util.List<Message> messages = new java.util.ArrayList<>();
    int offset = 0;
    while (offset + Netlink.HEADER_LENGTH <= length) {
      int messageLength = all.getInt(offset);
      // Compared as a difference: offset + messageLength can overflow.
      if (messageLength < Netlink.HEADER_LENGTH || messageLength > length - offset) {
        throw new IllegalArgumentException(
            "malformed netlink message at offset "
                + offset
                + ": length "
                + messageLength
                + " of "
                + length);
      }
      int type = all.getShort(offset + 4) & 0xffff;
      int flags = all.getShort(offset + 6) & 0xffff;
      int sequence = all.getInt(offset + 8);
      int portId = all.getInt(offset + 12);
      ByteBuffer payload =
          all.slice(offset + Netlink.HEADER_LENGTH, messageLength - Netlink.HEADER_LENGTH)
              .order(ByteOrder.nativeOrder());
      messages.add(new Message(type, flags, sequence, portId, payload));
      offset += Netlink.align(messageLength);
    }
    // The loop stops when less than a header is left: those bytes are a truncated message.
    if (offset < length) {
      throw new IllegalArgumentException(
          "truncated netlink message at offset " + offset + ": " + (length - offset) + " bytes");
    }
    return messages;
  }
}
