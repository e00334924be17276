package dev.junction.kernel.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NftRuleTest {

  @Test
  void templateWithoutHoles() {
    NftRule rule = NftRule.of("ct state established,related accept");
    assertThat(rule.text()).isEqualTo("ct state established,related accept");
    assertThat(rule.comment()).isEmpty();
    assertThat(rule).hasToString("ct state established,related accept");
  }

  static Stream<Arguments> renderedValues() {
    return Stream.of(
        Arguments.of(IpAddress.parse("10.1.2.3"), "10.1.2.3"),
        Arguments.of(IpAddress.parse("FD00::0001"), "fd00::1"),
        Arguments.of(IpAddress.parse("::ffff:1.2.3.4"), "::ffff:1.2.3.4"),
        Arguments.of(IpPrefix.parse("10.1.0.0/16"), "10.1.0.0/16"),
        Arguments.of(IpPrefix.parse("fd00::/64"), "fd00::/64"),
        Arguments.of(MacAddress.parse("02:42:AC:11:00:02"), "02:42:ac:11:00:02"),
        Arguments.of(0, "0"),
        Arguments.of(8080, "8080"),
        Arguments.of(Integer.MAX_VALUE, "2147483647"),
        Arguments.of(0L, "0"),
        Arguments.of(Long.MAX_VALUE, "9223372036854775807"),
        Arguments.of("br-1a2b", "\"br-1a2b\""),
        Arguments.of(
            "with space; and {braces} # and $ @", "\"with space; and {braces} # and $ @\""),
        Arguments.of(List.of(80, 443), "{ 80, 443 }"),
        Arguments.of(List.of(53), "{ 53 }"),
        Arguments.of(List.of("a", "b"), "{ \"a\", \"b\" }"),
        Arguments.of(
            new LinkedHashSet<>(
                List.of(IpPrefix.parse("10.1.0.0/16"), IpAddress.parse("10.9.0.1"), 7L)),
            "{ 10.1.0.0/16, 10.9.0.1, 7 }"));
  }

  @ParameterizedTest
  @MethodSource("renderedValues")
  void rendersEachValueType(Object value, String rendered) {
    assertThat(NftRule.of("x {} y", value).text()).isEqualTo("x " + rendered + " y");
  }

  @Test
  void fillsHolesInOrder() {
    NftRule rule =
        NftRule.of(
            "iifname {} oifname != {} ip saddr {} tcp dport {} masquerade",
            "br-1",
            "br-1",
            IpPrefix.parse("10.1.0.0/16"),
            List.of(80, 443));
    assertThat(rule.text())
        .isEqualTo(
            "iifname \"br-1\" oifname != \"br-1\" ip saddr 10.1.0.0/16 tcp dport { 80, 443 }"
                + " masquerade");
  }

  @Test
  void holesMayTouchEachOtherAndTheEnds() {
    assertThat(NftRule.of("{}{}", 1, 2).text()).isEqualTo("12");
    assertThat(NftRule.of("{} accept", 1).text()).isEqualTo("1 accept");
    assertThat(NftRule.of("  ip daddr {}  ", IpAddress.parse("10.0.0.1")).text())
        .isEqualTo("ip daddr 10.0.0.1");
    assertThat(
            NftRule.of(
                    "ip daddr {} dnat to {}:{}",
                    IpAddress.parse("10.0.0.1"),
                    IpAddress.parse("10.1.0.2"),
                    80)
                .text())
        .isEqualTo("ip daddr 10.0.0.1 dnat to 10.1.0.2:80");
    assertThat(NftRule.of("meta l4proto tcp ip6 daddr [{}] accept", IpFamily.V6.bitLength()).text())
        .isEqualTo("meta l4proto tcp ip6 daddr [128] accept");
  }

  @Test
  void countsHolesAgainstValues() {
    assertThatThrownBy(() -> NftRule.of("ip saddr {} ip daddr {}", IpAddress.parse("10.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 holes but 1 values were given");
    assertThatThrownBy(() -> NftRule.of("accept", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 0 holes but 1 values were given");
    assertThatThrownBy(() -> NftRule.of("ip saddr {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 1 holes but 0 values were given");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "accept; flush ruleset",
        "accept ; drop",
        "accept\nflush ruleset",
        "accept\rflush ruleset",
        "accept\tdrop",
        "iifname \"x\" accept",
        "iifname 'x' accept",
        "accept # comment",
        "accept comment \"x\"",
        "tcp dport { 80 } accept",
        "tcp dport {80} accept",
        "tcp dport { } accept",
        "tcp dport {{}} accept",
        "tcp dport {} } accept",
        "tcp dport { {} accept",
        "tcp dport {}{ accept",
        "ip saddr $trusted accept",
        "ip saddr @allowed accept",
        "Accept",
        "ip saddr 10.0.0.1 ACCEPT",
        "iifname \\x accept",
        "accept | drop",
        "accept & drop",
        "meta mark set (1)",
        "iifname br* accept",
        "accept`",
        "accept\u0000",
        "accépt",
        "accept\u2028drop",
        "",
        "   ",
      })
  void refusesTemplatesThatCouldMeanMore(String template) {
    Object[] values = new Object[template.split("\\{}", -1).length - 1];
    Arrays.fill(values, 1);
    assertThatThrownBy(() -> NftRule.of(template, values))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTemplateOfOnlyAHoleIsFine() {
    // Whitespace-only templates are refused, but a template that is only a hole is its value.
    assertThat(NftRule.of("{}", 1).text()).isEqualTo("1");
    assertThatThrownBy(() -> NftRule.of(null)).isInstanceOf(NullPointerException.class);
  }

  static Stream<Arguments> refusedValues() {
    List<Object> nullInside = new ArrayList<>();
    nullInside.add(null);
    return Stream.of(
        Arguments.of(""),
        Arguments.of("quote\""),
        Arguments.of("back\\slash"),
        Arguments.of("new\nline"),
        Arguments.of("carriage\rreturn"),
        Arguments.of("tab\tbed"),
        Arguments.of("nul\u0000"),
        Arguments.of("escape\u001b[0m"),
        Arguments.of("delete\u007f"),
        Arguments.of("non-ascii é"),
        Arguments.of("line\u2028separator"),
        Arguments.of("next\u0085line"),
        Arguments.of("full-width quote \uff02"),
        Arguments.of("x".repeat(256)),
        Arguments.of(-1),
        Arguments.of(Integer.MIN_VALUE),
        Arguments.of(-1L),
        Arguments.of(Long.MIN_VALUE),
        Arguments.of(List.of()),
        Arguments.of(List.of(List.of(1))),
        Arguments.of(List.of(1, List.of(2))),
        Arguments.of(nullInside),
        Arguments.of(List.of(1, -1)),
        Arguments.of(List.of("ok", "not \"ok\"")),
        Arguments.of((short) 1),
        Arguments.of((byte) 1),
        Arguments.of(1.0),
        Arguments.of(1.0f),
        Arguments.of(true),
        Arguments.of('x'),
        Arguments.of(BigInteger.ONE),
        Arguments.of(Optional.of("x")),
        Arguments.of(Map.of("a", 1)),
        Arguments.of(new Object()),
        Arguments.of(new byte[] {1}),
        Arguments.of((Object) new String[] {"a"}),
        Arguments.of(IpFamily.V4),
        Arguments.of(new StringBuilder("sb")),
        Arguments.of(NftFamily.INET));
  }

  @ParameterizedTest
  @MethodSource("refusedValues")
  void refusesValues(Object value) {
    assertThatThrownBy(() -> NftRule.of("meta mark {}", value))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NftRule.of("meta mark {}", List.of(1, value)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNullValue() {
    assertThatThrownBy(() -> NftRule.of("meta mark {}", (Object) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nftables rule value is null");
  }

  @Test
  void stringsUpTo255CharactersAreFine() {
    String longest = "x".repeat(255);
    assertThat(NftRule.of("iifname {}", longest).text()).isEqualTo("iifname \"" + longest + "\"");
    // Every printable ASCII character but the quote and the backslash is kept as it is.
    StringBuilder printable = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != '"' && c != '\\') {
        printable.append(c);
      }
    }
    assertThat(NftRule.of("iifname {}", printable.toString()).text())
        .isEqualTo("iifname \"" + printable + "\"");
  }

  @Test
  void comments() {
    NftRule rule = NftRule.of("accept").withComment("junction: endpoint 1a2b");
    assertThat(rule.text()).isEqualTo("accept");
    assertThat(rule.comment()).contains("junction: endpoint 1a2b");
    assertThat(rule).hasToString("accept comment \"junction: endpoint 1a2b\"");
    assertThat(rule.render()).isEqualTo("accept comment \"junction: endpoint 1a2b\"");
    assertThat(rule.withComment("other").comment()).contains("other");
    assertThat(NftRule.of("accept").withComment("x".repeat(128)).comment()).isPresent();
    assertThatThrownBy(() -> NftRule.of("accept").withComment("x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 128");
    assertThatThrownBy(() -> NftRule.of("accept").withComment(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NftRule.of("accept").withComment("a\"b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quotes, backslashes");
  }

  @Test
  void refusedValueMessagesDoNotEchoControlCharacters() {
    assertThatThrownBy(() -> NftRule.of("accept").withComment("a\nflush ruleset"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("\n")
        .hasMessageContaining("a?flush ruleset");
  }

  @Test
  void equalityCoversTextAndComment() {
    assertThat(NftRule.of("accept")).isEqualTo(NftRule.of("accept"));
    assertThat(NftRule.of("accept").hashCode()).isEqualTo(NftRule.of("accept").hashCode());
    assertThat(NftRule.of("accept")).isNotEqualTo(NftRule.of("drop"));
    assertThat(NftRule.of("accept").withComment("a")).isNotEqualTo(NftRule.of("accept"));
    assertThat(NftRule.of("accept").withComment("a"))
        .isEqualTo(NftRule.of("accept").withComment("a"));
    assertThat(NftRule.of("accept")).isNotEqualTo("accept");
  }
}
