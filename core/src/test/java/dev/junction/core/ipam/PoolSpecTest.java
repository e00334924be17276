package dev.junction.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.kernel.ip.IpPrefix;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolSpecTest {

  private static IpPrefix prefix(String text) {
    return IpPrefix.parse(text);
  }

  @Test
  void parsesTheDaemonFlag() {
    PoolSpec pool = PoolSpec.parse("base=10.10.0.0/16,size=24");
    assertThat(pool).isEqualTo(new PoolSpec(prefix("10.10.0.0/16"), 24));
    assertThat(pool).hasToString("base=10.10.0.0/16,size=24");
    assertThat(PoolSpec.parse(pool.toString())).isEqualTo(pool);
    assertThat(PoolSpec.parse("SIZE=24,Base=10.10.0.0/16")).isEqualTo(pool);
    assertThat(PoolSpec.parse("base=fd00::/48,size=64"))
        .isEqualTo(new PoolSpec(prefix("fd00::/48"), 64));
    assertThat(PoolSpec.parse("base=10.10.0.0/16,size=16").count()).isEqualTo(BigInteger.ONE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| expected base=CIDR,size=LENGTH",
        "'   '| expected base=CIDR,size=LENGTH",
        "base=10.10.0.0/16| size is missing",
        "size=24| base is missing",
        "base=10.10.0.0/16,size=24,size=24| size is given twice",
        "base=10.10.0.0/16,base=10.11.0.0/16,size=24| base is given twice",
        "base=10.10.0.0/16,size=x| size \"x\" is not a prefix length",
        "base=10.10.0.0/16,size=024| size \"024\" is not a prefix length",
        "base=10.10.0.0/16,size=| size \"\" is not a prefix length",
        "base=10.10.0.0/16,size=-1| size \"-1\" is not a prefix length",
        "base=10.10.0.0/16,size=1000| size \"1000\" is not a prefix length",
        "base=10.10.0.1/16,size=24| did you mean 10.10.0.0/16?",
        "base=10.10.0.0,size=24| the base 10.10.0.0/32 is longer than /30",
        "base=nonsense,size=24| invalid IPv4 address",
        "base=,size=24| invalid",
        "base=10.10.0.0/16,size=8| size must be between 16 (the prefix length of the base) and 30",
        "base=10.10.0.0/16,size=31| size must be between 16 (the prefix length of the base) and 30",
        "base=fd00::/48,size=127| size must be between 48 (the prefix length of the base) and 126",
        "scope=local,base=10.10.0.0/16,size=24| unknown key \"scope\"",
        "base=10.10.0.0/16;size=24| size is missing",
        "base=10.10.0.0/16,,size=24| field \"\" is not a key=value pair",
        "base=10.10.0.0/16 size=24| size is missing",
        "base=10.10.0.0/16,size=24,| field \"\" is not a key=value pair",
      })
  void refusesBadText(String text, String why) {
    assertThatThrownBy(() -> PoolSpec.parse(text))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid default address pool \"" + text + "\": ")
        .hasMessageContaining(why);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> PoolSpec.parse(null))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid default address pool null: expected base=CIDR,size=LENGTH");
    assertThatThrownBy(() -> new PoolSpec(null, 24)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new PoolSpec(IpPrefix.parse("10.10.0.0/16"), 12))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "invalid default address pool \"base=10.10.0.0/16,size=12\": size must be between 16"
                + " (the prefix length of the base) and 30");
  }

  @Test
  void splitsWithoutMaterialising() {
    PoolSpec pool = PoolSpec.parse("base=10.10.0.0/16,size=24");
    assertThat(pool.count()).isEqualTo(BigInteger.valueOf(256));
    assertThat(pool.prefixAt(BigInteger.ZERO)).isEqualTo(prefix("10.10.0.0/24"));
    assertThat(pool.prefixAt(BigInteger.valueOf(255))).isEqualTo(prefix("10.10.255.0/24"));
    assertThatThrownBy(() -> pool.prefixAt(BigInteger.valueOf(256)))
        .isInstanceOf(IllegalArgumentException.class);
    PoolSpec huge = PoolSpec.parse("base=fd00::/8,size=64");
    assertThat(huge.count()).isEqualTo(BigInteger.ONE.shiftLeft(56));
    assertThat(huge.prefixAt(BigInteger.ONE.shiftLeft(56).subtract(BigInteger.ONE)))
        .isEqualTo(prefix("fdff:ffff:ffff:ffff::/64"));
  }

  @Test
  void dockerLocalDefaultsAreThirtyOneSubnetsInDockersOrder() {
    List<IpPrefix> expected = new ArrayList<>();
    for (int second = 17; second <= 31; second++) {
      expected.add(prefix("172." + second + ".0.0/16"));
    }
    for (int third = 0; third < 256; third += 16) {
      expected.add(prefix("192.168." + third + ".0/20"));
    }
    assertThat(split(AddressSpace.dockerLocalDefaults())).hasSize(31).isEqualTo(expected);
    assertThat(AddressSpace.dockerLocalDefaults().getFirst())
        .isEqualTo(PoolSpec.parse("base=172.17.0.0/16,size=16"));
  }

  @Test
  void dockerGlobalDefaultsAreTenSlashEightInSlashTwentyFours() {
    assertThat(AddressSpace.dockerGlobalDefaults())
        .containsExactly(PoolSpec.parse("base=10.0.0.0/8,size=24"));
  }

  @Test
  void firstFreeSkipsPastWhatItOverlaps() {
    PoolSpec pool = PoolSpec.parse("base=10.0.0.0/8,size=30");
    assertThat(pool.firstFree(AddressIntervals.of(List.of()))).hasValue(prefix("10.0.0.0/30"));
    assertThat(pool.firstFree(AddressIntervals.of(List.of(prefix("10.0.0.0/9")))))
        .hasValue(prefix("10.128.0.0/30"));
    // A taken prefix inside the first candidate, then one running past the next.
    assertThat(
            pool.firstFree(
                AddressIntervals.of(List.of(prefix("10.0.0.2/32"), prefix("10.0.0.4/30")))))
        .hasValue(prefix("10.0.0.8/30"));
    assertThat(pool.firstFree(AddressIntervals.of(List.of(prefix("0.0.0.0/1"))))).isEmpty();
    assertThat(pool.firstFree(AddressIntervals.of(List.of(prefix("10.0.0.0/8"))))).isEmpty();
    PoolSpec v6 = PoolSpec.parse("base=fd00::/8,size=64");
    assertThat(v6.firstFree(AddressIntervals.of(List.of(prefix("fd00::/9")))))
        .hasValue(prefix("fd80::/64"));
    assertThat(
            v6.firstFree(
                AddressIntervals.of(
                    List.of(prefix("fd00::/9"), prefix("fd80::/10"), prefix("fdc0::/10")))))
        .isEmpty();
  }

  private static List<IpPrefix> split(List<PoolSpec> pools) {
    List<IpPrefix> prefixes = new ArrayList<>();
    for (PoolSpec pool : pools) {
      for (BigInteger i = BigInteger.ZERO;
          i.compareTo(pool.count()) < 0;
          i = i.add(BigInteger.ONE)) {
        prefixes.add(pool.prefixAt(i));
      }
    }
    return prefixes;
  }
}
