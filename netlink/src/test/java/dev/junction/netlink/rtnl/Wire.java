package dev.junction.netlink.rtnl;

import dev.junction.netlink.codec.Hex;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads request bytes as a tree for comparisons that must allow for harmless differences: the
 * header, the family header, and attributes sorted by type, nested ones (those whose type path is
 * in {@code nested}) expanded. The {@code NLA_F_NESTED} flag is left out: iproute2 does not set it
 * and we do, and the kernel reads nests the same either way (checked on its own where it matters).
 */
final class Wire {
  private Wire() {}

  /** Our request, finished with the sequence and port of a captured one. */
  static byte[] finishLike(MessageWriter ours, byte[] captured) {
    ByteBuffer header = ByteBuffer.wrap(captured).order(ByteOrder.LITTLE_ENDIAN);
    return ours.finish(header.getInt(8), header.getInt(12));
  }

  static String hex(MessageWriter ours, String capturedHex) {
    return Hex.text(finishLike(ours, Hex.bytes(capturedHex)));
  }

  /**
   * A readable, order-independent rendering such as {@code type=16 flags=0x605 header=00..00
   * [18{[1=62726964676500]} 3=62723000]}.
   */
  static String tree(byte[] message, int familyHeaderLength, Set<String> nested) {
    ByteBuffer buffer = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    int length = buffer.getInt(0);
    if (length != message.length) {
      throw new AssertionError("length field " + length + " but " + message.length + " bytes");
    }
    StringBuilder text = new StringBuilder();
    text.append("type=")
        .append(buffer.getShort(4) & 0xffff)
        .append(" flags=0x")
        .append(Integer.toHexString(buffer.getShort(6) & 0xffff))
        .append(" header=")
        .append(
            Hex.text(
                java.util.Arrays.copyOfRange(
                    message, Netlink.HEADER_LENGTH, Netlink.HEADER_LENGTH + familyHeaderLength)))
        .append(' ');
    level(
        buffer,
        Netlink.HEADER_LENGTH + Netlink.align(familyHeaderLength),
        message.length,
        "",
        nested,
        text);
    return text.toString();
  }

  private static void level(
      ByteBuffer buffer, int from, int to, String path, Set<String> nested, StringBuilder out) {
    List<String> entries = new ArrayList<>();
    int at = from;
    while (at + 4 <= to) {
      int length = buffer.getShort(at) & 0xffff;
      int type = buffer.getShort(at + 2) & Netlink.NLA_TYPE_MASK;
      if (length < 4 || at + length > to) {
        throw new AssertionError("malformed attribute at " + at);
      }
      String child = path.isEmpty() ? String.valueOf(type) : path + "." + type;
      StringBuilder entry = new StringBuilder().append(type);
      if (nested.contains(child)) {
        entry.append('{');
        level(buffer, at + 4, at + length, child, nested, entry);
        entry.append('}');
      } else if (nested.contains(child + "@16")) {
        // A structured attribute: a 16-byte family header, then attributes.
        byte[] header = new byte[16];
        buffer.get(at + 4, header);
        entry.append("{header=").append(Hex.text(header)).append(' ');
        level(buffer, at + 4 + 16, at + length, child + "@16", nested, entry);
        entry.append('}');
      } else {
        byte[] payload = new byte[length - 4];
        buffer.get(at + 4, payload);
        entry.append('=').append(Hex.text(payload));
      }
      entries.add(entry.toString());
      at += Netlink.align(length);
    }
    if (at < to) {
      throw new AssertionError("trailing bytes at " + at);
    }
    // By type, then by content for repeated types.
    entries.sort(
        java.util.Comparator.comparingInt((String e) -> Integer.parseInt(e.split("[={]", 2)[0]))
            .thenComparing(java.util.Comparator.naturalOrder()));
    out.append('[').append(String.join(" ", entries)).append(']');
  }
}
