package dev.junction.core.ipam;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A default address pool: {@code base} split into prefixes of length {@code size}, as the daemon's
 * {@code --default-address-pool base=10.10.0.0/16,size=24} (256 pools 10.10.0.0/24 to
 * 10.10.255.0/24). The split is never materialised: an IPv6 base such as {@code fd00::/8} split
 * into /64s holds 2^56 pools.
 *
 * <p>{@code size} is at most /30 for IPv4 and /126 for IPv6, the smallest subnets {@link
 * AddressSpace} accepts.
 */
public record PoolSpec(IpPrefix base, int size) {

  public PoolSpec {
    Objects.requireNonNull(base, "base");
    String problem = problem(base, size);
    if (problem != null) {
      throw invalid("base=" + base + ",size=" + size, problem);
    }
  }

  /** Why {@code base} cannot be split into prefixes of length {@code size}, or null. */
  private static String problem(IpPrefix base, int size) {
    int longest = Subnet.longestPrefix(base.family());
    if (base.length() > longest) {
      return "the base "
          + base
          + " is longer than /"
          + longest
          + ", the smallest subnet a network can have";
    }
    if (size < base.length() || size > longest) {
      return "size must be between "
          + base.length()
          + " (the prefix length of the base) and "
          + longest;
    }
    return null;
  }

  /**
   * Parses the daemon flag's text, {@code base=CIDR,size=LENGTH}. Keys are case-insensitive, as
   * Docker's; each must appear once.
   */
  public static PoolSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "expected base=CIDR,size=LENGTH");
    }
    String base = null;
    String size = null;
    for (String field : text.split(",", -1)) {
      int equals = field.indexOf('=');
      if (equals < 0) {
        throw invalid(text, "field \"" + field + "\" is not a key=value pair");
      }
      String key = field.substring(0, equals).toLowerCase(Locale.ROOT);
      String value = field.substring(equals + 1);
      switch (key) {
        case "base" -> {
          if (base != null) {
            throw invalid(text, "base is given twice");
          }
          base = value;
        }
        case "size" -> {
          if (size != null) {
            throw invalid(text, "size is given twice");
          }
          size = value;
        }
        default ->
            throw invalid(text, "unknown key \"" + key + "\", expected base=CIDR,size=LENGTH");
      }
    }
    if (base == null) {
      throw invalid(text, "base is missing");
    }
    if (size == null) {
      throw invalid(text, "size is missing");
    }
    IpPrefix prefix;
    try {
      prefix = IpPrefix.parse(base);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "invalid default address pool \"" + text + "\": " + e.getMessage(), e);
    }
    if (size.isEmpty()
        || size.length() > 3
        || !size.chars().allMatch(c -> c >= '0' && c <= '9')
        || (size.length() > 1 && size.charAt(0) == '0')) {
      throw invalid(text, "size \"" + size + "\" is not a prefix length");
    }
    String problem = problem(prefix, Integer.parseInt(size));
    if (problem != null) {
      throw invalid(text, problem);
    }
    return new PoolSpec(prefix, Integer.parseInt(size));
  }

  private static InvalidParameterException invalid(String text, String why) {
    return new InvalidParameterException(
        "invalid default address pool "
            + (text == null ? "null" : "\"" + text + "\"")
            + ": "
            + why);
  }

  public IpFamily family() {
    return base.family();
  }

  /** How many prefixes the split gives: 2^(size − base length). */
  BigInteger count() {
    return BigInteger.ONE.shiftLeft(size - base.length());
  }

  /** The {@code index}th prefix of the split, from 0. */
  IpPrefix prefixAt(BigInteger index) {
    if (index.signum() < 0 || index.compareTo(count()) >= 0) {
      throw new IllegalArgumentException("pool " + this + " has no prefix number " + index);
    }
    BigInteger start = base.address().toBigInteger().add(index.multiply(blockSize()));
    return new IpPrefix(IpAddress.fromBigInteger(family(), start), size);
  }

  /**
   * The first prefix of the split that shares no address with {@code taken}. A candidate that
   * overlaps skips straight past what it overlaps, so the search costs in proportion to the taken
   * intervals, not to the split: a /8 split into /30s does not try four million candidates.
   */
  Optional<IpPrefix> firstFree(AddressIntervals taken) {
    BigInteger first = base.address().toBigInteger();
    BigInteger blockSize = blockSize();
    BigInteger count = count();
    BigInteger index = BigInteger.ZERO;
    while (index.compareTo(count) < 0) {
      BigInteger start = first.add(index.multiply(blockSize));
      BigInteger end = start.add(blockSize).subtract(BigInteger.ONE);
      Optional<BigInteger> overlapEnd = taken.firstOverlapEnd(start, end);
      if (overlapEnd.isEmpty()) {
        return Optional.of(new IpPrefix(IpAddress.fromBigInteger(family(), start), size));
      }
      index = overlapEnd.get().max(end).subtract(first).divide(blockSize).add(BigInteger.ONE);
    }
    return Optional.empty();
  }

  private BigInteger blockSize() {
    return BigInteger.ONE.shiftLeft(family().bitLength() - size);
  }

  /** The daemon flag's text, {@code base=10.10.0.0/16,size=24}, which {@link #parse} reads. */
  @Override
  public String toString() {
    return "base=" + base + ",size=" + size;
  }
}
