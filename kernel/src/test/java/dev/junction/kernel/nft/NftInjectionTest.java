package dev.junction.kernel.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.ip.IpPrefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values and comments that try to end their string and start another nft command. Each must be
 * refused, or land inside its quotes so that the ruleset keeps the shape it has with a harmless
 * value: the same text outside quotes, the same three top-level commands, balanced braces.
 *
 * <p>The scanner below reads text the way nft's does where it matters here: a quoted string runs
 * from one {@code "} to the next with no escapes (nft's {@code \"[^"]*\"}), and outside quotes a
 * newline or {@code ;} ends a command, {@code #} starts a comment, braces nest.
 */
class NftInjectionTest {

  static final List<String> HOSTILE =
      List.of(
          "x\"; flush ruleset; \"",
          "x\" ; flush ruleset ; \"",
          "a\nflush ruleset",
          "a\r\nflush ruleset",
          "a\rflush ruleset",
          "\"",
          "\"\"",
          "\\",
          "\\\"",
          "x\\",
          "} ; delete table ip filter ; {",
          "}\ndelete table ip filter\n{",
          "\"} ; delete table ip filter ; table ip x {\"",
          "; flush ruleset",
          "flush ruleset",
          "# everything after this is a comment",
          "x\" # ",
          "$evil",
          "@evil",
          "{ 1, 2 }",
          "include \"/etc/passwd\"",
          "include /etc/passwd",
          "define x = 1",
          "x\u0000; flush ruleset",
          "x\u2028flush ruleset",
          "x\u0085flush ruleset",
          "x\u000bflush ruleset",
          "x\u000cflush ruleset",
          "x\u001b[2J",
          "x\u007f",
          "x\uff02; flush ruleset; \uff02",
          "x\u201c; flush ruleset",
          "\\x22; flush ruleset",
          "\\042",
          "'; flush ruleset; '",
          "`flush ruleset`",
          "*",
          "br-*",
          "x".repeat(300),
          "x".repeat(255) + "\"; flush ruleset",
          "é",
          "\ud83d\ude00",
          "",
          " ",
          "normal-name");

  static Stream<String> hostile() {
    return HOSTILE.stream();
  }

  /** What nft can read between quotes where the string goes. */
  record Limit(int maxLength, boolean emptyAllowed) {
    /** A string value of a rule: nft refuses an empty one. */
    static final Limit VALUE = new Limit(255, false);

    /** A comment, which may be empty. */
    static final Limit COMMENT = new Limit(128, true);

    /** Whether nft could read {@code value} between quotes without it ending early. */
    boolean allows(String value) {
      return (emptyAllowed || !value.isEmpty())
          && value.length() <= maxLength
          && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\');
    }
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void asAStringValue(String value) {
    check("value " + printable(value), value, Limit.VALUE, v -> NftRule.of("iifname {} accept", v));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void asAComment(String value) {
    check(
        "comment " + printable(value),
        value,
        Limit.COMMENT,
        v -> NftRule.of("accept").withComment(v));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void insideASet(String value) {
    check(
        "set element " + printable(value),
        value,
        Limit.VALUE,
        v -> NftRule.of("iifname {} accept", List.of("ok", v)));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void asAValueAndACommentAtOnce(String value) {
    check(
        "value and comment " + printable(value),
        value,
        new Limit(Limit.COMMENT.maxLength(), false),
        v -> NftRule.of("iifname {} oifname {} accept", v, v).withComment(v));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void asATemplate(String value) {
    // Templates are code, not input; still, nothing that could end a command or open a block
    // gets through, and a plain template stays one rule on one line.
    for (String template : List.of(value, "accept " + value, value + " {}")) {
      String context = "template " + printable(template);
      Object[] values = new Object[template.split("\\{}", -1).length - 1];
      Arrays.fill(values, 1);
      boolean plain =
          template.replace("{}", "").matches("[a-z0-9 _.:/,!=<>\\[\\]-]*") && !template.isBlank();
      if (plain) {
        Scan scan = Scan.of(ruleset(NftRule.of(template, values)).text());
        assertThat(scan.topLevelCommands).as(context).hasSize(3);
        assertThat(scan.linesAtDepth(2)).as(context).hasSize(4);
      } else {
        assertThatThrownBy(() -> NftRule.of(template, values))
            .as(context)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void asANameOfATableChainOrDeletedTable(String value) {
    if (value.equals("normal-name")) {
      return;
    }
    assertThatThrownBy(() -> new NftTable(NftFamily.INET, value, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NftChain.regular(value, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NftRuleset.builder().deleteTable(NftFamily.INET, value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Random strings over the characters that matter to nft's scanner. */
  @Test
  void randomStrings() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String alphabet =
        "\"\\;#{}$@\n\r\t '`*-_.:/,!=<>[]()|&%^~?abcxyzXYZ019\u0000\u007f\u00e9\u2028";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(random.nextBoolean() ? 8 : 140);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = text.toString();
      String context = "seed " + seed + ", " + printable(value);
      check(context, value, Limit.VALUE, v -> NftRule.of("iifname {} accept", v));
      check(context, value, Limit.COMMENT, v -> NftRule.of("accept").withComment(v));
    }
  }

  /**
   * Builds a rule from {@code value}: it must be refused unless nft can read it between quotes; if
   * accepted, the ruleset must have the shape it has with a harmless value, and hold {@code value}
   * whole as one of its quoted strings.
   */
  private static void check(
      String context, String value, Limit limit, Function<String, NftRule> factory) {
    if (!limit.allows(value)) {
      assertThatThrownBy(() -> factory.apply(value))
          .as(context)
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    String text = ruleset(factory.apply(value)).text();
    Scan scan = Scan.of(text);
    Scan baseline = Scan.of(ruleset(factory.apply("x")).text());
    String where = context + " in\n" + text;
    assertThat(scan.balanced).as(where).isTrue();
    assertThat(scan.skeleton).as(where).isEqualTo(baseline.skeleton);
    assertThat(scan.topLevelCommands).as(where).hasSize(3);
    assertThat(scan.topLevelCommands.get(0)).as(where).isEqualTo("table inet junction");
    assertThat(scan.topLevelCommands.get(1)).as(where).isEqualTo("delete table inet junction");
    assertThat(scan.topLevelCommands.get(2))
        .as(where)
        .startsWith("table inet junction {")
        .endsWith("}");
    assertThat(scan.quoted).as(where).contains(value);
    assertThat(scan.quoted.size()).as(where).isEqualTo(baseline.quoted.size());
    // The base chain's line and three rules, each on a line of its own.
    assertThat(scan.linesAtDepth(2)).as(where).hasSize(4);
  }

  private static NftRuleset ruleset(NftRule rule) {
    NftBaseChain hook =
        new NftBaseChain(
            NftBaseChain.Type.FILTER, NftBaseChain.Hook.FORWARD, 0, NftBaseChain.Policy.ACCEPT);
    NftTable table =
        new NftTable(
            NftFamily.INET,
            "junction",
            List.of(
                NftChain.base(
                    "forward",
                    hook,
                    List.of(
                        NftRule.of("ct state established,related accept"),
                        rule,
                        NftRule.of("ip saddr {} drop", IpPrefix.parse("10.9.0.0/16")))),
                NftChain.regular("empty", List.of())));
    return NftRuleset.builder().replaceTable(table).build();
  }

  static String printable(String value) {
    StringBuilder text = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.append('"').toString();
  }

  /** The parts of nft input that decide which commands it holds. */
  record Scan(
      String skeleton,
      List<String> quoted,
      List<String> topLevelCommands,
      List<List<String>> lines,
      boolean balanced) {

    List<String> linesAtDepth(int depth) {
      return lines.get(depth);
    }

    static Scan of(String text) {
      StringBuilder skeleton = new StringBuilder();
      List<String> quoted = new ArrayList<>();
      List<String> commands = new ArrayList<>();
      List<List<String>> lines = new ArrayList<>();
      for (int d = 0; d < 8; d++) {
        lines.add(new ArrayList<>());
      }
      StringBuilder command = new StringBuilder();
      StringBuilder line = new StringBuilder();
      int lineDepth = 0;
      int depth = 0;
      boolean balanced = true;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '"') {
          int end = text.indexOf('"', i + 1);
          if (end < 0) {
            balanced = false;
            break;
          }
          quoted.add(text.substring(i + 1, end));
          skeleton.append("\"\"");
          command.append(text, i, end + 1);
          line.append("\"\"");
          i = end + 1;
          continue;
        }
        if (c == '#') {
          // A comment runs to the end of the line: nft would not see what follows.
          balanced = false;
        }
        skeleton.append(c);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
          if (depth < 0) {
            balanced = false;
            depth = 0;
          }
        }
        if (c == '\n') {
          if (!line.toString().isBlank() && !line.toString().strip().equals("}")) {
            lines.get(Math.min(lineDepth, 7)).add(line.toString().strip());
          }
          line.setLength(0);
          lineDepth = depth;
        } else {
          line.append(c);
        }
        if ((c == '\n' || c == ';') && depth == 0) {
          if (!command.toString().isBlank()) {
            commands.add(command.toString().strip());
          }
          command.setLength(0);
        } else {
          command.append(c);
        }
        i++;
      }
      if (!command.toString().isBlank()) {
        commands.add(command.toString().strip());
      }
      return new Scan(
          skeleton.toString(), List.copyOf(quoted), commands, lines, balanced && depth == 0);
    }
  }

  @Test
  void theScannerSeesAnInjectionWhenThereIsOne() {
    // A check that cannot fail proves nothing: feed the scanner text a naive renderer would make.
    String naive =
        "table inet junction\ndelete table inet junction\ntable inet junction {\n"
            + "\tchain forward {\n\t\tiifname \"x\"; flush ruleset; \"\" accept\n\t}\n}\n";
    String honest =
        "table inet junction\ndelete table inet junction\ntable inet junction {\n"
            + "\tchain forward {\n\t\tiifname \"x\" accept\n\t}\n}\n";
    assertThat(Scan.of(naive).skeleton).isNotEqualTo(Scan.of(honest).skeleton);
    String broken =
        honest.replace(
            "\"x\" accept",
            "\"x\" } } ; delete table ip filter ; table inet junction { chain forward {");
    assertThat(Scan.of(broken).topLevelCommands).hasSizeGreaterThan(3);
    assertThat(Scan.of("table x { # }\n}").balanced).isFalse();
    assertThat(Scan.of("table x { \"a }").balanced).isFalse();
    assertThat(Scan.of(honest).topLevelCommands).hasSize(3);
    assertThat(Scan.of(honest).linesAtDepth(2)).containsExactly("iifname \"\" accept");
    assertThat(Scan.of(honest).quoted).containsExactly("x");
  }

  @Test
  void rulesetTextHasNoCommandsBeyondTheTables() {
    NftTable table =
        new NftTable(
            NftFamily.IP,
            "nat",
            List.of(
                NftChain.regular(
                    "c",
                    List.of(
                        NftRule.of("iifname {} accept", "x; flush ruleset")
                            .withComment("} delete table ip nat {")))));
    NftRuleset ruleset =
        NftRuleset.builder().replaceTable(table).deleteTable(NftFamily.IP6, "old").build();
    Scan scan = Scan.of(ruleset.text());
    assertThat(scan.balanced).isTrue();
    assertThat(scan.topLevelCommands)
        .containsExactly(
            "table ip nat",
            "delete table ip nat",
            scan.topLevelCommands.get(2),
            "table ip6 old",
            "delete table ip6 old");
    assertThat(scan.quoted).containsExactly("x; flush ruleset", "} delete table ip nat {");
    assertThat(scan.topLevelCommands.get(2)).startsWith("table ip nat {").endsWith("}");
  }
}
