package dev.junction.kernel.ip;

import java.math.BigInteger;

/**
 * A network prefix (subnet) such as {@code 10.1.0.0/16} or {@code fd00::/64}. The address has no
 * bits set after the prefix length: {@code 10.1.2.3/16} is refused by {@link #parse} with the
 * canonical form in the message, as Docker does, and {@link #containing} masks deliberately.
 */
public record IpPrefix(IpAddress address, int length) implements Comparable<IpPrefix> {

  public IpPrefix {
    checkLength(address.family(), length);
    if (!address.masked(length).equals(address)) {
      throw new IllegalArgumentException(
          "invalid prefix "
              + address
              + "/"
              + length
              + ": host bits are set, did you mean "
              + address.masked(length)
              + "/"
              + length
              + "?");
    }
  }

  /** {@code 0.0.0.0/0}: the IPv4 default destination. */
  public static final IpPrefix DEFAULT_V4 = new IpPrefix(Ipv4Address.ANY, 0);

  /** {@code ::/0}: the IPv6 default destination. */
  public static final IpPrefix DEFAULT_V6 = new IpPrefix(Ipv6Address.ANY, 0);

  /** Parses {@code ADDRESS/LENGTH}; a bare address is a host prefix (/32 or /128). */
  public static IpPrefix parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("invalid CIDR: null");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      IpAddress address = parseAddress(text, text);
      return new IpPrefix(address, address.family().bitLength());
    }
    IpAddress address = parseAddress(text.substring(0, slash), text);
    int length = parseLength(text.substring(slash + 1), address.family(), text);
    return new IpPrefix(address, length);
  }

  /** The prefix of the given length that contains {@code address}. */
  public static IpPrefix containing(IpAddress address, int length) {
    return new IpPrefix(address.masked(length), length);
  }

  /** The default destination of a family: {@code 0.0.0.0/0} or {@code ::/0}. */
  public static IpPrefix defaultRoute(IpFamily family) {
    return family == IpFamily.V4 ? DEFAULT_V4 : DEFAULT_V6;
  }

  static IpAddress parseAddress(String address, String whole) {
    try {
      return IpAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid CIDR \"" + whole + "\": " + e.getMessage(), e);
    }
  }

  static int parseLength(String digits, IpFamily family, String whole) {
    if (digits.isEmpty()
        || digits.length() > 3
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new IllegalArgumentException(
          "invalid CIDR \"" + whole + "\": prefix length \"" + digits + "\" is not a number");
    }
    int length = Integer.parseInt(digits);
    if (length > family.bitLength()) {
      throw new IllegalArgumentException(
          "invalid CIDR \""
              + whole
              + "\": prefix length "
              + length
              + " exceeds "
              + family.bitLength());
    }
    return length;
  }

  static void checkLength(IpFamily family, int length) {
    if (length < 0 || length > family.bitLength()) {
      throw new IllegalArgumentException(
          "prefix length " + length + " is outside 0.." + family.bitLength() + " for " + family);
    }
  }

  public IpFamily family() {
    return address.family();
  }

  /** True when {@code candidate} is inside this prefix (always false across families). */
  public boolean contains(IpAddress candidate) {
    return candidate.family() == family() && candidate.masked(length).equals(address);
  }

  /** True when every address of {@code other} is inside this prefix. */
  public boolean contains(IpPrefix other) {
    return other.family() == family() && other.length >= length && contains(other.address);
  }

  /** True when the two prefixes share at least one address. */
  public boolean overlaps(IpPrefix other) {
    return contains(other) || other.contains(this);
  }

  /** How many addresses the prefix spans: 2^(bits − length). */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(family().bitLength() - length);
  }

  /** The last address of the prefix (the IPv4 broadcast address). */
  public IpAddress lastAddress() {
    return IpAddress.fromBigInteger(
        family(), address.toBigInteger().add(size()).subtract(BigInteger.ONE));
  }

  /** True for a {@code /0}. */
  public boolean isDefault() {
    return length == 0;
  }

  @Override
  public int compareTo(IpPrefix other) {
    int byAddress = address.compareTo(other.address);
    return byAddress != 0 ? byAddress : Integer.compare(length, other.length);
  }

  @Override
  public String toString() {
    return address + "/" + length;
  }
}
