package dev.junction.kernel.ip;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 address. Parsing is strict (no leading zeros in IPv4, no zone in IPv6) and {@link
 * #toString()} gives the canonical text (RFC 5952 for IPv6), so equal addresses print equally.
 */
public sealed interface IpAddress extends Comparable<IpAddress> permits Ipv4Address, Ipv6Address {

  /** Parses IPv4 dotted-quad or IPv6 text; throws {@link IllegalArgumentException} naming it. */
  static IpAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("invalid IP address: null");
    }
    return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
  }

  /** The address held in 4 or 16 network-order bytes. */
  static IpAddress fromBytes(byte[] bytes) {
    return switch (bytes.length) {
      case 4 -> Ipv4Address.fromBytes(bytes);
      case 16 -> Ipv6Address.fromBytes(bytes);
      default ->
          throw new IllegalArgumentException(
              "an IP address has 4 or 16 bytes, not " + bytes.length);
    };
  }

  /** The address whose value, read as an unsigned number, is {@code value}. */
  static IpAddress fromBigInteger(IpFamily family, BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > family.bitLength()) {
      throw new IllegalArgumentException(value + " is not an " + family + " address value");
    }
    return switch (family) {
      case V4 -> new Ipv4Address(value.intValue());
      case V6 -> new Ipv6Address(value.shiftRight(64).longValue(), value.longValue());
    };
  }

  IpFamily family();

  /** Network-order bytes, a fresh array each call. */
  byte[] toBytes();

  /** The address as an unsigned number. */
  BigInteger toBigInteger();

  /** The address with every bit after the first {@code length} cleared. */
  IpAddress masked(int length);

  /** True for {@code 0.0.0.0} and {@code ::}. */
  boolean isUnspecified();

  /** True for {@code 169.254.0.0/16} and {@code fe80::/10}. */
  boolean isLinkLocal();

  @Override
  default int compareTo(IpAddress other) {
    if (family() != other.family()) {
      return family().compareTo(other.family());
    }
    return toBigInteger().compareTo(other.toBigInteger());
  }
}
