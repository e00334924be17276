package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrdinalRunsTest {

  @Test
  void addMergesNeighboursAndRemoveSplits() {
    OrdinalRuns runs = new OrdinalRuns(99);
    assertThat(runs.add(5)).isTrue();
    assertThat(runs.add(7)).isTrue();
    assertThat(runs).hasToString("[5, 7]");
    assertThat(runs.add(6)).isTrue();
    assertThat(runs).hasToString("[5-7]");
    assertThat(runs.add(6)).isFalse();
    assertThat(runs.add(4)).isTrue();
    assertThat(runs.add(8)).isTrue();
    assertThat(runs).hasToString("[4-8]");
    assertThat(runs.count()).isEqualTo(5);
    assertThat(runs.runCount()).isEqualTo(1);

    assertThat(runs.remove(6)).isTrue();
    assertThat(runs).hasToString("[4-5, 7-8]");
    assertThat(runs.remove(6)).isFalse();
    assertThat(runs.remove(4)).isTrue();
    assertThat(runs.remove(8)).isTrue();
    assertThat(runs).hasToString("[5, 7]");
    assertThat(runs.count()).isEqualTo(2);
    assertThat(runs.contains(5)).isTrue();
    assertThat(runs.contains(6)).isFalse();
  }

  @Test
  void firstAbsentSkipsTheRunItStartsIn() {
    OrdinalRuns runs = new OrdinalRuns(9);
    for (long ordinal = 0; ordinal <= 4; ordinal++) {
      runs.add(ordinal);
    }
    runs.add(6);
    assertThat(runs.firstAbsent(0, 9)).hasValue(5);
    assertThat(runs.firstAbsent(2, 9)).hasValue(5);
    assertThat(runs.firstAbsent(6, 9)).hasValue(7);
    assertThat(runs.firstAbsent(0, 4)).isEmpty();
    assertThat(runs.firstAbsent(5, 4)).isEmpty();
    for (long ordinal = 7; ordinal <= 9; ordinal++) {
      runs.add(ordinal);
    }
    assertThat(runs.firstAbsent(6, 9)).isEmpty();
    assertThat(runs.firstAbsent(0, 9)).hasValue(5);
  }

  @Test
  void ordinalsAreUnsignedUpToTheTopOfSixtyFourBits() {
    OrdinalRuns runs = new OrdinalRuns(-1L);
    long top = -1L;
    assertThat(runs.add(top)).isTrue();
    assertThat(runs.add(top - 1)).isTrue();
    assertThat(runs.add(Long.MAX_VALUE)).isTrue();
    assertThat(runs.add(Long.MIN_VALUE)).isTrue();
    assertThat(runs)
        .hasToString(
            "[9223372036854775807-9223372036854775808, 18446744073709551614-18446744073709551615]");
    assertThat(runs.firstAbsent(top - 1, top)).isEmpty();
    assertThat(runs.firstAbsent(Long.MAX_VALUE, top)).hasValue(Long.MIN_VALUE + 1);
    assertThat(runs.firstAbsent(0, top)).hasValue(0);
    assertThat(runs.contains(top)).isTrue();
    assertThat(runs.contains(0)).isFalse();
    assertThat(runs.remove(top)).isTrue();
    assertThat(runs.firstAbsent(top - 1, top)).hasValue(top);
    assertThat(runs.add(top)).isTrue();
    assertThat(runs.runCount()).isEqualTo(2);
  }

  @Test
  void refusesOrdinalsOutsideTheUniverse() {
    OrdinalRuns runs = new OrdinalRuns(7);
    assertThatThrownBy(() -> runs.add(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ordinal 8 is outside 0..7");
    assertThatThrownBy(() -> runs.add(-1L)).isInstanceOf(IllegalArgumentException.class);
    assertThat(runs.remove(8)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 20260101, 987654321, -7})
  void behavesAsABitSet(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      int size = 1 + random.nextInt(150);
      OrdinalRuns runs = new OrdinalRuns(size - 1);
      BitSet model = new BitSet(size);
      for (int step = 0; step < 400; step++) {
        String context = "seed " + seed + " round " + round + " step " + step + " size " + size;
        int ordinal = random.nextInt(size);
        switch (random.nextInt(4)) {
          case 0 -> {
            assertThat(runs.add(ordinal)).as(context).isEqualTo(!model.get(ordinal));
            model.set(ordinal);
          }
          case 1 -> {
            assertThat(runs.remove(ordinal)).as(context).isEqualTo(model.get(ordinal));
            model.clear(ordinal);
          }
          case 2 -> assertThat(runs.contains(ordinal)).as(context).isEqualTo(model.get(ordinal));
          default -> {
            int to = random.nextInt(size);
            int expected = model.nextClearBit(ordinal);
            OptionalLong found = runs.firstAbsent(ordinal, to);
            if (ordinal > to || expected > to) {
              assertThat(found).as(context).isEmpty();
            } else {
              assertThat(found).as(context).hasValue(expected);
            }
          }
        }
        assertThat(runs.count()).as(context).isEqualTo(model.cardinality());
        assertThat(runs).as(context).hasToString(render(model));
      }
    }
  }

  /** The runs a bit set holds, as {@link OrdinalRuns#toString()} writes them. */
  static String render(BitSet model) {
    StringBuilder text = new StringBuilder("[");
    for (int start = model.nextSetBit(0); start >= 0; ) {
      int end = model.nextClearBit(start) - 1;
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(start);
      if (end != start) {
        text.append('-').append(end);
      }
      start = model.nextSetBit(end + 1);
    }
    return text.append(']').toString();
  }
}
