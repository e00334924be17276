package dev.junction.kernel.ip;

import java.math.BigInteger;

/** An IPv6 address, held as its high and low 64 bits. */
public record Ipv6Address(long high, long low) implements IpAddress {

  /** {@code ::}. */
  public static final Ipv6Address ANY = new Ipv6Address(0, 0);

  /**
   * Parses RFC 4291 text: eight groups of up to four hex digits, one {@code ::} for a run of zero
   * groups, and an optional dotted-quad IPv4 tail. Zones ({@code %eth0}) are refused.
   */
  public static Ipv6Address parse(String text) {
    if (text == null) {
      throw invalid(text);
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    int n = text.length();
    if (n < 2) {
      throw invalid(text);
    }
    if (text.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (text.charAt(0) == ':') {
      throw invalid(text);
    }
    while (i < n) {
      if (count == 8) {
        throw invalid(text);
      }
      int start = i;
      int group = 0;
      while (i < n && i - start < 4 && hexDigit(text.charAt(i)) >= 0) {
        group = group * 16 + hexDigit(text.charAt(i));
        i++;
      }
      if (i < n && text.charAt(i) == '.') {
        // The last 32 bits written as an IPv4 address.
        if (count > 6) {
          throw invalid(text);
        }
        int v4;
        try {
          v4 = Ipv4Address.parse(text.substring(start)).bits();
        } catch (IllegalArgumentException e) {
          throw invalid(text);
        }
        groups[count++] = v4 >>> 16;
        groups[count++] = v4 & 0xffff;
        i = n;
        break;
      }
      if (i == start) {
        throw invalid(text);
      }
      groups[count++] = group;
      if (i == n) {
        break;
      }
      if (text.charAt(i) != ':') {
        throw invalid(text);
      }
      i++;
      if (i < n && text.charAt(i) == ':') {
        if (gap >= 0) {
          throw invalid(text);
        }
        gap = count;
        i++;
      } else if (i == n) {
        throw invalid(text);
      }
    }
    if (gap >= 0) {
      if (count == 8) {
        throw invalid(text);
      }
      int zeros = 8 - count;
      System.arraycopy(groups, gap, groups, gap + zeros, count - gap);
      java.util.Arrays.fill(groups, gap, gap + zeros, 0);
    } else if (count != 8) {
      throw invalid(text);
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | groups[g];
      low = (low << 16) | groups[g + 4];
    }
    return new Ipv6Address(high, low);
  }

  /**
   * The value of an ASCII hex digit, else -1. Not {@link Character#digit}: it also reads other
   * scripts' digits and full-width letters, which have no place in an address.
   */
  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** The address in 16 network-order bytes. */
  public static Ipv6Address fromBytes(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + bytes.length);
    }
    long high = 0;
    long low = 0;
    for (int b = 0; b < 8; b++) {
      high = (high << 8) | (bytes[b] & 0xff);
      low = (low << 8) | (bytes[b + 8] & 0xff);
    }
    return new Ipv6Address(high, low);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid IPv6 address: \"" + text + "\"");
  }

  @Override
  public IpFamily family() {
    return IpFamily.V6;
  }

  @Override
  public byte[] toBytes() {
    byte[] bytes = new byte[16];
    for (int b = 0; b < 8; b++) {
      bytes[b] = (byte) (high >>> (56 - 8 * b));
      bytes[b + 8] = (byte) (low >>> (56 - 8 * b));
    }
    return bytes;
  }

  @Override
  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  @Override
  public Ipv6Address masked(int length) {
    IpPrefix.checkLength(IpFamily.V6, length);
    if (length == 0) {
      return ANY;
    }
    if (length <= 64) {
      return new Ipv6Address(high & (-1L << (64 - length)), 0);
    }
    return new Ipv6Address(high, length == 128 ? low : low & (-1L << (128 - length)));
  }

  @Override
  public boolean isUnspecified() {
    return high == 0 && low == 0;
  }

  @Override
  public boolean isLinkLocal() {
    return (high >>> 54) == (0xfe80L >>> 6);
  }

  /** True for {@code ::ffff:0:0/96}, the IPv4-mapped addresses. */
  public boolean isIpv4Mapped() {
    return high == 0 && (low >>> 32) == 0xffffL;
  }

  private int group(int index) {
    long half = index < 4 ? high : low;
    return (int) ((half >>> (48 - 16 * (index % 4))) & 0xffff);
  }

  /**
   * RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as ::.
   */
  @Override
  public String toString() {
    if (isIpv4Mapped()) {
      return "::ffff:" + new Ipv4Address((int) low);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int g = 0; g < 8; ) {
      if (group(g) != 0) {
        g++;
        continue;
      }
      int start = g;
      while (g < 8 && group(g) == 0) {
        g++;
      }
      if (g - start > bestLength) {
        bestStart = start;
        bestLength = g - start;
      }
    }
    StringBuilder text = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        text.append("::");
        g += bestLength - 1;
        continue;
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(group(g)));
    }
    return text.toString();
  }
}
