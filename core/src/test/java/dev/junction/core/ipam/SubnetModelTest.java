package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.error.ConflictException;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operations on small subnets, checked step by step against a model that is too simple to be
 * wrong: a bit set of taken offsets, a holder per offset, and a linear search.
 */
class SubnetModelTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 20260101, -42})
  void agreesWithABitSetModel(long seed) {
    Random random = new Random(seed);
    int rounds = 0;
    for (int round = 0; round < 25; round++) {
      Model model = Model.random(random);
      AddressSpace space = new AddressSpace(List.of());
      if (!model.valid) {
        // Random aux addresses may clash with the gateway or each other: refused whole.
        assertThatThrownBy(() -> space.reserveSubnet("net", model.prefix, model.options))
            .as("seed %d round %d %s", seed, round, model.describe())
            .isInstanceOf(InvalidParameterException.class);
        assertThat(space.subnets()).as("seed %d round %d", seed, round).isEmpty();
        continue;
      }
      Subnet subnet = space.reserveSubnet("net", model.prefix, model.options);
      rounds++;
      for (int step = 0; step < 300; step++) {
        int at = step;
        int inRound = round;
        Supplier<String> context =
            () -> "seed " + seed + " round " + inRound + " step " + at + " " + model.describe();
        int offset = random.nextInt(model.size);
        switch (random.nextInt(5)) {
          case 0, 1 -> {
            int expected = model.nextDynamic();
            if (expected < 0) {
              assertThatThrownBy(() -> subnet.allocate("d"))
                  .as(context)
                  .isInstanceOf(ConflictException.class);
            } else {
              assertThat(subnet.allocate("d" + step))
                  .as(context)
                  .isEqualTo(model.address(expected));
              model.take(expected, "d" + step);
              model.cursor = expected - model.rangeStart + 1;
            }
          }
          case 2 -> {
            IpAddress address = model.address(offset);
            if (offset == 0 || (model.v4 && offset == model.size - 1)) {
              assertThatThrownBy(() -> subnet.allocate(address, "s"))
                  .as(context)
                  .isInstanceOf(InvalidParameterException.class);
            } else if (model.holders[offset] != null) {
              assertThatThrownBy(() -> subnet.allocate(address, "s"))
                  .as(context)
                  .isInstanceOf(ConflictException.class)
                  .hasMessageEndingWith("is in use by \"" + model.holders[offset] + "\"");
            } else {
              assertThat(subnet.allocate(address, "s" + step)).as(context).isEqualTo(address);
              model.take(offset, "s" + step);
            }
          }
          default -> {
            // Mostly release something held, sometimes something that is not.
            int held = random.nextInt(3) > 0 ? model.randomHeld(random) : -1;
            int target = held >= 0 ? held : offset;
            IpAddress address = model.address(target);
            if (model.holders[target] == null || model.reserved.get(target)) {
              assertThatThrownBy(() -> subnet.release(address))
                  .as(context)
                  .isInstanceOf(IllegalStateException.class);
            } else {
              subnet.release(address);
              model.free(target);
            }
          }
        }
        assertThat(subnet.used()).as(context).isEqualTo(model.used());
        assertThat(subnet.free()).as(context).isEqualTo(model.free());
        String[] holders = new String[model.size];
        for (int i = 0; i < model.size; i++) {
          holders[i] = subnet.holderOf(model.address(i)).orElse(null);
        }
        if (!Arrays.equals(holders, model.holders)) {
          assertThat(holders).as(context).containsExactly(model.holders);
        }
      }
    }
  }

  /** The subnet as offsets from its network address. */
  private static final class Model {
    final IpPrefix prefix;
    final SubnetOptions options;
    final boolean v4;
    final int size;
    final int rangeStart;
    final int rangeSize;
    final boolean serial;
    final String[] holders;
    final IpAddress[] addresses;
    final BitSet taken = new BitSet();
    final BitSet reserved = new BitSet();
    boolean valid = true;
    int cursor;

    private Model(IpPrefix prefix, SubnetOptions options) {
      this.prefix = prefix;
      this.options = options;
      this.v4 = prefix.family() == IpFamily.V4;
      this.size = prefix.size().intValueExact();
      IpPrefix range = options.range().orElse(prefix);
      this.rangeStart = offsetOf(range.address());
      this.rangeSize = range.size().intValueExact();
      this.serial = options.serial();
      this.holders = new String[size];
      this.addresses = new IpAddress[size];
      for (int i = 0; i < size; i++) {
        addresses[i] =
            IpAddress.fromBigInteger(
                prefix.family(), prefix.address().toBigInteger().add(BigInteger.valueOf(i)));
      }
      taken.set(0);
      if (v4) {
        taken.set(size - 1);
      }
      if (!options.noGateway()) {
        int gateway = options.gateway().map(this::offsetOf).orElse(1);
        take(gateway, "gateway");
        reserved.set(gateway);
      }
      options
          .auxAddresses()
          .forEach(
              (name, address) -> {
                int offset = offsetOf(address);
                if (holders[offset] != null) {
                  valid = false;
                } else {
                  take(offset, "aux:" + name);
                  reserved.set(offset);
                }
              });
    }

    static Model random(Random random) {
      boolean v4 = random.nextBoolean();
      int hostBits = 2 + random.nextInt(6);
      IpFamily family = v4 ? IpFamily.V4 : IpFamily.V6;
      BigInteger value = new BigInteger(family.bitLength(), random);
      IpPrefix prefix =
          IpPrefix.containing(
              IpAddress.fromBigInteger(family, value), family.bitLength() - hostBits);
      Model bare = new Model(prefix, SubnetOptions.DEFAULTS.withNoGateway(true));
      SubnetOptions options = SubnetOptions.DEFAULTS.withSerial(random.nextBoolean());
      if (random.nextBoolean()) {
        int rangeBits = random.nextInt(hostBits + 1);
        int start = random.nextInt(bare.size) & -(1 << rangeBits);
        options =
            options.withRange(new IpPrefix(bare.address(start), family.bitLength() - rangeBits));
      }
      switch (random.nextInt(3)) {
        case 0 -> options = options.withNoGateway(true);
        case 1 -> options = options.withGateway(bare.address(1 + random.nextInt(bare.size - 2)));
        default -> {}
      }
      for (int aux = random.nextInt(3); aux > 0; aux--) {
        options =
            options.withAuxAddress("a" + aux, bare.address(1 + random.nextInt(bare.size - 2)));
      }
      return new Model(prefix, options);
    }

    String describe() {
      return prefix + " " + options;
    }

    IpAddress address(int offset) {
      return addresses[offset];
    }

    int offsetOf(IpAddress address) {
      return address.toBigInteger().subtract(prefix.address().toBigInteger()).intValueExact();
    }

    void take(int offset, String holder) {
      taken.set(offset);
      holders[offset] = holder;
    }

    void free(int offset) {
      taken.clear(offset);
      holders[offset] = null;
    }

    /** The offset dynamic allocation should return, or -1. */
    int nextDynamic() {
      if (serial) {
        for (int w = cursor; w < rangeSize; w++) {
          if (!taken.get(rangeStart + w)) {
            return rangeStart + w;
          }
        }
      }
      for (int w = 0; w < rangeSize; w++) {
        if (!taken.get(rangeStart + w)) {
          return rangeStart + w;
        }
      }
      return -1;
    }

    int randomHeld(Random random) {
      int count = 0;
      for (String holder : holders) {
        count += holder == null ? 0 : 1;
      }
      if (count == 0) {
        return -1;
      }
      int pick = random.nextInt(count);
      for (int i = 0; i < size; i++) {
        if (holders[i] != null && pick-- == 0) {
          return i;
        }
      }
      throw new AssertionError();
    }

    long used() {
      long count = 0;
      for (int i = 0; i < size; i++) {
        count += holders[i] != null && !reserved.get(i) ? 1 : 0;
      }
      return count;
    }

    long free() {
      long allocatable = size - 1 - (v4 ? 1 : 0) - reserved.cardinality();
      return allocatable - used();
    }
  }
}
