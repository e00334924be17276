package dev.junction.cli.network;

import java.net.InetAddress;

/**
 * An address with a prefix length, parsed as Go's {@code net.ParseCIDR} does for the docker CLI's
 * checks: host bits may be set ({@code 10.1.0.1/24} is the subnet 10.1.0.0/24).
 */
record Cidr(byte[] network, int prefixLength) {

  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    byte[] address = address(text.substring(0, slash));
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    if (address == null
        || length < 0
        || length > address.length * 8
        || !text.substring(slash + 1).matches("[0-9]+")) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    return new Cidr(mask(address, length), length);
  }

  /**
   * An IP address literal as bytes (4 or 16), or null when the text is not one. Never a name
   * lookup: only digits, hex, dots and colons get this far.
   */
  static byte[] address(String text) {
    if (text.isEmpty() || !text.matches("[0-9a-fA-F.:]+")) {
      return null;
    }
    try {
      return InetAddress.ofLiteral(text).getAddress();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  boolean contains(byte[] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    return java.util.Arrays.equals(mask(address, prefixLength), network);
  }

  private static byte[] mask(byte[] address, int length) {
    byte[] masked = address.clone();
    for (int bit = length; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return masked;
  }
}
