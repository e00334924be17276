package dev.junction.core.ipam;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A set of unsigned 64-bit ordinals held as sorted runs {@code [start, end]}. Runs never overlap
 * and never touch: adding an ordinal next to a run extends it, and two runs that meet merge. So the
 * ordinal after a run is always absent, which makes membership, first-absent, add and remove each
 * one or two {@link TreeMap} look-ups: O(log runs), whatever the size of the universe.
 *
 * <p>Ordinals compare unsigned, so a universe can hold all 2^64 ordinals of an IPv6 /64; {@code
 * -1L} is the largest ordinal. Not thread-safe: {@link Subnet} guards it.
 */
final class OrdinalRuns {

  /** Run start to run end, both inclusive, in unsigned order. */
  private final TreeMap<Long, Long> runs = new TreeMap<>(Long::compareUnsigned);

  /** The largest ordinal of the universe (unsigned, inclusive). */
  private final long last;

  private long count;

  /** An empty set over the universe {@code [0, last]}, {@code last} read as unsigned. */
  OrdinalRuns(long last) {
    this.last = last;
  }

  long last() {
    return last;
  }

  /** How many ordinals are in the set. */
  long count() {
    return count;
  }

  /** How many runs hold them: the memory this set costs. */
  int runCount() {
    return runs.size();
  }

  boolean contains(long ordinal) {
    Map.Entry<Long, Long> run = runs.floorEntry(ordinal);
    return run != null && Long.compareUnsigned(ordinal, run.getValue()) <= 0;
  }

  /** Adds the ordinal; false when it was already in the set. */
  boolean add(long ordinal) {
    checkInUniverse(ordinal);
    Map.Entry<Long, Long> before = runs.floorEntry(ordinal);
    if (before != null && Long.compareUnsigned(ordinal, before.getValue()) <= 0) {
      return false;
    }
    long start = ordinal;
    long end = ordinal;
    // ordinal is above before's end, so before's end + 1 cannot overflow.
    if (before != null && before.getValue() + 1 == ordinal) {
      start = before.getKey();
    }
    if (ordinal != -1L) {
      Long afterEnd = runs.remove(ordinal + 1);
      if (afterEnd != null) {
        end = afterEnd;
      }
    }
    runs.put(start, end);
    count++;
    return true;
  }

  /** Removes the ordinal; false when it was not in the set. */
  boolean remove(long ordinal) {
    Map.Entry<Long, Long> run = runs.floorEntry(ordinal);
    if (run == null || Long.compareUnsigned(ordinal, run.getValue()) > 0) {
      return false;
    }
    long start = run.getKey();
    long end = run.getValue();
    if (start == ordinal) {
      runs.remove(start);
    } else {
      runs.put(start, ordinal - 1);
    }
    if (end != ordinal) {
      runs.put(ordinal + 1, end);
    }
    count--;
    return true;
  }

  /** The smallest ordinal in {@code [from, to]} (unsigned, inclusive) that is not in the set. */
  OptionalLong firstAbsent(long from, long to) {
    if (Long.compareUnsigned(from, to) > 0) {
      return OptionalLong.empty();
    }
    long candidate = from;
    Map.Entry<Long, Long> run = runs.floorEntry(candidate);
    if (run != null && Long.compareUnsigned(candidate, run.getValue()) <= 0) {
      if (run.getValue() == -1L) {
        return OptionalLong.empty();
      }
      // Runs never touch, so the ordinal after a run is absent.
      candidate = run.getValue() + 1;
    }
    return Long.compareUnsigned(candidate, to) <= 0
        ? OptionalLong.of(candidate)
        : OptionalLong.empty();
  }

  private void checkInUniverse(long ordinal) {
    if (Long.compareUnsigned(ordinal, last) > 0) {
      throw new IllegalArgumentException(
          "ordinal "
              + Long.toUnsignedString(ordinal)
              + " is outside 0.."
              + Long.toUnsignedString(last));
    }
  }

  /** The runs, such as {@code [0-3, 5, 7-9]}, for messages and tests. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (Map.Entry<Long, Long> run : runs.entrySet()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(Long.toUnsignedString(run.getKey()));
      if (!run.getKey().equals(run.getValue())) {
        text.append('-').append(Long.toUnsignedString(run.getValue()));
      }
    }
    return text.append(']').toString();
  }
}
