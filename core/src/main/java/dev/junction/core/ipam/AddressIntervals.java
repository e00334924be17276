package dev.junction.core.ipam;

import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of some prefixes of one family, as sorted, merged intervals, so that finding what
 * blocks a candidate subnet is a binary search. Built once per subnet search: the host's routes may
 * number in the hundreds of thousands on a router, and a linear scan per candidate would then cost
 * too much.
 */
final class AddressIntervals {

  /** Interval starts and ends (inclusive), both increasing, intervals disjoint. */
  private final BigInteger[] starts;

  private final BigInteger[] ends;

  private AddressIntervals(List<BigInteger[]> merged) {
    starts = new BigInteger[merged.size()];
    ends = new BigInteger[merged.size()];
    for (int i = 0; i < merged.size(); i++) {
      starts[i] = merged.get(i)[0];
      ends[i] = merged.get(i)[1];
    }
  }

  /** The addresses of {@code prefixes}; the caller passes one family only. */
  static AddressIntervals of(Collection<IpPrefix> prefixes) {
    List<BigInteger[]> sorted = new ArrayList<>(prefixes.size());
    for (IpPrefix prefix : prefixes) {
      sorted.add(
          new BigInteger[] {prefix.address().toBigInteger(), prefix.lastAddress().toBigInteger()});
    }
    sorted.sort(Comparator.comparing((BigInteger[] interval) -> interval[0]));
    List<BigInteger[]> merged = new ArrayList<>(sorted.size());
    for (BigInteger[] interval : sorted) {
      BigInteger[] previous = merged.isEmpty() ? null : merged.getLast();
      if (previous != null && interval[0].compareTo(previous[1]) <= 0) {
        previous[1] = previous[1].max(interval[1]);
      } else {
        merged.add(interval);
      }
    }
    return new AddressIntervals(merged);
  }

  /**
   * The end of the first interval that shares an address with {@code [start, end]}, or empty when
   * none does.
   */
  Optional<BigInteger> firstOverlapEnd(BigInteger start, BigInteger end) {
    // The first interval that ends at or after start; ends increase, so binary search.
    int low = 0;
    int high = ends.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (ends[middle].compareTo(start) < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low < ends.length && starts[low].compareTo(end) <= 0
        ? Optional.of(ends[low])
        : Optional.empty();
  }
}
