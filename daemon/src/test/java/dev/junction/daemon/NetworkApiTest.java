package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.testkit.http.UnixHttpClient;
import dev.junction.testkit.http.UnixHttpClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker's network routes and the system routes, over a unix socket, on the in-memory kernel. */
class NetworkApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDaemon daemon;
  private UnixHttpClient client;

  @BeforeEach
  void start() throws Exception {
    daemon = new TestDaemon();
    client = daemon.client;
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  private static JsonNode json(Answer answer) throws Exception {
    return JSON.readTree(answer.body());
  }

  private String createNetwork(String body) throws Exception {
    Answer answer = client.post("/v1.50/networks/create", body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return json(answer).get("Id").asText();
  }

  private String createSandbox(String name) throws Exception {
    Answer answer = client.post("/v1.50/sandboxes/create", "{\"Name\":\"" + name + "\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return json(answer).get("Id").asText();
  }

  private List<String> names(Answer answer) throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    json(answer).forEach(n -> names.add(n.get("Name").asText()));
    return names.stream().sorted().toList();
  }

  private static String filters(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  @Test
  void pingAnswersWithTheVersionHeaders() throws Exception {
    Answer get = client.get("/_ping");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("OK");
    assertThat(get.header("Api-Version")).isEqualTo("1.50");
    assertThat(get.header("Ostype")).isEqualTo("linux");
    assertThat(get.header("Server")).startsWith("Junction/");
    Answer head = client.send("HEAD", "/v1.44/_ping", null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Api-Version")).isEqualTo("1.50");
    JsonNode version = json(client.get("/v1.50/version"));
    assertThat(version.get("ApiVersion").asText()).isEqualTo("1.50");
    assertThat(version.get("MinAPIVersion").asText()).isEqualTo("1.40");
    assertThat(version.get("Components").get(0).get("Name").asText()).isEqualTo("Engine");
    JsonNode info = json(client.get("/v1.50/info"));
    assertThat(info.get("OSType").asText()).isEqualTo("linux");
    assertThat(info.get("Networks").asInt()).isEqualTo(3);
    assertThat(info.get("Swarm").get("LocalNodeState").asText()).isEqualTo("inactive");
  }

  @Test
  void versionsOutsideTheSupportedRangeGetDockersMessage() throws Exception {
    Answer old = client.get("/v1.39/networks");
    assertThat(old.status()).isEqualTo(400);
    assertThat(json(old).get("message").asText())
        .isEqualTo(
            "client version 1.39 is too old. Minimum supported API version is 1.40, please"
                + " upgrade your client to a newer version");
    Answer future = client.get("/v1.51/networks");
    assertThat(future.status()).isEqualTo(400);
    assertThat(json(future).get("message").asText())
        .isEqualTo("client version 1.51 is too new. Maximum supported API version is 1.50");
    assertThat(client.get("/v1.40/networks").status()).isEqualTo(200);
    assertThat(client.get("/networks").status()).isEqualTo(200);
  }

  @Test
  void createInspectListAndDeleteANetworkAsTheDockerCliSendsIt() throws Exception {
    String id =
        createNetwork(
            """
            {"Name":"net1","Driver":"bridge","Scope":"","EnableIPv6":true,
             "IPAM":{"Driver":"default","Options":{},
               "Config":[{"Subnet":"10.1.0.0/16","IPRange":"10.1.1.0/24","Gateway":"10.1.0.1",
                          "AuxiliaryAddresses":{"host1":"10.1.0.2"}},
                         {"Subnet":"fd00:1::/64"}]},
             "Internal":true,"Attachable":true,"Ingress":false,"ConfigOnly":false,"ConfigFrom":null,
             "Options":{"com.docker.network.bridge.name":"br1"},"Labels":{"a":"b"}}
            """);
    assertThat(id).hasSize(64);
    for (String reference : List.of("net1", id, id.substring(0, 12))) {
      Answer answer = client.get("/v1.50/networks/" + reference);
      assertThat(answer.status()).isEqualTo(200);
      JsonNode network = json(answer);
      assertThat(network.get("Name").asText()).isEqualTo("net1");
      assertThat(network.get("Id").asText()).isEqualTo(id);
      assertThat(network.get("Scope").asText()).isEqualTo("local");
      assertThat(network.get("Driver").asText()).isEqualTo("bridge");
      assertThat(network.get("EnableIPv6").asBoolean()).isTrue();
      assertThat(network.get("Internal").asBoolean()).isTrue();
      assertThat(network.get("Attachable").asBoolean()).isTrue();
      JsonNode config = network.get("IPAM").get("Config");
      assertThat(config.get(0).get("Subnet").asText()).isEqualTo("10.1.0.0/16");
      assertThat(config.get(0).get("IPRange").asText()).isEqualTo("10.1.1.0/24");
      assertThat(config.get(0).get("Gateway").asText()).isEqualTo("10.1.0.1");
      assertThat(config.get(0).get("AuxiliaryAddresses").get("host1").asText())
          .isEqualTo("10.1.0.2");
      assertThat(config.get(1).get("Subnet").asText()).isEqualTo("fd00:1::/64");
      assertThat(network.get("Options").get("com.docker.network.bridge.name").asText())
          .isEqualTo("br1");
      assertThat(network.get("Labels").get("a").asText()).isEqualTo("b");
      assertThat(network.get("Containers").size()).isZero();
      assertThat(network.get("Created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
    assertThat(names(client.get("/v1.50/networks")))
        .containsExactly("bridge", "host", "net1", "none");
    assertThat(daemon.kernel.stack(daemon.kernel.currentNetNs()).listLinks())
        .anyMatch(link -> link.name().equals("br1"));

    Answer duplicate = client.post("/v1.50/networks/create", "{\"Name\":\"net1\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(json(duplicate).get("message").asText())
        .isEqualTo("network with name net1 already exists");

    Answer deleted = client.delete("/v1.50/networks/net1");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    Answer gone = client.get("/v1.50/networks/net1");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(json(gone).get("message").asText()).isEqualTo("network net1 not found");
    Answer predefined = client.delete("/v1.50/networks/bridge");
    assertThat(predefined.status()).isEqualTo(403);
    assertThat(json(predefined).get("message").asText())
        .isEqualTo("bridge is a pre-defined network and cannot be removed");
  }

  @Test
  void listFiltersAcceptBothEncodings() throws Exception {
    createNetwork("{\"Name\":\"web-front\",\"Labels\":{\"tier\":\"front\"}}");
    createNetwork("{\"Name\":\"web-back\",\"Labels\":{\"tier\":\"back\",\"pci\":\"\"}}");
    String db = createNetwork("{\"Name\":\"db\"}");
    String sandbox = createSandbox("s1");
    assertThat(
            client
                .post(
                    "/networks/db/connect", "{\"Container\":\"" + sandbox.substring(0, 10) + "\"}")
                .status())
        .isEqualTo(200);

    assertThat(names(client.get("/networks?filters=" + filters("{\"name\":[\"web\"]}"))))
        .containsExactly("web-back", "web-front");
    assertThat(names(client.get("/networks?filters=" + filters("{\"name\":{\"web\":true}}"))))
        .containsExactly("web-back", "web-front");
    assertThat(names(client.get("/networks?filters=" + filters("{\"label\":[\"tier=front\"]}"))))
        .containsExactly("web-front");
    assertThat(names(client.get("/networks?filters=" + filters("{\"label\":{\"pci\":true}}"))))
        .containsExactly("web-back");
    assertThat(names(client.get("/networks?filters=" + filters("{\"type\":[\"builtin\"]}"))))
        .containsExactly("bridge", "host", "none");
    assertThat(names(client.get("/networks?filters=" + filters("{\"driver\":[\"null\"]}"))))
        .containsExactly("none");
    assertThat(names(client.get("/networks?filters=" + filters("{\"dangling\":[\"true\"]}"))))
        .containsExactly("web-back", "web-front");
    assertThat(names(client.get("/networks?filters=" + filters("{\"id\":[\"" + db + "\"]}"))))
        .containsExactly("db");
    assertThat(
            names(
                client.get(
                    "/networks?filters="
                        + filters("{\"name\":[\"web\"],\"label\":[\"tier=back\"]}"))))
        .containsExactly("web-back");

    Answer unknown = client.get("/networks?filters=" + filters("{\"colour\":[\"red\"]}"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(json(unknown).get("message").asText()).isEqualTo("invalid filter 'colour'");
    Answer badType = client.get("/networks?filters=" + filters("{\"type\":[\"odd\"]}"));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(json(badType).get("message").asText()).isEqualTo("invalid filter: 'type'='odd'");
    assertThat(client.get("/networks?filters=" + filters("[1]")).status()).isEqualTo(400);
  }

  @Test
  void systemCheckReportsWhatTheKernelLacks() throws Exception {
    String id =
        createNetwork("{\"Name\":\"front\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.7.0.0/24\"}]}}");
    JsonNode clean = json(client.get("/v1.50/system/check"));
    assertThat(clean.get("Clean").asBoolean()).isTrue();
    assertThat(clean.get("Differences").size()).isZero();

    String bridge = "br-" + id.substring(0, 12);
    daemon.kernel.stack(daemon.kernel.currentNetNs()).deleteLink(bridge);

    Answer answer = client.get("/v1.50/system/check");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode dirty = json(answer);
    assertThat(dirty.get("Clean").asBoolean()).isFalse();
    assertThat(dirty.get("Differences").get(0).get("Object").asText()).isEqualTo("network front");
    assertThat(dirty.get("Differences").get(0).get("Problem").asText())
        .isEqualTo("its bridge " + bridge + " is missing");
  }

  @Test
  void connectAndDisconnectNameTheSandboxByIdNameOrPrefix() throws Exception {
    createNetwork("{\"Name\":\"front\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.7.0.0/24\"}]}}");
    String web = createSandbox("web");
    Answer connect =
        client.post(
            "/v1.50/networks/front/connect",
            """
            {"Container":"web","EndpointConfig":{"IPAMConfig":{"IPv4Address":"10.7.0.20"},
             "Links":null,"Aliases":["www"],"DriverOpts":{},"GwPriority":0,
             "NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","MacAddress":"",
             "IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,
             "DNSNames":null}}
            """);
    assertThat(connect.status()).as(connect.body()).isEqualTo(200);
    JsonNode containers = json(client.get("/v1.50/networks/front")).get("Containers");
    assertThat(containers.get(web).get("Name").asText()).isEqualTo("web");
    assertThat(containers.get(web).get("IPv4Address").asText()).isEqualTo("10.7.0.20/24");
    assertThat(containers.get(web).get("MacAddress").asText()).startsWith("02:42:");
    JsonNode sandbox = json(client.get("/v1.50/sandboxes/" + web.substring(0, 8)));
    JsonNode endpoint = sandbox.get("NetworkSettings").get("Networks").get("front");
    assertThat(endpoint.get("IPAddress").asText()).isEqualTo("10.7.0.20");
    assertThat(endpoint.get("Gateway").asText()).isEqualTo("10.7.0.1");
    assertThat(endpoint.get("Aliases").get(0).asText()).isEqualTo("www");

    Answer again = client.post("/v1.50/networks/front/connect", "{\"Container\":\"" + web + "\"}");
    assertThat(again.status()).isGreaterThanOrEqualTo(400).isLessThan(500);
    Answer nobody = client.post("/v1.50/networks/front/connect", "{\"Container\":\"nobody\"}");
    assertThat(nobody.status()).isEqualTo(404);
    assertThat(json(nobody).get("message").asText()).isEqualTo("sandbox nobody not found");
    Answer nowhere = client.post("/v1.50/networks/nowhere/connect", "{\"Container\":\"web\"}");
    assertThat(nowhere.status()).isEqualTo(404);

    Answer disconnect =
        client.post("/v1.50/networks/front/disconnect", "{\"Container\":\"web\",\"Force\":false}");
    assertThat(disconnect.status()).as(disconnect.body()).isEqualTo(200);
    assertThat(json(client.get("/v1.50/networks/front")).get("Containers").size()).isZero();
    Answer twice =
        client.post("/v1.50/networks/front/disconnect", "{\"Container\":\"web\",\"Force\":true}");
    assertThat(twice.status()).isEqualTo(404);
  }

  @Test
  void pruneDeletesUnusedNetworksThatPassTheFilters() throws Exception {
    createNetwork("{\"Name\":\"keep\",\"Labels\":{\"keep\":\"yes\"}}");
    createNetwork("{\"Name\":\"old\"}");
    createNetwork("{\"Name\":\"used\"}");
    createSandbox("s");
    assertThat(client.post("/networks/used/connect", "{\"Container\":\"s\"}").status())
        .isEqualTo(200);

    Answer future = client.post("/networks/prune?filters=" + filters("{\"until\":[\"1\"]}"), "");
    assertThat(json(future).get("NetworksDeleted").size()).isZero();
    Answer pruned =
        client.post("/v1.50/networks/prune?filters=" + filters("{\"label!\":[\"keep\"]}"), "");
    assertThat(pruned.status()).isEqualTo(200);
    assertThat(json(pruned).get("NetworksDeleted").get(0).asText()).isEqualTo("old");
    assertThat(json(pruned).get("NetworksDeleted").size()).isEqualTo(1);
    assertThat(names(client.get("/networks")))
        .containsExactly("bridge", "host", "keep", "none", "used");
    Answer badFilter =
        client.post("/networks/prune?filters=" + filters("{\"driver\":[\"bridge\"]}"), "");
    assertThat(badFilter.status()).isEqualTo(400);
  }
}
