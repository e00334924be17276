package dev.junction.cli.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.session.CliException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpamConfigTest {

  private static String pair(
      List<String> subnets, List<String> ranges, List<String> gateways, Map<String, String> aux) {
    return IpamConfig.pair(subnets, ranges, gateways, aux).write();
  }

  @Test
  void givesEachRangeGatewayAndAuxiliaryAddressToTheSubnetItLiesIn() {
    Map<String, String> aux = new LinkedHashMap<>();
    aux.put("router", "fd00::2");
    aux.put("dns", "10.1.0.3");

    assertThat(
            pair(
                List.of("10.1.0.0/24", "fd00::/64"),
                List.of("10.1.0.128/25"),
                List.of("fd00::1", "10.1.0.1"),
                aux))
        .isEqualTo(
            "[{\"Subnet\":\"10.1.0.0/24\",\"IPRange\":\"10.1.0.128/25\",\"Gateway\":\"10.1.0.1\","
                + "\"AuxiliaryAddresses\":{\"dns\":\"10.1.0.3\"}},"
                + "{\"Subnet\":\"fd00::/64\",\"Gateway\":\"fd00::1\","
                + "\"AuxiliaryAddresses\":{\"router\":\"fd00::2\"}}]");
  }

  @Test
  void noSubnetsIsAnEmptyConfig() {
    assertThat(pair(List.of(), List.of(), List.of(), Map.of())).isEqualTo("[]");
  }

  @Test
  void aLoneSubnetGoesToTheDaemonAsGiven() {
    assertThat(pair(List.of("bogus"), List.of(), List.of(), Map.of()))
        .isEqualTo("[{\"Subnet\":\"bogus\"}]");
  }

  @Test
  void refusesWhatDockerRefusesInItsWords() {
    assertError(
        List.of(),
        List.of(),
        List.of("10.1.0.1"),
        Map.of(),
        "every ip-range or gateway must have a corresponding subnet");
    assertError(
        List.of("10.1.0.0/24", "10.1.0.0/16"),
        List.of(),
        List.of(),
        Map.of(),
        "multiple overlapping subnet configuration is not supported");
    assertError(
        List.of("10.1.0.0/24"),
        List.of(),
        List.of("10.2.0.1"),
        Map.of(),
        "no matching subnet for gateway 10.2.0.1");
    assertError(
        List.of("10.1.0.0/24"),
        List.of("10.2.0.0/25"),
        List.of(),
        Map.of(),
        "no matching subnet for range 10.2.0.0/25");
    assertError(
        List.of("10.1.0.0/24"),
        List.of(),
        List.of(),
        Map.of("a", "10.9.0.1"),
        "no matching subnet for aux-address 10.9.0.1");
    assertError(
        List.of("10.1.0.0/24", "10.2.0.0/24"),
        List.of(),
        List.of("10.1.0.1", "10.1.0.2"),
        Map.of(),
        "cannot configure multiple gateways (10.1.0.2, 10.1.0.1) for the same subnet"
            + " (10.1.0.0/24)");
    assertError(
        List.of("10.1.0.0/24", "10.2.0.0/24"),
        List.of("10.1.0.0/25", "10.1.0.128/25"),
        List.of(),
        Map.of(),
        "cannot configure multiple ranges (10.1.0.128/25, 10.1.0.0/25) on the"
            + " same subnet (10.1.0.0/24)");
    assertError(
        List.of("10.1.0.0/24", "bogus"),
        List.of(),
        List.of(),
        Map.of(),
        "invalid subnet: invalid CIDR address: bogus");
    assertError(
        List.of("10.1.0.0/24"),
        List.of("10.1.0.0"),
        List.of(),
        Map.of(),
        "invalid CIDR address: 10.1.0.0");
  }

  private static void assertError(
      List<String> subnets,
      List<String> ranges,
      List<String> gateways,
      Map<String, String> aux,
      String message) {
    assertThatThrownBy(() -> pair(subnets, ranges, gateways, aux))
        .isInstanceOf(CliException.class)
        .hasMessage(message);
  }

  @Test
  void cidrsAcceptHostBitsAndNeverLookUpNames() {
    assertThat(Cidr.parse("10.1.0.7/24").contains(Cidr.address("10.1.0.200"))).isTrue();
    assertThat(Cidr.parse("10.1.0.7/24").contains(Cidr.address("10.1.1.1"))).isFalse();
    assertThat(Cidr.parse("fd00::/8").contains(Cidr.address("fdff::1"))).isTrue();
    assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.address("fd00::1"))).isFalse();
    assertThat(Cidr.address("localhost")).isNull();
    assertThatThrownBy(() -> Cidr.parse("10.1.0.0/33"))
        .hasMessage("invalid CIDR address: 10.1.0.0/33");
  }
}
