package dev.junction.kernel.ip;

import java.math.BigInteger;

/** An IPv4 address, held as its 32 bits. */
public record Ipv4Address(int bits) implements IpAddress {

  /** {@code 0.0.0.0}. */
  public static final Ipv4Address ANY = new Ipv4Address(0);

  /** Parses dotted-quad text such as {@code 10.0.0.1}; rejects leading zeros and extra parts. */
  public static Ipv4Address parse(String text) {
    if (text == null) {
      throw invalid(text);
    }
    int value = 0;
    int parts = 0;
    int i = 0;
    int n = text.length();
    while (parts < 4) {
      int start = i;
      int part = 0;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
        part = part * 10 + (text.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || part > 255 || (digits > 1 && text.charAt(start) == '0')) {
        throw invalid(text);
      }
      value = (value << 8) | part;
      parts++;
      if (parts < 4) {
        if (i >= n || text.charAt(i) != '.') {
          throw invalid(text);
        }
        i++;
      }
    }
    if (i != n) {
      throw invalid(text);
    }
    return new Ipv4Address(value);
  }

  /** The address in 4 network-order bytes. */
  public static Ipv4Address fromBytes(byte[] bytes) {
    if (bytes.length != 4) {
      throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + bytes.length);
    }
    return new Ipv4Address(
        (bytes[0] & 0xff) << 24
            | (bytes[1] & 0xff) << 16
            | (bytes[2] & 0xff) << 8
            | bytes[3] & 0xff);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid IPv4 address: \"" + text + "\"");
  }

  @Override
  public IpFamily family() {
    return IpFamily.V4;
  }

  @Override
  public byte[] toBytes() {
    return new byte[] {
      (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
    };
  }

  @Override
  public BigInteger toBigInteger() {
    return BigInteger.valueOf(Integer.toUnsignedLong(bits));
  }

  @Override
  public Ipv4Address masked(int length) {
    IpPrefix.checkLength(IpFamily.V4, length);
    return new Ipv4Address(length == 0 ? 0 : bits & (-1 << (32 - length)));
  }

  @Override
  public boolean isUnspecified() {
    return bits == 0;
  }

  @Override
  public boolean isLinkLocal() {
    return (bits >>> 16) == 0xa9fe;
  }

  @Override
  public String toString() {
    return (bits >>> 24)
        + "."
        + ((bits >>> 16) & 0xff)
        + "."
        + ((bits >>> 8) & 0xff)
        + "."
        + (bits & 0xff);
  }
}
