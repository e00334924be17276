package dev.junction.cli.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli;
import dev.junction.cli.Cli.Result;
import dev.junction.cli.TestDaemon;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemCommandsTest {

  static final String EVENT =
      "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"3c1f\",\"Attributes\":"
          + "{\"type\":\"bridge\",\"name\":\"net1\",\"container\":\"9f8e\"}},\"scope\":\"local\","
          + "\"time\":1795835436,\"timeNano\":1795835436227573610}";

  @TempDir Path directory;

  @Test
  void eventsPrintDockersLinesSkippingKeepAlives() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory, r -> TestDaemon.chunked(200, EVENT + "\n", "\n", "\n", EVENT + "\n"))) {
      Result result =
          Cli.run(
              daemon,
              "system",
              "events",
              "--since",
              "10m",
              "--until",
              "2026-01-02T03:04:06Z",
              "-f",
              "type=network");

      String line =
          "2026-11-28T03:10:36.227573610Z network connect 3c1f (container=9f8e, name=net1, type=bridge)\n";
      assertThat(result.out()).isEqualTo(line + line);
      TestDaemon.Request request = daemon.lastRequest();
      assertThat(request.query("since"))
          .isEqualTo(String.valueOf(Cli.NOW.minusSeconds(600).getEpochSecond()));
      assertThat(request.query("until")).isEqualTo("1767323046.000000000");
      assertThat(request.query("filters")).isEqualTo("{\"type\":{\"network\":true}}");
    }
  }

  @Test
  void eventsInJsonSortTheAttributes() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(directory, r -> TestDaemon.chunked(200, EVENT + "\n"))) {
      Result result = Cli.run(daemon, "system", "events", "--format", "json");

      assertThat(result.out())
          .isEqualTo(
              "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"3c1f\",\"Attributes\":"
                  + "{\"container\":\"9f8e\",\"name\":\"net1\",\"type\":\"bridge\"}},\"scope\":\"local\","
                  + "\"time\":1795835436,\"timeNano\":1795835436227573610}\n");
    }
  }

  @Test
  void eventsRefuseBadFormatsAndTimesBeforeConnecting() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.chunked(200))) {
      Result format = Cli.run(daemon, "system", "events", "--format", "{{.Nope}}");
      Result time = Cli.run(daemon, "system", "events", "--since", "yesterday");

      assertThat(format.status()).isEqualTo(64);
      assertThat(format.err())
          .startsWith("Error parsing format: template: :1:2: executing \"\" at <.Nope>");
      assertThat(time.status()).isEqualTo(1);
      assertThat(time.err())
          .isEqualTo("failed to parse value as time or duration: \"yesterday\"\n");
      assertThat(daemon.requests()).isEmpty();
    }
  }

  @Test
  void checkPrintsEachDifferenceAndExitsOneWhenThereIsAny() throws Exception {
    String dirty =
        "{\"Clean\":false,\"Differences\":[{\"Object\":\"network front\","
            + "\"Problem\":\"its bridge br-1 is missing\"},{\"Object\":\"link x\","
            + "\"Problem\":\"is in Junction's link group, but no network or endpoint has it\"}]}";
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, dirty))) {
      Result result = Cli.run(daemon, "system", "check");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out())
          .isEqualTo(
              "network front: its bridge br-1 is missing\n"
                  + "link x: is in Junction's link group, but no network or endpoint has it\n");
      assertThat(daemon.lastRequest().target()).isEqualTo("/v1.50/system/check");
    }
  }

  @Test
  void checkSaysWhenStoreAndKernelAgree() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory, r -> TestDaemon.json(200, "{\"Clean\":true,\"Differences\":[]}"))) {
      Result result = Cli.run(daemon, "system", "check");

      assertThat(result.status()).isZero();
      assertThat(result.out()).isEqualTo("store and kernel agree\n");
    }
  }

  @Test
  void infoIsLaidOutAsDockerInfo() throws Exception {
    String info =
        "{\"ID\":\"abc\",\"ServerVersion\":\"0.1.0\",\"Networks\":3,\"Sandboxes\":1,"
            + "\"Plugins\":{\"Network\":[\"bridge\",\"host\",\"null\"]},\"Swarm\":{\"LocalNodeState\":"
            + "\"inactive\"},\"KernelVersion\":\"6.1\",\"OperatingSystem\":\"Debian\",\"OSType\":\"linux\","
            + "\"Architecture\":\"x86_64\",\"NCPU\":2,\"MemTotal\":25275195392,\"Name\":\"vm\","
            + "\"DockerRootDir\":\"/var/lib/junction\",\"ExecRoot\":\"/run/junction\","
            + "\"ExperimentalBuild\":false}";
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, info))) {
      Result result = Cli.run(daemon, "system", "info");

      assertThat(result.out())
          .endsWith(
              """
              Server:
               Server Version: 0.1.0
               Networks: 3
               Sandboxes: 1
               Plugins:
                Network: bridge host null
               Swarm: inactive
               Kernel Version: 6.1
               Operating System: Debian
               OSType: linux
               Architecture: x86_64
               CPUs: 2
               Total Memory: 23.54GiB
               Name: vm
               ID: abc
               Data Root Dir: /var/lib/junction
               Exec Root Dir: /run/junction
               Experimental: false

              """)
          .contains(" Host:       " + daemon.host() + "\n");
      assertThat(Cli.run(daemon, "system", "info", "-f", "{{.NCPU}} {{json .Plugins}}").out())
          .isEqualTo("2 {\"Network\":[\"bridge\",\"host\",\"null\"]}\n");
    }
  }

  @Test
  void versionHasClientAndServerSections() throws Exception {
    String version =
        "{\"Platform\":{\"Name\":\"Junction 0.1.0\"},\"Components\":[{\"Name\":\"Engine\","
            + "\"Version\":\"0.1.0\",\"Details\":{\"ApiVersion\":\"1.50\",\"MinAPIVersion\":\"1.40\","
            + "\"Os\":\"linux\",\"Arch\":\"amd64\",\"KernelVersion\":\"6.1\",\"JavaVersion\":\"25\"}}]}";
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, version))) {
      Result result = Cli.run(daemon, "system", "version");

      assertThat(result.out())
          .startsWith("Client:\n Version:           ")
          .contains(" API version:       1.50\n")
          .endsWith(
              """

              Server: Junction 0.1.0
               Engine:
                Version:          0.1.0
                API version:      1.50 (minimum version 1.40)
                Java version:     25
                OS/Arch:          linux/amd64
                Kernel version:   6.1
              """);
    }
  }

  @Test
  void versionShowsTheClientEvenWhenTheDaemonIsDown() {
    Result result =
        Cli.run("", "-H", "unix://" + directory.resolve("none.sock"), "system", "version");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("Client:\n")
        .endsWith(" Host:              unix://" + directory.resolve("none.sock") + "\n");
    assertThat(result.err())
        .isEqualTo(
            "junction: cannot connect to the Junction daemon at unix://"
                + directory.resolve("none.sock")
                + ": is it running?\n");
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    Result result = Cli.run("", "completion", "bash");

    assertThat(result.status()).isZero();
    assertThat(result.out())
        .contains("complete -F _complete_junction")
        .contains("network", "sandbox", "inspect", "--no-trunc", "--subnet", "exec");
    assertThat(Cli.run("", "completion", "fish").err())
        .isEqualTo("junction: no completion for shell \"fish\": bash and zsh are supported\n");
  }

  @Test
  void daemonStartsTheDaemonsMainClassWithTheFlagsAsGiven() {
    List<String> line = DaemonCommand.commandLine(List.of("--data-root", "/x", "-H", "unix:///s"));

    assertThat(line.get(0)).endsWith("/bin/java");
    assertThat(line).contains("--enable-native-access=ALL-UNNAMED", "-cp");
    assertThat(line.subList(line.indexOf("dev.junction.daemon.DaemonMain"), line.size()))
        .containsExactly("dev.junction.daemon.DaemonMain", "--data-root", "/x", "-H", "unix:///s");
  }
}
