package dev.junction.core.ipam;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.Ipv4Address;
import dev.junction.kernel.ip.Ipv6Address;
import java.util.OptionalLong;

/**
 * Up to 2^64 consecutive addresses from {@code start}, numbered by unsigned 64-bit ordinals: the
 * part of a subnet (or of its ip-range) that dynamic allocation draws from. Conversions use the
 * address bits directly rather than {@link java.math.BigInteger}, since they run on every
 * allocation.
 *
 * @param last the largest ordinal, unsigned: {@code -1L} for a window of 2^64 addresses
 */
record AddressWindow(IpAddress start, long last) {

  /**
   * The window over a prefix. A prefix wider than 2^64 addresses (an IPv6 prefix shorter than /64)
   * is cut to its first 2^64 addresses, as Docker does: no network needs more, and it keeps
   * ordinals in one {@code long}.
   */
  static AddressWindow of(IpPrefix prefix) {
    int hostBits = prefix.family().bitLength() - prefix.length();
    return new AddressWindow(prefix.address(), hostBits >= 64 ? -1L : (1L << hostBits) - 1);
  }

  /**
   * The ordinal of {@code address}, or empty when it is outside the window or of another family.
   */
  OptionalLong ordinalOf(IpAddress address) {
    return switch (start) {
      case Ipv4Address s when address instanceof Ipv4Address a -> {
        // last is at most 2^32 - 1 here, so signed comparison is right.
        long offset = Integer.toUnsignedLong(a.bits()) - Integer.toUnsignedLong(s.bits());
        yield offset >= 0 && offset <= last ? OptionalLong.of(offset) : OptionalLong.empty();
      }
      case Ipv6Address s when address instanceof Ipv6Address a -> {
        // 128-bit subtraction: the high half is zero exactly when 0 <= a - s < 2^64.
        long low = a.low() - s.low();
        long borrow = Long.compareUnsigned(a.low(), s.low()) < 0 ? 1 : 0;
        long high = a.high() - s.high() - borrow;
        yield high == 0 && Long.compareUnsigned(low, last) <= 0
            ? OptionalLong.of(low)
            : OptionalLong.empty();
      }
      default -> OptionalLong.empty();
    };
  }

  /** The address at {@code ordinal}, which must be inside the window. */
  IpAddress addressAt(long ordinal) {
    if (Long.compareUnsigned(ordinal, last) > 0) {
      throw new IllegalArgumentException(
          "ordinal " + Long.toUnsignedString(ordinal) + " is outside the window from " + start);
    }
    return switch (start) {
      case Ipv4Address s -> new Ipv4Address(s.bits() + (int) ordinal);
      case Ipv6Address s -> {
        long low = s.low() + ordinal;
        long carry = Long.compareUnsigned(low, s.low()) < 0 ? 1 : 0;
        yield new Ipv6Address(s.high() + carry, low);
      }
    };
  }
}
