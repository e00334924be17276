package dev.junction.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.daemon.Daemon;
import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.observe.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scenarios of {@link DockerCliTest} through Junction's own CLI, {@code bin/junction}, against
 * the daemon as a separate process in a namespace of the test's own, plus what only {@code
 * junction} has: sandboxes and commands run in them. The outputs and errors are docker's for the
 * same command, word for word, except where a comment says why not.
 *
 * <p>Junction's usage errors differ from docker's on purpose: one line on standard error ({@code
 * junction: <picocli's words> (see 'junction network create --help')}) and exit status 2, where
 * docker prints the command's usage after the error and exits 1 or 125.
 */
@ExtendWith(RootNamespaceGuard.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JunctionCliTest {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}\n");
  private static final Pattern EVENT_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z ");

  /** The CLI's version, the Maven project's (set by it/pom.xml). */
  private static final String CLI_VERSION = System.getProperty("junction.version", "");

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

  private Command.Result junction(String... arguments) {
    return daemon.junction(arguments);
  }

  /** Runs a command that must succeed, printing nothing on standard error; answers its output. */
  private String ok(String... arguments) {
    Command.Result result = junction(arguments);
    assertThat(result.exitCode())
        .as("junction %s: %s", String.join(" ", arguments), result.error())
        .isZero();
    assertThat(result.error()).as("junction %s", String.join(" ", arguments)).isEmpty();
    return result.output();
  }

  /** A command that fails with exactly {@code error} (lines) on standard error, nothing else. */
  private void fails(int status, String output, String error, String... arguments) {
    Command.Result result = junction(arguments);
    String command = "junction " + String.join(" ", arguments);
    assertThat(result.exitCode()).as(command + ": " + result.error()).isEqualTo(status);
    assertThat(result.error()).as(command).isEqualTo(error + "\n");
    assertThat(result.output()).as(command).isEqualTo(output);
  }

  /** Fails with status 1 and one line on standard error. */
  private void fails(String error, String... arguments) {
    fails(1, "", error, arguments);
  }

  /** A usage error: status 2, one line. */
  private void misused(String error, String... arguments) {
    fails(2, "", error, arguments);
  }

  /** {@code sandbox exec} of {@code ping} to a peer: whether it answered. */
  private boolean ping(String sandbox, String address) {
    Command.Result result =
        junction("sandbox", "exec", sandbox, "--", "ping", "-c1", "-W2", address);
    String summary = result.output() + result.error();
    if (result.ok()) {
      assertThat(summary).contains("1 packets transmitted, 1 received");
    } else {
      // No answer: ping exits 1, and sandbox exec with its command's status.
      assertThat(result.exitCode()).as(summary).isEqualTo(1);
      assertThat(summary).contains("1 packets transmitted, 0 received");
    }
    return result.ok();
  }

  private String address(String sandbox, String network) {
    return ok(
            "sandbox",
            "inspect",
            sandbox,
            "--format",
            "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}")
        .strip();
  }

  /** Go's time.Time.String() of an RFC 3339 UTC time, as docker's {{.CreatedAt}} prints it. */
  private static String goTime(String rfc3339) {
    return rfc3339
        .replaceFirst("T", " ")
        .replaceFirst("(\\.\\d*?)0*Z$", "$1Z")
        .replaceFirst("\\.Z$", "Z")
        .replaceFirst("Z$", " +0000 UTC");
  }

  private List<String> builtinIds() {
    return ok("network", "inspect", "bridge", "host", "none", "--format", "{{.Id}}")
        .lines()
        .map(id -> id.substring(0, 12))
        .toList();
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
      List<String> builtins = builtinIds();
      assertThat(ok("network", "ls", "-q"))
          .isEqualTo(
              builtins.get(0)
                  + "\n"
                  + builtins.get(1)
                  + "\n"
                  + shortId
                  + "\n"
                  + builtins.get(2)
                  + "\n");
      assertThat(ok("network", "ls", "-q", "--filter", "label=a=b")).isEqualTo(shortId + "\n");
      assertThat(ok("network", "ls", "--filter", "name=net1"))
          .isEqualTo(
              "NETWORK ID     NAME      DRIVER    SCOPE\n"
                  + shortId
                  + "   net1      bridge    local\n");
      assertThat(ok("network", "ls", "--no-trunc", "--filter", "name=net1"))
          .isEqualTo(
              "NETWORK ID                                                         NAME      DRIVER"
                  + "    SCOPE\n"
                  + id.strip()
                  + "   net1      bridge    local\n");
      assertThat(ok("network", "ls", "--filter", "type=builtin", "--format", "{{.Name}}"))
          .isEqualTo("bridge\nhost\nnone\n");
      assertThat(ok("network", "ls", "--filter", "driver=null", "--format", "{{.Name}}"))
          .isEqualTo("none\n");
      assertThat(ok("network", "ls", "--filter", "type=custom", "--format", "{{.Name}}"))
          .isEqualTo("net1\n");
      assertThat(
              ok(
                  "network",
                  "ls",
                  "--format",
                  "table {{.Name}}\\t{{.Labels}}\\t{{.Label \"a\"}}",
                  "--filter",
                  "label=a"))
          .isEqualTo("NAME      LABELS    a\nnet1      a=b       b\n");
      String created = ok("network", "inspect", "net1", "--format", "{{.Created}}").strip();
      assertThat(ok("network", "ls", "--format", "json", "--filter", "name=net1"))
          .isEqualTo(
              "{\"CreatedAt\":\""
                  + goTime(created)
                  + "\",\"Driver\":\"bridge\",\"ID\":\""
                  + shortId
                  + "\",\"IPv4\":\"true\",\"IPv6\":\"true\",\"Internal\":\"true\","
                  + "\"Labels\":\"a=b\",\"Name\":\"net1\",\"Scope\":\"local\"}\n");

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
      // Docker's templates see Go's network.Inspect, whose ID is "Id" in JSON: both work.
      assertThat(ok("network", "inspect", "net1", "--format", "{{.ID}}")).isEqualTo(id);
      assertThat(ok("network", "inspect", shortId, "--format", "{{json .IPAM.Config}}"))
          .isEqualTo(
              "[{\"Subnet\":\"10.1.0.0/16\",\"IPRange\":\"10.1.1.0/24\",\"Gateway\":\"10.1.0.1\","
                  + "\"AuxiliaryAddresses\":{\"host1\":\"10.1.0.2\"}},"
                  + "{\"Subnet\":\"fd00:1::/64\",\"Gateway\":\"fd00:1::1\"}]\n");
      assertThat(ok("network", "inspect", "net1", "-f", "{{.Options}} {{.Labels}} {{.Name}}"))
          .isEqualTo(
              "map[com.docker.network.bridge.name:br-e2e com.docker.network.driver.mtu:1400]"
                  + " map[a:b] net1\n");
      String inspected = ok("network", "inspect", "net1");
      assertThat(inspected)
          .startsWith("[\n    {\n        \"Name\": \"net1\",\n        \"Id\": \"" + id.strip())
          .contains(
              "        \"Options\": {\n"
                  + "            \"com.docker.network.bridge.name\": \"br-e2e\",\n"
                  + "            \"com.docker.network.driver.mtu\": \"1400\"\n"
                  + "        },\n"
                  + "        \"Labels\": {\n"
                  + "            \"a\": \"b\"\n"
                  + "        }\n")
          .endsWith("    }\n]\n");
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
          "Error response from daemon: network \"bad\": invalid subnet \"nonsense\": invalid"
              + " CIDR \"nonsense\": invalid IPv4 address: \"nonsense\"",
          "network",
          "create",
          "--subnet",
          "nonsense",
          "bad");
      // The checks the docker CLI itself makes before it asks the daemon, in its words.
      fails(
          "invalid CIDR address: 10.2.1.0",
          "network",
          "create",
          "--subnet",
          "10.2.0.0/16",
          "--ip-range",
          "10.2.1.0",
          "bad");
      fails(
          "no matching subnet for gateway 10.3.0.1",
          "network",
          "create",
          "--subnet",
          "10.2.0.0/24",
          "--gateway",
          "10.3.0.1",
          "g");
      fails(
          "no matching subnet for range 10.3.0.0/24",
          "network",
          "create",
          "--subnet",
          "10.2.0.0/16",
          "--ip-range",
          "10.3.0.0/24",
          "g");
      fails(
          "no matching subnet for aux-address 10.9.0.1",
          "network",
          "create",
          "--subnet",
          "10.2.0.0/16",
          "--aux-address",
          "h=10.9.0.1",
          "g");
      fails(
          "every ip-range or gateway must have a corresponding subnet",
          "network",
          "create",
          "--gateway",
          "10.2.0.1",
          "g");
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
      fails(
          "Error response from daemon: invalid filter 'colour'",
          "network",
          "ls",
          "--filter",
          "colour=red");
      // inspect prints what it found (here nothing: an empty list), then the errors.
      fails(
          1,
          "[]\n",
          "Error response from daemon: network nope not found",
          "network",
          "inspect",
          "nope");
      fails(
          1,
          "net1\n",
          "Error response from daemon: network nope not found",
          "network",
          "inspect",
          "net1",
          "nope",
          "--format",
          "{{.Name}}");
      // rm goes on with the next name after a failure and ends, as docker does, with a second
      // line: "exit status 1".
      fails(
          1,
          "",
          "Error response from daemon: network nope not found\nexit status 1",
          "network",
          "rm",
          "nope");
      fails(
          1,
          "",
          "Error response from daemon: bridge is a pre-defined network and cannot be removed\n"
              + "exit status 1",
          "network",
          "rm",
          "bridge");
      assertThat(ok("network", "rm", "--force", "nope")).isEmpty();
      fails(
          1,
          "",
          "template parsing error: template: :1: unclosed action",
          "network",
          "ls",
          "--format",
          "{{.Name");
    } finally {
      assertThat(ok("network", "rm", "net1")).isEqualTo("net1\n");
    }
    assertThat(Command.runIn(daemon.hostNs(), "ip", "link", "show", "br-e2e").ok()).isFalse();
    assertThat(ok("network", "ls", "--format", "{{.Name}}")).isEqualTo("bridge\nhost\nnone\n");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    misused(
        "junction: Missing required parameter: 'NETWORK' (see 'junction network create --help')",
        "network",
        "create");
    misused(
        "junction: Unknown option: '--bogus' (see 'junction network create --help')",
        "network",
        "create",
        "--bogus",
        "x");
    misused(
        "junction: Unmatched argument at index 4: 'extra' (see 'junction network ls --help')",
        "network",
        "ls",
        "extra");
    misused(
        "junction: Missing required parameter: 'SANDBOX' (see 'junction network connect --help')",
        "network",
        "connect",
        "front");
    misused(
        "junction: Unmatched argument at index 3: 'frob' (see 'junction network --help')",
        "network",
        "frob");
    // docker's words for a filter without '=' (it then prints the usage and exits 125).
    misused(
        "invalid argument \"nokey\" for \"-f, --filter\" flag: bad format of filter (expected"
            + " name=value)",
        "network",
        "ls",
        "--filter",
        "nokey");
    misused(
        "junction: Missing required parameter: 'COMMAND' (see 'junction sandbox exec --help')",
        "sandbox",
        "exec",
        "somebody");
    misused(
        "junction: invalid --network \"front,bogus=1\": unknown key \"bogus\"; known: name, ip,"
            + " ip6, alias, mac-address, gw-priority, driver-opt, link-local-ip",
        "sandbox",
        "create",
        "--network",
        "front,bogus=1",
        "z");
    Command.Result badHost =
        DaemonProcess.junction(List.of("-H", "bogus://x", "network", "ls"), Map.of());
    assertThat(badHost.exitCode()).isEqualTo(2);
    assertThat(badHost.error())
        .isEqualTo(
            "junction: invalid host \"bogus://x\": expected unix:///PATH or tcp://127.0.0.1:PORT\n");
    assertThat(badHost.output()).isEmpty();
    assertThat(ok("sandbox", "ls", "-q", "--filter", "name=z")).isEmpty();
  }

  @Test
  void sandboxesReachEachOtherOnlyWithinANetwork() throws IOException {
    ok("network", "create", "--subnet", "10.20.0.0/24", "front");
    ok("network", "create", "back");
    List<String> made = new ArrayList<>();
    try {
      String a = ok("sandbox", "create", "--network", "front,ip=10.20.0.10,alias=www", "a");
      made.add("a");
      String b = ok("sandbox", "create", "--network", "front", "b");
      made.add("b");
      String c = ok("sandbox", "create", "--network", "back", "c");
      made.add("c");
      String d = ok("sandbox", "create", "d");
      made.add("d");
      for (String id : List.of(a, b, c, d)) {
        assertThat(id).matches(ID);
      }
      assertThat(address("a", "front")).isEqualTo("10.20.0.10");
      String bAddress = address("b", "front");
      String cAddress = address("c", "back");
      assertThat(bAddress).startsWith("10.20.0.");

      String row = "%-15s%-10s%-11s%s\n";
      assertThat(ok("sandbox", "ls"))
          .isEqualTo(
              String.format(row, "SANDBOX ID", "NAME", "NETWORKS", "NAMESPACE")
                  + String.format(row, a.substring(0, 12), "a", "front", namespace("a"))
                  + String.format(row, b.substring(0, 12), "b", "front", namespace("b"))
                  + String.format(row, c.substring(0, 12), "c", "back", namespace("c"))
                  + String.format(row, d.substring(0, 12), "d", "", namespace("d")));
      assertThat(
              ok(
                  "sandbox",
                  "ls",
                  "--filter",
                  "network=front",
                  "--format",
                  "{{.Name}} {{.IPAddresses}} {{.Hostname}}"))
          .isEqualTo(
              "a 10.20.0.10 "
                  + a.substring(0, 12)
                  + "\nb "
                  + bAddress
                  + " "
                  + b.substring(0, 12)
                  + "\n");
      assertThat(ok("sandbox", "ls", "-q", "--filter", "name=d"))
          .isEqualTo(d.substring(0, 12) + "\n");
      assertThat(
              ok(
                  "sandbox",
                  "inspect",
                  "a",
                  "--format",
                  "{{.Name}} {{.NetnsPath}} {{(index .NetworkSettings.Networks \"front\").Gateway}}"
                      + " {{json (index .NetworkSettings.Networks \"front\").Aliases}}"))
          .isEqualTo("a " + namespace("a") + " 10.20.0.1 [\"www\"]\n");

      // Traffic within a network only, from inside the sandboxes.
      assertThat(ping("b", "10.20.0.10")).isTrue();
      assertThat(ping("a", bAddress)).isTrue();
      assertThat(ping("c", "10.20.0.10")).isFalse();
      assertThat(ping("a", cAddress)).isFalse();

      // The sandbox's own hosts file, in place of the host's /etc/hosts. Docker's entries, in
      // docker's order; the first line, a comment, is the daemon's own (docker writes none).
      String hostsPath = ok("sandbox", "inspect", "a", "--format", "{{.HostsPath}}").strip();
      String hosts =
          "# Generated by Junction.\n"
              + "127.0.0.1\tlocalhost\n"
              + "::1\tlocalhost ip6-localhost ip6-loopback\n"
              + "fe00::0\tip6-localnet\n"
              + "ff00::0\tip6-mcastprefix\n"
              + "ff02::1\tip6-allnodes\n"
              + "ff02::2\tip6-allrouters\n"
              + "10.20.0.10\t"
              + a.substring(0, 12)
              + "\n";
      assertThat(Files.readString(Path.of(hostsPath))).isEqualTo(hosts);
      assertThat(ok("sandbox", "exec", "a", "--", "cat", "/etc/hosts")).isEqualTo(hosts);
      assertThat(ok("sandbox", "exec", "a", "hostname")).isEqualTo(a.substring(0, 12) + "\n");
      // The command's own status, and its arguments as given.
      fails(
          7,
          "",
          "x y",
          "sandbox",
          "exec",
          "a",
          "--",
          "sh",
          "-c",
          "echo \"$0 $1\" >&2; exit 7",
          "x",
          "y");

      // network connect and disconnect of sandboxes.
      ok("network", "connect", "--ip", "10.20.0.11", "--alias", "db", "front", "d");
      assertThat(address("d", "front")).isEqualTo("10.20.0.11");
      assertThat(ping("d", "10.20.0.10")).isTrue();
      String members =
          ok(
              "network",
              "inspect",
              "front",
              "--format",
              "{{range .Containers}}{{.Name}} {{.IPv4Address}};{{end}}");
      assertThat(Arrays.stream(members.strip().split(";")).sorted().toList())
          .containsExactly("a 10.20.0.10/24", "b " + bAddress + "/24", "d 10.20.0.11/24");
      fails(
          "Error response from daemon: endpoint with name a already exists in network front",
          "network",
          "connect",
          "front",
          "a");
      fails(
          "Error response from daemon: user specified IP address is supported only when"
              + " connecting to networks with user configured subnets (network \"back\")",
          "network",
          "connect",
          "--ip",
          "10.99.0.1",
          "back",
          "d");
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
      fails(
          1,
          "",
          "Error response from daemon: network \"front\" has active endpoints: a, b, d;"
              + " disconnect them first\nexit status 1",
          "network",
          "rm",
          "front");

      assertThat(ok("network", "disconnect", "front", "b")).isEmpty();
      assertThat(ping("a", bAddress)).isFalse();
      fails(
          "Error response from daemon: sandbox b is not connected to network front",
          "network",
          "disconnect",
          "front",
          "b");
      ok("network", "disconnect", "--force", "back", "c");
      assertThat(ok("network", "inspect", "back", "--format", "{{len .Containers}}"))
          .isEqualTo("0\n");

      // Sandbox errors.
      fails(
          "Error response from daemon: sandbox with name a already exists",
          "sandbox",
          "create",
          "a");
      fails(
          "Error response from daemon: network nowhere not found",
          "sandbox",
          "create",
          "--network",
          "nowhere",
          "z");
      fails(
          "Error response from daemon: address 10.20.0.10 on network \"front\" is in use by \"a\"",
          "sandbox",
          "create",
          "--network",
          "front,ip=10.20.0.10",
          "z");
      fails(
          1,
          "[]\n",
          "Error response from daemon: sandbox nobody not found",
          "sandbox",
          "inspect",
          "nobody");
      fails(
          "Error response from daemon: sandbox nobody not found",
          "sandbox",
          "exec",
          "nobody",
          "--",
          "true");
      fails(
          1,
          "",
          "Error response from daemon: sandbox nobody not found\nexit status 1",
          "sandbox",
          "rm",
          "nobody");
      // Nothing is left of a sandbox whose creation failed.
      assertThat(ok("sandbox", "ls", "--format", "{{.Name}}")).isEqualTo("a\nb\nc\nd\n");
    } finally {
      if (!made.isEmpty()) {
        assertThat(ok(concat(List.of("sandbox", "rm"), made)))
            .isEqualTo(String.join("\n", made) + "\n");
      }
      assertThat(ok("network", "rm", "front", "back")).isEqualTo("front\nback\n");
    }
    assertThat(ok("sandbox", "ls", "-q")).isEmpty();
  }

  private String namespace(String sandbox) {
    return daemon.sandboxNs(sandbox).path().toString();
  }

  private static String[] concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all.toArray(String[]::new);
  }

  @Test
  void systemCheckComparesTheStoreWithTheKernel() {
    ok(
        "network",
        "create",
        "--subnet",
        "10.77.0.0/24",
        "-o",
        "com.docker.network.bridge.name=br-check",
        "checked");
    ok("sandbox", "create", "--network", "checked", "probe");
    try {
      assertThat(ok("system", "check")).isEqualTo("store and kernel agree\n");

      // changed by hand, behind the daemon's back
      Command.check(daemon.hostNs(), "ip", "link", "set", "br-check", "down");
      Command.check(daemon.hostNs(), "ip", "address", "del", "10.77.0.1/24", "dev", "br-check");

      Command.Result result = junction("system", "check");
      assertThat(result.exitCode()).as(result.error()).isEqualTo(1);
      assertThat(result.output())
          .isEqualTo(
              "network checked: its bridge br-check is down\n"
                  + "network checked: its bridge br-check lacks its gateway address 10.77.0.1/24\n");
    } finally {
      ok("sandbox", "rm", "probe");
      ok("network", "rm", "checked");
    }
  }

  @Test
  void aStartRepairsWhatWasChangedWhileTheDaemonWasDown() throws IOException {
    ok(
        "network",
        "create",
        "--subnet",
        "10.78.0.0/24",
        "-o",
        "com.docker.network.bridge.name=br-drift",
        "drifted");
    ok("sandbox", "create", "--network", "drifted", "p");
    ok("sandbox", "create", "--network", "drifted", "q");
    ok("sandbox", "create", "--network", "drifted", "gone");
    try {
      String q = address("q", "drifted");
      String gone = address("gone", "drifted");
      assertThat(daemon.stop()).as("stopped by SIGTERM in time").isTrue();
      // while it is down: the bridge deleted by hand, a link of Junction's group nobody owns,
      // and a sandbox's namespace removed
      Command.check(daemon.hostNs(), "ip", "link", "del", "br-drift");
      Command.check(
          daemon.hostNs(), "ip", "link", "add", "jstray0", "group", "1786080867", "type", "bridge");
      Command.check(null, "umount", daemon.sandboxNs("gone").path().toString());
      Command.check(null, "rm", daemon.sandboxNs("gone").path().toString());
      // and an endpoint's veth pair deleted, another's address removed
      Command.check(daemon.sandboxNs("p"), "ip", "link", "del", "eth0");
      Command.check(daemon.sandboxNs("q"), "ip", "address", "del", q + "/24", "dev", "eth0");
      daemon.restart();

      assertThat(ok("system", "check")).isEqualTo("store and kernel agree\n");
      assertThat(ping("p", q)).as("the bridge, the veth and the address are back").isTrue();
      assertThat(Command.runIn(daemon.hostNs(), "ip", "link", "show", "jstray0").ok()).isFalse();
      assertThat(ok("sandbox", "ls", "--format", "{{.Name}}")).isEqualTo("p\nq\n");
      ok("sandbox", "create", "--network", "drifted", "again");
      assertThat(address("again", "drifted"))
          .as("the gone sandbox's address is free")
          .isEqualTo(gone);
    } finally {
      ok("sandbox", "rm", "--force", "p", "q", "again");
      ok("network", "rm", "drifted");
    }
  }

  @Test
  void aSandboxAdoptedFromAProcessGoesWhenTheProcessExits() throws Exception {
    ok("network", "create", "--subnet", "10.79.0.0/24", "watched");
    // a process of this test in a network namespace of its own
    Process owner = new ProcessBuilder("unshare", "--net", "sleep", "600").start();
    try {
      ok(
          "sandbox",
          "create",
          "--pid",
          Long.toString(owner.pid()),
          "--network",
          "watched",
          "adopted");
      assertThat(ok("sandbox", "ls", "--format", "{{.Name}}")).isEqualTo("adopted\n");

      owner.destroy();
      owner.waitFor();

      String listed = "adopted\n";
      for (int i = 0; i < 100 && !listed.isEmpty(); i++) {
        Thread.sleep(100);
        listed = ok("sandbox", "ls", "--format", "{{.Name}}");
      }
      assertThat(listed).as("the sandbox went with its process").isEmpty();
      assertThat(ok("network", "inspect", "watched", "--format", "{{len .Containers}}"))
          .isEqualTo("0\n");
      assertThat(ok("system", "check")).isEqualTo("store and kernel agree\n");
    } finally {
      owner.destroyForcibly();
      owner.waitFor();
      junction("sandbox", "rm", "--force", "adopted");
      ok("network", "rm", "watched");
    }
  }

  @Test
  void aSandboxGoesWhenItsNamespaceFileIsRemovedWhileTheDaemonRuns() throws Exception {
    ok("network", "create", "--subnet", "10.80.0.0/24", "watched2");
    ok("sandbox", "create", "--network", "watched2", "named");
    try {
      // what ip netns delete does: a lazy unmount (the daemon has the namespace open), an unlink
      String file = daemon.sandboxNs("named").path().toString();
      Command.check(null, "umount", "-l", file);
      Command.check(null, "rm", file);

      String listed = "named\n";
      for (int i = 0; i < 100 && !listed.isEmpty(); i++) {
        Thread.sleep(100);
        listed = ok("sandbox", "ls", "--format", "{{.Name}}");
      }
      assertThat(listed).as("the sandbox went with its namespace file").isEmpty();
      assertThat(ok("system", "check")).isEqualTo("store and kernel agree\n");
    } finally {
      junction("sandbox", "rm", "--force", "named");
      ok("network", "rm", "watched2");
    }
  }

  @Test
  void pruneRemovesUnusedNetworksThatPassTheFilters() {
    ok("network", "create", "--label", "keep", "p1");
    ok("network", "create", "p2");
    ok("network", "create", "p3");
    ok("sandbox", "create", "--network", "p3", "user");
    try {
      // Without --force it asks; standard input at its end is a no, as in docker.
      assertThat(ok("network", "prune", "--filter", "label!=keep"))
          .isEqualTo(
              "WARNING! This will remove all custom networks not used by at least one container.\n"
                  + "Are you sure you want to continue? [y/N] ");
      assertThat(ok("network", "prune", "-f", "--filter", "label!=keep"))
          .isEqualTo("Deleted Networks:\np2\n\n");
      assertThat(ok("network", "ls", "--format", "{{.Name}}"))
          .isEqualTo("bridge\nhost\nnone\np1\np3\n");
      assertThat(ok("network", "prune", "-f", "--filter", "label!=keep")).isEmpty();
      misused(
          "invalid argument \"bad\" for \"--filter\" flag: bad format of filter (expected"
              + " name=value)",
          "network",
          "prune",
          "-f",
          "--filter",
          "bad");
    } finally {
      ok("sandbox", "rm", "user");
      ok("network", "rm", "p1", "p3");
    }
  }

  @Test
  void systemCommandsDescribeTheDaemonAndItsEvents() {
    Instant since = Instant.now();
    assertThat(ok("--version")).isEqualTo("junction version " + CLI_VERSION + "\n");

    String version = ok("system", "version");
    String javaVersion = Runtime.version().toString();
    String kernel = System.getProperty("os.version");
    String arch = System.getProperty("os.arch");
    assertThat(version)
        .isEqualTo(
            "Client:\n"
                + " Version:           "
                + CLI_VERSION
                + "\n"
                + " API version:       1.50\n"
                + " Java version:      "
                + javaVersion
                + "\n"
                + " OS/Arch:           linux/"
                + arch
                + "\n"
                + " Host:              "
                + daemon.host()
                + "\n"
                + "\n"
                + "Server: Junction "
                + Daemon.VERSION
                + "\n"
                + " Engine:\n"
                + "  Version:          "
                + Daemon.VERSION
                + "\n"
                + "  API version:      1.50 (minimum version 1.40)\n"
                + "  Java version:     "
                + javaVersion
                + "\n"
                + "  OS/Arch:          linux/"
                + arch
                + "\n"
                + "  Kernel version:   "
                + kernel
                + "\n");
    assertThat(
            ok(
                "system",
                "version",
                "--format",
                "{{.Server.Version}} {{.Client.Version}} {{.Server.APIVersion}}"
                    + " {{.Client.APIVersion}}"))
        .isEqualTo(Daemon.VERSION + " " + CLI_VERSION + " 1.50 1.50\n");

    String id = ok("network", "create", "--subnet", "10.40.0.0/24", "ev").strip();
    List<String> sandboxes = new ArrayList<>();
    try {
      String s1 = ok("sandbox", "create", "--network", "ev", "s1").strip();
      sandboxes.add("s1");
      String s2 = ok("sandbox", "create", "s2").strip();
      sandboxes.add("s2");

      int networks = ok("network", "ls", "-q").lines().toList().size();
      int sandboxCount = ok("sandbox", "ls", "-q").lines().toList().size();
      String info = ok("system", "info");
      assertThat(info)
          .startsWith(
              "Client:\n"
                  + " Version:    "
                  + CLI_VERSION
                  + "\n"
                  + " Host:       "
                  + daemon.host()
                  + "\n"
                  + "\n"
                  + "Server:\n"
                  + " Server Version: "
                  + Daemon.VERSION
                  + "\n"
                  + " Networks: "
                  + networks
                  + "\n"
                  + " Sandboxes: "
                  + sandboxCount
                  + "\n"
                  + " Plugins:\n"
                  + "  Network: bridge host null\n"
                  + " Swarm: inactive\n"
                  + " Kernel Version: "
                  + kernel
                  + "\n")
          .contains(" OSType: linux\n")
          .contains(" Data Root Dir: " + daemon.dataRoot() + "\n")
          .contains(" Exec Root Dir: " + daemon.execRoot() + "\n")
          .endsWith(" Experimental: false\n\n");
      assertThat(networks).isEqualTo(4);
      assertThat(sandboxCount).isEqualTo(2);
      assertThat(ok("system", "info", "--format", "{{.ServerVersion}} {{.Networks}} {{.OSType}}"))
          .isEqualTo(Daemon.VERSION + " 4 linux\n");

      ok("network", "connect", "ev", "s2");
      ok("network", "disconnect", "ev", "s2");
      // Unlike docker, which reports a container's networks as disconnected when it is removed,
      // the daemon reports nothing of the kind when a sandbox goes: disconnected by hand here,
      // the events below are those docker would show for the same steps.
      ok("network", "disconnect", "ev", "s1");
      assertThat(ok("sandbox", "rm", "s1", "s2")).isEqualTo("s1\ns2\n");
      sandboxes.clear();
      assertThat(ok("network", "rm", "ev")).isEqualTo("ev\n");
      String until = Instant.now().toString();

      Command.Result events =
          DaemonProcess.junction(
              List.of(
                  "-H",
                  daemon.host(),
                  "system",
                  "events",
                  "--since",
                  since.toString(),
                  "--until",
                  until),
              Map.of("TZ", "UTC"));
      assertThat(events.exitCode()).as(events.error()).isZero();
      assertThat(events.error()).isEmpty();
      List<String> lines = events.output().lines().toList();
      for (String line : lines) {
        assertThat(line).containsPattern("^" + EVENT_TIME.pattern());
      }
      assertThat(lines.stream().map(line -> line.substring(0, 30)).toList()).isSorted();
      String network = "network %s " + id + " (%sname=ev, type=bridge)";
      assertThat(lines.stream().map(line -> EVENT_TIME.matcher(line).replaceFirst("")).toList())
          .containsExactly(
              network.formatted("create", ""),
              "sandbox create " + s1 + " (name=s1)",
              network.formatted("connect", "container=" + s1 + ", "),
              "sandbox create " + s2 + " (name=s2)",
              network.formatted("connect", "container=" + s2 + ", "),
              network.formatted("disconnect", "container=" + s2 + ", "),
              network.formatted("disconnect", "container=" + s1 + ", "),
              "sandbox destroy " + s1 + " (name=s1)",
              "sandbox destroy " + s2 + " (name=s2)",
              network.formatted("destroy", ""));
      assertThat(
              ok(
                  "system",
                  "events",
                  "--since",
                  since.toString(),
                  "--until",
                  until,
                  "--filter",
                  "network=ev",
                  "--format",
                  "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"))
          .isEqualTo(
              "network create ev\n"
                  + "network connect ev\n"
                  + "network connect ev\n"
                  + "network disconnect ev\n"
                  + "network disconnect ev\n"
                  + "network destroy ev\n");
      assertThat(
              ok(
                  "system",
                  "events",
                  "--since",
                  since.toString(),
                  "--until",
                  until,
                  "--filter",
                  "type=sandbox",
                  "--filter",
                  "event=destroy",
                  "--format",
                  "{{.Scope}} {{.Action}} {{.Actor.Attributes.name}} {{len .Actor.ID}}"))
          .isEqualTo("local destroy s1 64\nlocal destroy s2 64\n");
    } finally {
      if (!sandboxes.isEmpty()) {
        ok(concat(List.of("sandbox", "rm"), sandboxes));
      }
      ok("network", "rm", "--force", "ev");
    }
  }

  @Test
  void anUnreachableDaemonIsOneLineAndStatusOne() {
    String socket = "unix://" + daemon.execRoot().resolve("nobody-here.sock");
    String error =
        "junction: cannot connect to the Junction daemon at " + socket + ": is it running?";
    Command.Result ls = DaemonProcess.junction(List.of("-H", socket, "network", "ls"), Map.of());
    assertThat(ls.exitCode()).isEqualTo(1);
    assertThat(ls.output()).isEmpty();
    assertThat(ls.error()).isEqualTo(error + "\n");

    Command.Result fromEnvironment =
        DaemonProcess.junction(List.of("network", "create", "x"), Map.of("JUNCTION_HOST", socket));
    assertThat(fromEnvironment.exitCode()).isEqualTo(1);
    assertThat(fromEnvironment.output()).isEmpty();
    assertThat(fromEnvironment.error()).isEqualTo(error + "\n");

    // version prints the client's part first, as docker does.
    Command.Result version =
        DaemonProcess.junction(List.of("-H", socket, "system", "version"), Map.of());
    assertThat(version.exitCode()).isEqualTo(1);
    assertThat(version.output())
        .startsWith("Client:\n")
        .endsWith(" Host:              " + socket + "\n");
    assertThat(version.error()).isEqualTo(error + "\n");

    // The environment chooses the daemon when -H is not given.
    Command.Result reachable =
        DaemonProcess.junction(
            List.of("network", "ls", "--format", "{{.Name}}"),
            Map.of("JUNCTION_HOST", daemon.host()));
    assertThat(reachable.exitCode()).as(reachable.error()).isZero();
    assertThat(reachable.output()).isEqualTo("bridge\nhost\nnone\n");
  }

  @Test
  void aRestartKeepsNetworksSandboxesAndTraffic() throws IOException {
    ok("network", "create", "--subnet", "10.30.0.0/24", "kept");
    ok("sandbox", "create", "--network", "kept", "x");
    try {
      ok("sandbox", "create", "--network", "kept", "y");
      String y = address("y", "kept");
      assertThat(ping("x", y)).isTrue();
      assertThat(daemon.stop()).as("stopped by SIGTERM in time").isTrue();
      fails(
          "junction: cannot connect to the Junction daemon at "
              + daemon.host()
              + ": is it running?",
          "sandbox",
          "exec",
          "x",
          "--",
          "true");
      assertThat(Command.runIn(daemon.sandboxNs("x"), "ping", "-c1", "-W1", y).ok())
          .as("traffic while the daemon is down")
          .isTrue();
      daemon.restart();
      assertThat(address("y", "kept")).isEqualTo(y);
      assertThat(ping("x", y)).isTrue();
      ok("network", "disconnect", "kept", "y");
      assertThat(ping("x", y)).isFalse();
    } finally {
      ok("sandbox", "rm", "--force", "x", "y");
      ok("network", "rm", "kept");
    }
  }
}
