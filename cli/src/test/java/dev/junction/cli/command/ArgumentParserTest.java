package dev.junction.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.CommandTree;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArgumentParserTest {

  static final Command LEAF =
      Command.named("leaf", "A test command")
          .positionals(Positional.one("NAME", "a name"), new Positional("REST", 0, 2, "more"))
          .options(
              Option.flag("quiet", "-q", "--quiet"),
              Option.flag("all", "-a", "--all"),
              Option.value("FORMAT", "format", "--format"),
              Option.list("KEY=VALUE", "filter", "-f", "--filter"),
              Option.splitList("CIDR", "subnet", "--subnet"),
              Option.optionalBoolean("ipv6", "--ipv6"),
              Option.integer("N", "priority", "--priority"))
          .action((arguments, session) -> 0);

  static final Command EXEC =
      Command.named("exec", "Run")
          .positionals(
              Positional.one("NAME", "a name"),
              new Positional("COMMAND", 1, Positional.UNBOUNDED, "command"))
          .parsing(Command.Parsing.STOP_AT_POSITIONAL)
          .action((arguments, session) -> 0);

  static final Command RAW =
      Command.named("raw", "Pass on").parsing(Command.Parsing.RAW).action((a, s) -> 0);

  static final Command ROOT =
      Command.named("tool", "A tool")
          .options(Option.value("ADDRESS", "host", "-H", "--host"))
          .subcommands(Command.named("group", "A group").aliases("g").subcommands(LEAF, EXEC), RAW);

  private static Arguments parse(String... args) throws UsageException {
    return ArgumentParser.parse(ROOT, args);
  }

  @Test
  void readsOptionsInEveryForm() throws Exception {
    Arguments arguments =
        parse(
            "-H",
            "unix:///x",
            "g",
            "leaf",
            "--format={{.ID}}",
            "-qa",
            "-fname=a",
            "-f",
            "b=c",
            "--filter",
            "d",
            "--subnet",
            "10.1.0.0/24,10.2.0.0/24",
            "--priority",
            "-5",
            "n");

    assertThat(arguments.command()).isSameAs(LEAF);
    assertThat(arguments.valueOf(ROOT, "-H")).isEqualTo("unix:///x");
    assertThat(arguments.value("--format")).isEqualTo("{{.ID}}");
    assertThat(arguments.flag("-q")).isTrue();
    assertThat(arguments.flag("--all")).isTrue();
    assertThat(arguments.values("--filter")).containsExactly("name=a", "b=c", "d");
    assertThat(arguments.values("--subnet")).containsExactly("10.1.0.0/24", "10.2.0.0/24");
    assertThat(arguments.integer("--priority", 0)).isEqualTo(-5);
    assertThat(arguments.positionals()).containsExactly("n");
  }

  @Test
  void theLastValueOfAnOptionCounts() throws Exception {
    assertThat(parse("group", "leaf", "--format", "a", "n", "--format", "b").value("--format"))
        .isEqualTo("b");
  }

  @Test
  void optionalBooleansTakeTrueOrFalseOrNothing() throws Exception {
    assertThat(parse("group", "leaf", "n").optionalBoolean("--ipv6")).isNull();
    assertThat(parse("group", "leaf", "--ipv6", "n").optionalBoolean("--ipv6")).isTrue();
    assertThat(parse("group", "leaf", "--ipv6=false", "n").optionalBoolean("--ipv6")).isFalse();
    assertThat(parse("group", "leaf", "--ipv6", "FALSE", "n").optionalBoolean("--ipv6")).isFalse();
  }

  @Test
  void doubleDashEndsOptions() throws Exception {
    assertThat(parse("group", "leaf", "--", "-q").positionals()).containsExactly("-q");
  }

  @Test
  void afterTheFirstPositionalEverythingIsTheCommandToRun() throws Exception {
    assertThat(parse("group", "exec", "box", "ls", "-l", "--help").positionals())
        .containsExactly("box", "ls", "-l", "--help");
    assertThat(parse("group", "exec", "box", "--", "ls").positionals())
        .containsExactly("box", "--", "ls");
  }

  @Test
  void rawCommandsGetEveryWordAsItIs() throws Exception {
    Arguments arguments = parse("raw", "--data-root", "/x", "-h", "--", "y");

    assertThat(arguments.helpRequested()).isFalse();
    assertThat(arguments.positionals()).containsExactly("--data-root", "/x", "-h", "--", "y");
  }

  @Test
  void helpIsAnOptionOfEveryCommand() throws Exception {
    assertThat(parse("group", "leaf", "--help").helpRequested()).isTrue();
    assertThat(parse("-h").helpRequested()).isTrue();
    assertThat(parse("group").command().name()).isEqualTo("group");
  }

  @Test
  void readingAnOptionTheCommandDoesNotHaveIsAMistakeInTheCode() throws Exception {
    Arguments arguments = parse("group", "leaf", "n");

    assertThatThrownBy(() -> arguments.value("--nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("command leaf has no option --nope");
  }

  static Stream<List<String>> invalid() {
    return Stream.of(
        List.of("group", "leaf"),
        List.of("group", "leaf", "--bogus", "n"),
        List.of("group", "leaf", "-x", "n"),
        List.of("group", "leaf", "-qx", "n"),
        List.of("group", "leaf", "n", "--format"),
        List.of("group", "leaf", "n", "--format", "-q"),
        List.of("group", "leaf", "n", "--priority", "x"),
        List.of("group", "leaf", "n", "--ipv6=maybe"),
        List.of("group", "leaf", "n", "--quiet=yes"),
        List.of("group", "leaf", "a", "b", "c", "d"),
        List.of("group", "nope"),
        List.of("nope"),
        List.of("group", "leaf", "-H", "x", "n"),
        List.of("group", "exec", "box"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesWhatPicocliRefuses(List<String> args) {
    String[] array = args.toArray(String[]::new);

    assertThatThrownBy(() -> parse(array)).isInstanceOf(UsageException.class);
    assertThat(PicocliTree.of(ROOT).error(array)).isNotNull();
  }

  static Stream<List<String>> valid() {
    return Stream.of(
        List.of("group", "leaf", "n"),
        List.of("g", "leaf", "-qaf", "x=y", "n", "m"),
        List.of("group", "leaf", "--ipv6", "false", "n"),
        List.of("group", "leaf", "--subnet=a,b", "n", "--format", "x", "m"),
        List.of("-H", "x", "group", "leaf", "--", "-n"),
        List.of("group", "exec", "box", "sh", "-c", "echo -q"));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void acceptsWhatPicocliAccepts(List<String> args) throws Exception {
    String[] array = args.toArray(String[]::new);

    assertThat(parse(array)).isNotNull();
    assertThat(PicocliTree.of(ROOT).error(array)).isNull();
  }

  @Test
  void usageErrorsNameTheCommandAndWhatIsMissing() {
    assertThatThrownBy(() -> parse("group", "leaf"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Missing required parameter: 'NAME'")
        .satisfies(
            e -> assertThat(((UsageException) e).commandName()).isEqualTo("tool group leaf"));
    assertThatThrownBy(() -> parse("group", "exec"))
        .hasMessage("Missing required parameters: 'NAME', 'COMMAND'");
  }

  @Test
  void theRealTreeAcceptsItsCommonCommandLines() throws Exception {
    String[][] lines = {
      {"network", "ls", "-q", "--no-trunc", "--format", "json", "-f", "driver=bridge"},
      {"network", "create", "-d", "bridge", "--subnet", "10.1.0.0/24", "--ipv6", "front"},
      {"network", "connect", "--ip", "10.1.0.5", "--alias", "a,b", "front", "web"},
      {"sandbox", "exec", "web", "--", "ip", "-br", "addr"},
      {"system", "events", "--since", "10m", "--until", "1s", "--format", "json"},
      {"daemon", "--data-root", "/tmp/x", "-H", "unix:///tmp/x.sock"},
      {"completion", "bash"},
    };
    for (String[] line : lines) {
      assertThat(ArgumentParser.parse(CommandTree.ROOT, line).command().action()).isNotNull();
      assertThat(PicocliTree.of(CommandTree.ROOT).error(line)).as(String.join(" ", line)).isNull();
    }
  }
}
