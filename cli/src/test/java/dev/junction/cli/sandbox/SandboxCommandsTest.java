package dev.junction.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.Cli;
import dev.junction.cli.Cli.Result;
import dev.junction.cli.TestDaemon;
import dev.junction.cli.json.JsonValue;
import dev.junction.cli.session.CliException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandsTest {

  static final String WEB =
      """
      {"Id":"9f8e7d6c5b4a3928170","Name":"web","Created":"2026-01-02T03:04:05Z",\
      "Hostname":"web1","NetnsPath":"/run/netns/web","HostsPath":"/var/lib/junction/s/hosts",\
      "ResolvConfPath":"/var/lib/junction/s/resolv.conf","NetworkSettings":{"Networks":{\
      "front":{"IPAddress":"10.1.0.5"},"back":{"IPAddress":"10.2.0.2"}}}}""";

  static final String EMPTY =
      """
      {"Id":"0123456789abcdef","Name":"empty","Created":"2026-01-02T03:04:05Z",\
      "Hostname":"0123456789ab","NetnsPath":"/proc/42/ns/net","NetworkSettings":{"Networks":{}}}""";

  @TempDir Path directory;

  @Test
  void createSendsTheSandboxAndItsNetworks() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(directory, r -> TestDaemon.json(201, "{\"Id\":\"9f8e\"}"))) {
      Result result =
          Cli.run(
              daemon,
              "sandbox",
              "create",
              "--hostname",
              "web1",
              "--dns",
              "10.1.0.53",
              "--dns-search",
              "example.org",
              "--dns-option",
              "ndots:2",
              "--add-host",
              "db:10.1.0.9",
              "--netns",
              "/run/netns/x",
              "--network",
              "front,ip=10.1.0.5,alias=www,alias=w",
              "--network",
              "name=back,ip6=fd00::5,gw-priority=2",
              "web");

      assertThat(result.out()).isEqualTo("9f8e\n");
      assertThat(daemon.lastRequest().target()).isEqualTo("/v1.50/sandboxes/create");
      assertThat(daemon.lastRequest().body())
          .isEqualTo(
              "{\"Name\":\"web\",\"Hostname\":\"web1\",\"Dns\":[\"10.1.0.53\"],"
                  + "\"DnsSearch\":[\"example.org\"],\"DnsOptions\":[\"ndots:2\"],"
                  + "\"ExtraHosts\":[\"db:10.1.0.9\"],\"NetnsPath\":\"/run/netns/x\","
                  + "\"NetworkingConfig\":{\"EndpointsConfig\":{"
                  + "\"front\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.5\"},\"Aliases\":[\"www\",\"w\"]},"
                  + "\"back\":{\"IPAMConfig\":{\"IPv6Address\":\"fd00::5\"},\"GwPriority\":2}}}}");
    }
  }

  @Test
  void createTakesAProcessesNamespace() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(directory, r -> TestDaemon.json(201, "{\"Id\":\"x\"}"))) {
      Cli.run(daemon, "sandbox", "create", "--pid", "42", "box");

      assertThat(daemon.lastRequest().body()).isEqualTo("{\"Name\":\"box\",\"Pid\":42}");
    }
  }

  @Test
  void createRefusesContradictionsBeforeAskingTheDaemon() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(201, "{}"))) {
      Result both = Cli.run(daemon, "sandbox", "create", "--pid", "42", "--netns", "/x", "box");
      Result badNetwork =
          Cli.run(daemon, "sandbox", "create", "--network", "front,colour=red", "box");

      assertThat(both.status()).isEqualTo(2);
      assertThat(both.err()).isEqualTo("junction: give --netns or --pid, not both\n");
      assertThat(badNetwork.status()).isEqualTo(2);
      assertThat(badNetwork.err())
          .startsWith("junction: invalid --network \"front,colour=red\": unknown key \"colour\"");
      assertThat(daemon.requests()).isEmpty();
    }
  }

  @Test
  void listShowsNetworksAndNamespaces() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(directory, r -> TestDaemon.json(200, "[" + WEB + "," + EMPTY + "]"))) {
      assertThat(Cli.run(daemon, "sandbox", "ls").out())
          .isEqualTo(
              """
              SANDBOX ID     NAME      NETWORKS     NAMESPACE
              0123456789ab   empty                  /proc/42/ns/net
              9f8e7d6c5b4a   web       back,front   /run/netns/web
              """);
      assertThat(Cli.run(daemon, "sandbox", "ls", "-q", "-f", "network=front").out())
          .isEqualTo("0123456789ab\n9f8e7d6c5b4a\n");
      assertThat(daemon.lastRequest().query("filters")).isEqualTo("{\"network\":{\"front\":true}}");
      assertThat(Cli.run(daemon, "sandbox", "ls", "--format", "{{.Name}} {{.IPAddresses}}").out())
          .isEqualTo("empty \nweb 10.2.0.2,10.1.0.5\n");
    }
  }

  @Test
  void inspectTakesTemplatesOverTheSandboxesMaps() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, WEB))) {
      Result result =
          Cli.run(
              daemon,
              "sandbox",
              "inspect",
              "-f",
              "{{range $n, $e := .NetworkSettings.Networks}}{{$n}} {{end}}",
              "web");

      assertThat(result.out()).isEqualTo("back front \n");
    }
  }

  @Test
  void execRunsTheCommandInTheSandboxsNamespacesWithItsFiles() throws Exception {
    SandboxExec exec = SandboxExec.of(JsonValue.parse(WEB), List.of("--", "ip", "-br", "addr"));

    assertThat(exec.commandLine())
        .containsExactly(
            "nsenter",
            "--net=/run/netns/web",
            "--",
            "unshare",
            "--mount",
            "--uts",
            "--propagation",
            "private",
            "--",
            "/bin/sh",
            "-c",
            SandboxExec.SCRIPT,
            "junction-exec",
            "/var/lib/junction/s/hosts",
            "/var/lib/junction/s/resolv.conf",
            "web1",
            "ip",
            "-br",
            "addr");
    // Values reach the script as arguments only, never as script text.
    assertThat(SandboxExec.SCRIPT).doesNotContain("web1").contains("\"$1\" /etc/hosts");
  }

  @Test
  void execNeedsACommandAndANamespace() throws Exception {
    assertThatThrownBy(() -> SandboxExec.of(JsonValue.parse(WEB), List.of("--")))
        .isInstanceOf(CliException.class)
        .hasMessage("junction: sandbox exec: no command given");
    assertThatThrownBy(() -> SandboxExec.of(JsonValue.parse("{\"Name\":\"x\"}"), List.of("true")))
        .hasMessage("junction: sandbox \"x\" has no network namespace path");
  }
}
