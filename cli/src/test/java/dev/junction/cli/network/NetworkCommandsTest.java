package dev.junction.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cli.Cli;
import dev.junction.cli.Cli.Result;
import dev.junction.cli.TestDaemon;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkCommandsTest {

  static final String NETWORKS =
      """
      [{"Name":"net10","Id":"1111111111112222222222","Created":"2026-01-02T03:04:05.120Z",\
      "Scope":"local","Driver":"bridge","EnableIPv4":true,"EnableIPv6":true,"Internal":false,\
      "Labels":{"b":"2","a":"1"}},\
      {"Name":"net2","Id":"3333333333334444444444","Created":"2026-01-02T03:04:05Z",\
      "Scope":"local","Driver":"host","EnableIPv4":true,"EnableIPv6":false,"Internal":true,\
      "Labels":{}}]""";

  @TempDir Path directory;

  @Test
  void createSendsDockersBodyAndPrintsTheId() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory, r -> TestDaemon.json(201, "{\"Id\":\"abc123\",\"Warning\":\"\"}"))) {
      Result result =
          Cli.run(
              daemon,
              "network",
              "create",
              "--subnet",
              "10.1.0.0/24,fd00::/64",
              "--gateway",
              "10.1.0.1",
              "--ip-range",
              "10.1.0.128/25",
              "--aux-address",
              "dns=10.1.0.3",
              "--ipv6",
              "--internal",
              "--label",
              "tier=front",
              "--label",
              "solo",
              "-o",
              "mtu=1400",
              "--ipam-opt",
              "x=y",
              "front");

      assertThat(result.status()).isZero();
      assertThat(result.out()).isEqualTo("abc123\n");
      TestDaemon.Request request = daemon.lastRequest();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.target()).isEqualTo("/v1.50/networks/create");
      assertThat(request.body())
          .isEqualTo(
              "{\"Name\":\"front\",\"Driver\":\"bridge\",\"EnableIPv6\":true,"
                  + "\"IPAM\":{\"Driver\":\"default\",\"Config\":["
                  + "{\"Subnet\":\"10.1.0.0/24\",\"IPRange\":\"10.1.0.128/25\","
                  + "\"Gateway\":\"10.1.0.1\",\"AuxiliaryAddresses\":{\"dns\":\"10.1.0.3\"}},"
                  + "{\"Subnet\":\"fd00::/64\"}],\"Options\":{\"x\":\"y\"}},"
                  + "\"Internal\":true,\"Attachable\":false,\"Ingress\":false,\"ConfigOnly\":false,"
                  + "\"Options\":{\"mtu\":\"1400\"},\"Labels\":{\"tier\":\"front\",\"solo\":\"\"}}");
    }
  }

  @Test
  void createRefusesUnpairedGatewaysBeforeAskingTheDaemon() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(201, "{}"))) {
      Result result =
          Cli.run(
              daemon, "network", "create", "--subnet", "10.1.0.0/24", "--gateway", "10.2.0.1", "x");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.err()).isEqualTo("no matching subnet for gateway 10.2.0.1\n");
      assertThat(daemon.requests()).isEmpty();
    }
  }

  @Test
  void daemonErrorsAreOneLineInDockersWords() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory,
            r ->
                TestDaemon.json(409, "{\"message\":\"network with name front already exists\"}"))) {
      Result result = Cli.run(daemon, "network", "create", "front");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .isEqualTo("Error response from daemon: network with name front already exists\n");
    }
  }

  @Test
  void listSortsNaturallyAndPrintsDockersTable() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, NETWORKS))) {
      Result result = Cli.run(daemon, "network", "ls");

      assertThat(result.out())
          .isEqualTo(
              """
              NETWORK ID     NAME      DRIVER    SCOPE
              333333333333   net2      host      local
              111111111111   net10     bridge    local
              """);
      assertThat(daemon.lastRequest().target()).isEqualTo("/v1.50/networks");
    }
  }

  @Test
  void listSendsFiltersAndPrintsJsonRows() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, NETWORKS))) {
      Result result =
          Cli.run(
              daemon,
              "network",
              "ls",
              "-f",
              "driver=bridge",
              "--filter",
              "label=a=1",
              "--format",
              "json");

      assertThat(daemon.lastRequest().query("filters"))
          .isEqualTo("{\"driver\":{\"bridge\":true},\"label\":{\"a=1\":true}}");
      assertThat(result.out())
          .isEqualTo(
              "{\"CreatedAt\":\"2026-01-02 03:04:05 +0000 UTC\",\"Driver\":\"host\","
                  + "\"ID\":\"333333333333\",\"IPv4\":\"true\",\"IPv6\":\"false\",\"Internal\":\"true\","
                  + "\"Labels\":\"\",\"Name\":\"net2\",\"Scope\":\"local\"}\n"
                  + "{\"CreatedAt\":\"2026-01-02 03:04:05.12 +0000 UTC\",\"Driver\":\"bridge\","
                  + "\"ID\":\"111111111111\",\"IPv4\":\"true\",\"IPv6\":\"true\",\"Internal\":\"false\","
                  + "\"Labels\":\"a=1,b=2\",\"Name\":\"net10\",\"Scope\":\"local\"}\n");
    }
  }

  @Test
  void listQuietAndNoTruncAndTemplates() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.json(200, NETWORKS))) {
      assertThat(Cli.run(daemon, "network", "ls", "-q").out())
          .isEqualTo("333333333333\n111111111111\n");
      assertThat(Cli.run(daemon, "network", "ls", "-q", "--no-trunc").out())
          .isEqualTo("3333333333334444444444\n1111111111112222222222\n");
      assertThat(Cli.run(daemon, "network", "ls", "--format", "{{.Name}}\\t{{.Label \"a\"}}").out())
          .isEqualTo("net2\t\nnet10\t1\n");
    }
  }

  @Test
  void inspectPrintsTheDaemonsJsonIndentedAndTheErrorsAfter() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory,
            r ->
                r.path().endsWith("/front")
                    ? TestDaemon.json(200, "{\"Name\":\"front\",\"Containers\":{}}")
                    : TestDaemon.json(404, "{\"message\":\"network nope not found\"}"))) {
      Result result = Cli.run(daemon, "network", "inspect", "front", "nope");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out())
          .isEqualTo(
              "[\n    {\n        \"Name\": \"front\",\n        \"Containers\": {}\n    }\n]\n");
      assertThat(result.err()).isEqualTo("Error response from daemon: network nope not found\n");
    }
  }

  @Test
  void removeGoesOnAfterAFailureAndEndsWithStatusOne() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory,
            r ->
                r.path().endsWith("/b")
                    ? TestDaemon.json(404, "{\"message\":\"network b not found\"}")
                    : TestDaemon.empty(204))) {
      Result result = Cli.run(daemon, "network", "rm", "a", "b", "c");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).isEqualTo("a\nc\n");
      assertThat(result.err())
          .isEqualTo("Error response from daemon: network b not found\nexit status 1\n");
      assertThat(daemon.requests()).extracting(TestDaemon.Request::method).containsOnly("DELETE");

      Result forced = Cli.run(daemon, "network", "rm", "-f", "b");
      assertThat(forced.status()).isZero();
      assertThat(forced.err()).isEmpty();
    }
  }

  @Test
  void pruneAsksFirstAndPrintsWhatWasDeleted() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory, r -> TestDaemon.json(200, "{\"NetworksDeleted\":[\"a\",\"b\"]}"))) {
      Result declined = Cli.runWithInput(daemon, "n\n", "network", "prune");

      assertThat(declined.status()).isZero();
      assertThat(declined.out())
          .isEqualTo(
              "WARNING! This will remove all custom networks not used by at least one container.\n"
                  + "Are you sure you want to continue? [y/N] ");
      assertThat(daemon.requests()).isEmpty();

      Result accepted =
          Cli.runWithInput(daemon, "y\n", "network", "prune", "--filter", "until=24h");

      assertThat(accepted.out()).endsWith("[y/N] Deleted Networks:\na\nb\n\n");
      assertThat(daemon.lastRequest().target()).startsWith("/v1.50/networks/prune?filters=");
      assertThat(daemon.lastRequest().query("filters")).isEqualTo("{\"until\":{\"24h\":true}}");

      Result forced = Cli.run(daemon, "network", "prune", "-f");
      assertThat(forced.out()).isEqualTo("Deleted Networks:\na\nb\n\n");
    }
  }

  @Test
  void connectAndDisconnectSendEndpointSettings() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.empty(200))) {
      Result connect =
          Cli.run(
              daemon,
              "network",
              "connect",
              "--ip",
              "10.1.0.5",
              "--ip6",
              "fd00::5",
              "--alias",
              "a,b",
              "--link-local-ip",
              "169.254.0.5",
              "--driver-opt",
              " k = v ",
              "--gw-priority",
              "-3",
              "--mac-address",
              "02:42:0a:01:00:05",
              "front",
              "web");

      assertThat(connect.status()).isZero();
      assertThat(daemon.lastRequest().target()).isEqualTo("/v1.50/networks/front/connect");
      assertThat(daemon.lastRequest().body())
          .isEqualTo(
              "{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.5\","
                  + "\"IPv6Address\":\"fd00::5\",\"LinkLocalIPs\":[\"169.254.0.5\"]},"
                  + "\"Aliases\":[\"a\",\"b\"],\"DriverOpts\":{\"k\":\"v\"},\"GwPriority\":-3,"
                  + "\"MacAddress\":\"02:42:0a:01:00:05\"}}");

      Cli.run(daemon, "network", "connect", "front", "web");
      assertThat(daemon.lastRequest().body())
          .isEqualTo("{\"Container\":\"web\",\"EndpointConfig\":{}}");

      Cli.run(daemon, "network", "disconnect", "-f", "front", "web");
      assertThat(daemon.lastRequest().target()).isEqualTo("/v1.50/networks/front/disconnect");
      assertThat(daemon.lastRequest().body()).isEqualTo("{\"Container\":\"web\",\"Force\":true}");
    }
  }

  @Test
  void aBadDriverOptionIsDockersError() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, r -> TestDaemon.empty(200))) {
      Result result =
          Cli.run(daemon, "network", "connect", "--driver-opt", "novalue", "front", "web");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.err()).isEqualTo("invalid key/value pair format in driver options\n");
    }
  }
}
