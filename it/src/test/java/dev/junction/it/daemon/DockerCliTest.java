package dev.junction.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.observe.Command;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real docker CLI against the daemon, a separate process in a namespace of the test's own: the
 * outputs and errors a user sees, and the kernel state it leads to, checked with iproute2 and ping.
 */
@ExtendWith(RootNamespaceGuard.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerCliTest {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}\n");

  private DaemonProcess daemon;

  @BeforeAll
  void start() throws IOException {
    daemon = DaemonProcess.start();
  }

  @AfterAll
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private Command.Result docker(String... arguments) {
    return daemon.docker(arguments);
  }

  private String ok(String... arguments) {
    Command.Result result = docker(arguments);
    assertThat(result.exitCode())
        .as("docker %s: %s", String.join(" ", arguments), result.error())
        .isZero();
    return result.output();
  }

  private void fails(String expectedError, String... arguments) {
    Command.Result result = docker(arguments);
    assertThat(result.exitCode()).as("docker %s", String.join(" ", arguments)).isNotZero();
    assertThat(result.error()).startsWith(expectedError + "\n");
  }

  private String createSandbox(String name) {
    Command.Result result =
        Command.run(daemon.curl("POST", "/sandboxes/create", "{\"Name\":\"" + name + "\"}"));
    assertThat(result.output()).as(result.error()).contains("\"Id\"");
    return result.output();
  }

  private void deleteSandbox(String name) {
    assertThat(Command.run(daemon.curl("DELETE", "/sandboxes/" + name, null)).output()).isEmpty();
  }

  private boolean ping(String sandbox, String address) {
    return Command.runIn(daemon.sandboxNs(sandbox), "ping", "-c1", "-W1", address).ok();
  }

  private String address(String network, String sandbox) {
    return ok(
            "network",
            "inspect",
            network,
            "--format",
            "{{range .Containers}}{{if eq .Name \""
                + sandbox
                + "\"}}{{.IPv4Address}}{{end}}{{end}}")
        .strip()
        .replaceAll("/.*", "");
  }

  @Test
  void networkCommandsAnswerAsDockerDoes() {
    String id =
        ok(
            "network",
            "create",
            "--subnet",
            "10.1.0.0/16",
            "--gateway",
            "10.1.0.1",
            "--ip-range",
            "10.1.1.0/24",
            "--aux-address",
            "host1=10.1.0.2",
            "--ipv6",
            "--subnet",
            "fd00:1::/64",
            "--internal",
            "--attachable",
            "--label",
            "a=b",
            "-o",
            "com.docker.network.bridge.name=br-e2e",
            "-o",
            "com.docker.network.driver.mtu=1400",
            "net1");
    assertThat(id).matches(ID);
    String shortId = id.substring(0, 12);
    try {
      assertThat(
              ok(
                  "network",
                  "ls",
                  "--format",
                  "{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.IPv6}}"))
          .isEqualTo(
              "bridge bridge local false false\n"
                  + "host host local false false\n"
                  + "net1 bridge local true true\n"
                  + "none null local false false\n");
      assertThat(ok("network", "ls", "-q", "--filter", "label=a=b")).isEqualTo(shortId + "\n");
      assertThat(ok("network", "ls", "--filter", "name=net1"))
          .isEqualTo(
              "NETWORK ID     NAME      DRIVER    SCOPE\n"
                  + shortId
                  + "   net1      bridge    local\n");
      assertThat(ok("network", "ls", "--filter", "type=builtin", "--format", "{{.Name}}"))
          .isEqualTo("bridge\nhost\nnone\n");
      assertThat(
              ok(
                  "network",
                  "inspect",
                  "net1",
                  "--format",
                  "{{.Id}} {{.Driver}} {{.EnableIPv6}} {{.Internal}} {{.Attachable}}"
                      + " {{range .IPAM.Config}}{{.Subnet}},{{.Gateway}};{{end}}"
                      + " {{(index .IPAM.Config 0).IPRange}}"
                      + " {{index .Options \"com.docker.network.bridge.name\"}} {{.Labels.a}}"
                      + " {{len .Containers}}"))
          .isEqualTo(
              id.strip()
                  + " bridge true true true 10.1.0.0/16,10.1.0.1;fd00:1::/64,fd00:1::1; 10.1.1.0/24"
                  + " br-e2e b 0\n");
      assertThat(ok("network", "inspect", shortId, "--format", "{{json .IPAM.Config}}"))
          .contains("\"AuxiliaryAddresses\":{\"host1\":\"10.1.0.2\"}");
      String link = Command.check(daemon.hostNs(), "ip", "-o", "link", "show", "br-e2e");
      assertThat(link).contains("mtu 1400");

      fails(
          "Error response from daemon: network with name net1 already exists",
          "network",
          "create",
          "net1");
      fails(
          "Error response from daemon: network \"clash\": subnet 10.1.5.0/24 overlaps network"
              + " \"net1\" (10.1.0.0/16)",
          "network",
          "create",
          "--subnet",
          "10.1.5.0/24",
          "clash");
      fails(
          "Error response from daemon: network \"bad\": invalid subnet \"10.0.0.0/33\": invalid"
              + " CIDR \"10.0.0.0/33\": prefix length 33 exceeds 32",
          "network",
          "create",
          "--subnet",
          "10.0.0.0/33",
          "bad");
      fails(
          "Error response from daemon: invalid network name \"a/b\": use 1 to 128 letters,"
              + " digits, '_', '.' or '-', starting with a letter or digit",
          "network",
          "create",
          "a/b");
      fails(
          "Error response from daemon: network driver \"weave\" not found",
          "network",
          "create",
          "-d",
          "weave",
          "w");
      assertThat(
              docker("network", "create", "--subnet", "10.2.0.0/24", "--gateway", "10.3.0.1", "g")
                  .exitCode())
          .isNotZero();
      fails("Error response from daemon: network nope not found", "network", "inspect", "nope");
      fails("Error response from daemon: network nope not found", "network", "rm", "nope");
      fails(
          "Error response from daemon: bridge is a pre-defined network and cannot be removed",
          "network",
          "rm",
          "bridge");
    } finally {
      assertThat(ok("network", "rm", "net1")).isEqualTo("net1\n");
    }
    assertThat(Command.runIn(daemon.hostNs(), "ip", "link", "show", "br-e2e").ok()).isFalse();
    assertThat(ok("network", "ls", "--format", "{{.Name}}")).isEqualTo("bridge\nhost\nnone\n");
  }

  @Test
  void connectedSandboxesReachEachOtherOnlyWithinANetwork() {
    ok("network", "create", "--subnet", "10.20.0.0/24", "front");
    ok("network", "create", "back");
    for (String name : List.of("a", "b", "c")) {
      createSandbox(name);
    }
    try {
      ok("network", "connect", "--ip", "10.20.0.10", "--alias", "www", "front", "a");
      ok("network", "connect", "front", "b");
      ok("network", "connect", "back", "c");
      assertThat(address("front", "a")).isEqualTo("10.20.0.10");
      String b = address("front", "b");
      String c = address("back", "c");
      assertThat(b).startsWith("10.20.0.");
      String members =
          ok(
              "network",
              "inspect",
              "front",
              "--format",
              "{{range .Containers}}{{.Name}} {{.IPv4Address}};{{end}}");
      assertThat(Arrays.stream(members.strip().split(";")).sorted().toList())
          .containsExactly("a 10.20.0.10/24", "b " + b + "/24");

      assertThat(ping("a", b)).isTrue();
      assertThat(ping("b", "10.20.0.10")).isTrue();
      assertThat(ping("a", c)).isFalse();
      assertThat(ping("c", "10.20.0.10")).isFalse();

      fails(
          "Error response from daemon: sandbox nobody not found",
          "network",
          "connect",
          "front",
          "nobody");
      fails(
          "Error response from daemon: network nowhere not found",
          "network",
          "connect",
          "nowhere",
          "a");
      Command.Result inUse = docker("network", "rm", "front");
      assertThat(inUse.exitCode()).isNotZero();
      assertThat(inUse.error())
          .startsWith(
              "Error response from daemon: network \"front\" has active endpoints: a, b;"
                  + " disconnect them first\n");

      ok("network", "disconnect", "front", "b");
      assertThat(ping("a", b)).isFalse();
      ok("network", "disconnect", "--force", "back", "c");
      assertThat(ok("network", "inspect", "back", "--format", "{{len .Containers}}"))
          .isEqualTo("0\n");
    } finally {
      for (String name : List.of("a", "b", "c")) {
        deleteSandbox(name);
      }
      ok("network", "rm", "front", "back");
    }
  }

  @Test
  void pruneRemovesUnusedNetworksThatPassTheFilters() {
    ok("network", "create", "--label", "keep", "p1");
    ok("network", "create", "p2");
    ok("network", "create", "p3");
    createSandbox("user");
    try {
      ok("network", "connect", "p3", "user");
      assertThat(ok("network", "prune", "-f", "--filter", "label!=keep"))
          .isEqualTo("Deleted Networks:\np2\n\n");
      assertThat(ok("network", "ls", "--format", "{{.Name}}"))
          .isEqualTo("bridge\nhost\nnone\np1\np3\n");
    } finally {
      deleteSandbox("user");
      ok("network", "rm", "p1", "p3");
    }
  }

  @Test
  void aRestartKeepsNetworksSandboxesAndTraffic() throws IOException {
    ok("network", "create", "--subnet", "10.30.0.0/24", "kept");
    createSandbox("x");
    createSandbox("y");
    try {
      ok("network", "connect", "kept", "x");
      ok("network", "connect", "kept", "y");
      String y = address("kept", "y");
      assertThat(daemon.stop()).as("stopped by SIGTERM in time").isTrue();
      assertThat(daemon.log()).contains("info stopped");
      assertThat(ping("x", y)).as("traffic while the daemon is down").isTrue();
      daemon.restart();
      assertThat(address("kept", "y")).isEqualTo(y);
      assertThat(ping("x", y)).isTrue();
      ok("network", "disconnect", "kept", "y");
      assertThat(ping("x", y)).isFalse();
    } finally {
      deleteSandbox("x");
      deleteSandbox("y");
      ok("network", "rm", "kept");
    }
  }
}
