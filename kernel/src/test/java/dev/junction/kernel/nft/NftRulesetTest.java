package dev.junction.kernel.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.ip.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables, chains, whole rulesets and what a listing should show of them. */
class NftRulesetTest {

  private static final NftBaseChain FORWARD =
      new NftBaseChain(
          NftBaseChain.Type.FILTER, NftBaseChain.Hook.FORWARD, 0, NftBaseChain.Policy.ACCEPT);

  private static NftTable table() {
    return new NftTable(
        NftFamily.INET,
        "junction",
        List.of(
            NftChain.base(
                "forward",
                FORWARD,
                List.of(
                    NftRule.of("ct state established,related accept"),
                    NftRule.of("iifname {} accept", "br-1").withComment("junction: net 1"))),
            NftChain.regular(
                "isolate", List.of(NftRule.of("ip saddr {} drop", IpPrefix.parse("10.1.0.0/16")))),
            NftChain.regular("empty", List.of())));
  }

  @Test
  void replaceTableRendersCreateDeleteDefine() {
    NftRuleset ruleset = NftRuleset.builder().replaceTable(table()).build();
    assertThat(ruleset.text())
        .isEqualTo(
            """
            table inet junction
            delete table inet junction
            table inet junction {
            \tchain forward {
            \t\ttype filter hook forward priority 0; policy accept;
            \t\tct state established,related accept
            \t\tiifname "br-1" accept comment "junction: net 1"
            \t}
            \tchain isolate {
            \t\tip saddr 10.1.0.0/16 drop
            \t}
            \tchain empty {
            \t}
            }
            """);
    assertThat(ruleset).hasToString(ruleset.text());
    assertThat(ruleset.changes()).containsExactly(new NftRuleset.ReplaceTable(table()));
  }

  @Test
  void deleteTableRendersCreateThenDelete() {
    NftRuleset ruleset = NftRuleset.builder().deleteTable(NftFamily.IP6, "old").build();
    // "table X" first, so that deleting a table that is not there is not an error.
    assertThat(ruleset.text()).isEqualTo("table ip6 old\ndelete table ip6 old\n");
    assertThat(ruleset.changes()).containsExactly(new NftRuleset.DeleteTable(NftFamily.IP6, "old"));
  }

  @Test
  void changesKeepTheirOrderInOneText() {
    NftTable nat =
        new NftTable(
            NftFamily.IP,
            "junction-nat",
            List.of(
                NftChain.base(
                    "postrouting",
                    NftBaseChain.fromKeywords("nat", "postrouting", 100, "accept"),
                    List.of(NftRule.of("oifname != {} masquerade", "br-1")))));
    NftRuleset ruleset =
        NftRuleset.builder()
            .deleteTable(NftFamily.INET, "stale")
            .replaceTable(nat)
            .deleteTable(NftFamily.BRIDGE, "other")
            .build();
    assertThat(ruleset.text())
        .isEqualTo(
            """
            table inet stale
            delete table inet stale
            table ip junction-nat
            delete table ip junction-nat
            table ip junction-nat {
            \tchain postrouting {
            \t\ttype nat hook postrouting priority 100; policy accept;
            \t\toifname != "br-1" masquerade
            \t}
            }
            table bridge other
            delete table bridge other
            """);
    assertThat(ruleset.changes()).hasSize(3).element(1).isEqualTo(new NftRuleset.ReplaceTable(nat));
    assertThat(ruleset.text()).endsWith("\n");
  }

  @Test
  void anEmptyTableIsStillDefined() {
    NftRuleset ruleset =
        NftRuleset.builder().replaceTable(new NftTable(NftFamily.NETDEV, "t", List.of())).build();
    assertThat(ruleset.text())
        .isEqualTo("table netdev t\ndelete table netdev t\ntable netdev t {\n}\n");
  }

  @Test
  void emptyBuilderIsRefused() {
    assertThatThrownBy(() -> NftRuleset.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one change");
  }

  @Test
  void changesAreACopy() {
    NftRuleset.Builder builder = NftRuleset.builder().deleteTable(NftFamily.IP, "a");
    NftRuleset first = builder.build();
    builder.deleteTable(NftFamily.IP, "b");
    assertThat(first.changes()).hasSize(1);
    assertThat(builder.build().changes()).hasSize(2);
    assertThatThrownBy(() -> first.changes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "junction",
        "Junction-1",
        "j_1-x",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void acceptsIdentifiers(String name) {
    assertThat(new NftTable(NftFamily.IP, name, List.of()).name()).isEqualTo(name);
    assertThat(NftChain.regular(name, List.of()).name()).isEqualTo(name);
    assertThat(NftNames.requireIdentifier("set", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1abc",
        "-abc",
        "_abc",
        "a b",
        "a.b",
        "a;b",
        "a\"b",
        "a{",
        "a}",
        "a#",
        "a$",
        "a@b",
        "a/b",
        "a\nb",
        "a\u0000",
        "é",
        "a2345678901234567890123456789012345678901234567890123456789012345",
      })
  void refusesOtherNames(String name) {
    assertThatThrownBy(() -> new NftTable(NftFamily.IP, name, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid nftables table name");
    assertThatThrownBy(() -> NftChain.regular(name, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid nftables chain name");
    assertThatThrownBy(() -> new NftRuleset.DeleteTable(NftFamily.IP, name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNullParts() {
    assertThatThrownBy(() -> new NftTable(NftFamily.IP, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NftTable(null, "t", List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new NftChain("c", null, List.of()))
        .isInstanceOf(NullPointerException.class);
    List<NftRule> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> NftChain.regular("c", withNull))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> NftRuleset.builder().replaceTable(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> NftRuleset.builder().deleteTable(null, "t"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesDuplicateChainNames() {
    assertThatThrownBy(
            () ->
                new NftTable(
                    NftFamily.INET,
                    "junction",
                    List.of(
                        NftChain.regular("same", List.of()),
                        NftChain.base("other", FORWARD, List.of()),
                        NftChain.base("same", FORWARD, List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nftables table inet junction: chain same appears twice");
  }

  @Test
  void tablesAndChainsCopyTheirLists() {
    List<NftChain> chains = new ArrayList<>(List.of(NftChain.regular("a", List.of())));
    NftTable table = new NftTable(NftFamily.IP, "t", chains);
    chains.add(NftChain.regular("b", List.of()));
    assertThat(table.chains()).hasSize(1);
    assertThat(table.qualifiedName()).isEqualTo("ip t");
  }

  @Test
  void tableStateListsChainsHooksAndComments() {
    NftTableState state = NftTableState.of(table());
    assertThat(state.family()).isEqualTo(NftFamily.INET);
    assertThat(state.name()).isEqualTo("junction");
    assertThat(state.chains())
        .containsExactly(
            new NftTableState.Chain(
                "forward", Optional.of(FORWARD), List.of("", "junction: net 1")),
            new NftTableState.Chain("isolate", Optional.empty(), List.of("")),
            new NftTableState.Chain("empty", Optional.empty(), List.of()));
  }

  @Test
  void baseChainKeywords() {
    NftBaseChain chain = NftBaseChain.fromKeywords("filter", "forward", -100, "drop");
    assertThat(chain.type()).isEqualTo(NftBaseChain.Type.FILTER);
    assertThat(chain.hook()).isEqualTo(NftBaseChain.Hook.FORWARD);
    assertThat(chain.priority()).isEqualTo(-100);
    assertThat(chain.policy()).isEqualTo(NftBaseChain.Policy.DROP);
    assertThat(chain.render()).isEqualTo("type filter hook forward priority -100; policy drop;");
    assertThat(NftBaseChain.fromKeywords("route", "output", 0, "accept").render())
        .isEqualTo("type route hook output priority 0; policy accept;");
    assertThatThrownBy(() -> NftBaseChain.fromKeywords("filter", "sideways", 0, "accept"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown nftables hook \"sideways\"");
    assertThatThrownBy(() -> NftBaseChain.fromKeywords("mangle", "input", 0, "accept"))
        .hasMessage("unknown nftables type \"mangle\"");
    assertThatThrownBy(() -> NftBaseChain.fromKeywords("filter", "input", 0, "reject"))
        .hasMessage("unknown nftables policy \"reject\"");
    assertThatThrownBy(
            () -> new NftBaseChain(null, NftBaseChain.Hook.INPUT, 0, NftBaseChain.Policy.ACCEPT))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void familyKeywords() {
    for (NftFamily family : NftFamily.values()) {
      assertThat(NftFamily.fromKeyword(family.keyword())).isEqualTo(family);
    }
    assertThat(NftFamily.INET.keyword()).isEqualTo("inet");
    assertThat(NftFamily.IP6.keyword()).isEqualTo("ip6");
    assertThatThrownBy(() -> NftFamily.fromKeyword("IP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown nftables family \"IP\"");
  }
}
