package dev.junction.kernel.ip;

import java.util.random.RandomGenerator;

/** A 48-bit Ethernet MAC address, printed as six lower-case hex pairs joined by colons. */
public record MacAddress(long bits) {

  public MacAddress {
    if ((bits >>> 48) != 0) {
      throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(bits));
    }
  }

  /**
   * Parses {@code aa:bb:cc:dd:ee:ff} (either case; {@code -} also accepted as separator, the same
   * one throughout).
   */
  public static MacAddress parse(String text) {
    if (text == null || text.length() != 17) {
      throw invalid(text);
    }
    char separator = text.charAt(2);
    if (separator != ':' && separator != '-') {
      throw invalid(text);
    }
    long value = 0;
    for (int part = 0; part < 6; part++) {
      int at = part * 3;
      int hi = Ipv6Address.hexDigit(text.charAt(at));
      int lo = Ipv6Address.hexDigit(text.charAt(at + 1));
      if (hi < 0 || lo < 0) {
        throw invalid(text);
      }
      if (part < 5 && text.charAt(at + 2) != separator) {
        throw invalid(text);
      }
      value = (value << 8) | (hi << 4) | lo;
    }
    return new MacAddress(value);
  }

  /** The address held in 6 bytes. */
  public static MacAddress fromBytes(byte[] bytes) {
    if (bytes.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
    }
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    return new MacAddress(value);
  }

  /** A random unicast, locally administered address (what the kernel gives new veth ends). */
  public static MacAddress randomLocal(RandomGenerator random) {
    long value = random.nextLong() & 0xffff_ffff_ffffL;
    value &= ~(1L << 40); // unicast
    value |= 1L << 41; // locally administered
    return new MacAddress(value);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid MAC address: \"" + text + "\"");
  }

  public byte[] toBytes() {
    byte[] bytes = new byte[6];
    for (int b = 0; b < 6; b++) {
      bytes[b] = (byte) (bits >>> (40 - 8 * b));
    }
    return bytes;
  }

  /** True when the group bit (least significant bit of the first byte) is set. */
  public boolean isMulticast() {
    return (bits & (1L << 40)) != 0;
  }

  /** True when the locally-administered bit is set. */
  public boolean isLocallyAdministered() {
    return (bits & (1L << 41)) != 0;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(17);
    for (int b = 0; b < 6; b++) {
      if (b > 0) {
        text.append(':');
      }
      int value = (int) (bits >>> (40 - 8 * b)) & 0xff;
      text.append(Character.forDigit(value >>> 4, 16)).append(Character.forDigit(value & 0xf, 16));
    }
    return text.toString();
  }
}
