package dev.junction.netlink.codec;

import java.util.HexFormat;

/** Hex text to bytes and back, for byte arrays written in tests. */
public final class Hex {
  private Hex() {}

  /** The bytes of hex text; white space (line breaks of a text block) is ignored. */
  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  public static String text(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Every message in {@code hex}, as the socket would parse a received datagram. */
  public static java.util.List<Message> messages(String hex) {
    byte[] bytes = bytes(hex);
    return Message.parseAll(bytes, bytes.length);
  }

  /** The single message in {@code hex}. */
  public static Message message(String hex) {
    java.util.List<Message> messages = messages(hex);
    if (messages.size() != 1) {
      throw new AssertionError("expected one message, found " + messages.size());
    }
    return messages.getFirst();
  }
}
