package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.http.UnixHttpClient;
import dev.junction.testkit.http.UnixHttpClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Junction's sandbox routes. */
class SandboxApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDaemon daemon;
  private UnixHttpClient client;

  @BeforeEach
  void start() throws Exception {
    daemon = new TestDaemon();
    client = daemon.client;
    for (String body :
        new String[] {
          "{\"Name\":\"front\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.5.0.0/24\"}]}}",
          "{\"Name\":\"back\",\"Internal\":true}"
        }) {
      assertThat(client.post("/networks/create", body).status()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  private static JsonNode json(Answer answer) throws Exception {
    return JSON.readTree(answer.body());
  }

  @Test
  void aSandboxIsCreatedOnItsNetworksAndInspectedLikeAContainer() throws Exception {
    Answer created =
        client.post(
            "/v1.50/sandboxes/create",
            """
            {"Name":"web","Hostname":"web","Dns":["10.5.0.53"],"DnsSearch":["example.test"],
             "DnsOptions":["ndots:2"],"ExtraHosts":["db:10.0.0.5"],
             "NetworkingConfig":{"EndpointsConfig":{
               "front":{"IPAMConfig":{"IPv4Address":"10.5.0.10"},"Aliases":["www"]},
               "back":{}}}}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = json(created).get("Id").asText();
    assertThat(json(created).get("Warnings").size()).isZero();

    JsonNode sandbox = json(client.get("/v1.50/sandboxes/web"));
    assertThat(sandbox.get("Id").asText()).isEqualTo(id);
    assertThat(sandbox.get("Name").asText()).isEqualTo("web");
    assertThat(sandbox.get("Hostname").asText()).isEqualTo("web");
    assertThat(sandbox.get("NetnsPath").asText())
        .isEqualTo(daemon.root.resolve("netns/web").toString());
    assertThat(sandbox.get("ExtraHosts").get(0).asText()).isEqualTo("db:10.0.0.5");
    Path hosts = Path.of(sandbox.get("HostsPath").asText());
    Path resolv = Path.of(sandbox.get("ResolvConfPath").asText());
    assertThat(Files.readString(hosts)).contains("10.0.0.5\tdb").contains("10.5.0.10\tweb");
    assertThat(Files.readString(resolv))
        .contains("nameserver 10.5.0.53")
        .contains("search example.test")
        .contains("options ndots:2");
    JsonNode networks = sandbox.get("NetworkSettings").get("Networks");
    assertThat(networks.get("front").get("IPAddress").asText()).isEqualTo("10.5.0.10");
    assertThat(networks.get("front").get("IPPrefixLen").asInt()).isEqualTo(24);
    assertThat(networks.get("front").get("Gateway").asText()).isEqualTo("10.5.0.1");
    assertThat(networks.get("front").get("InterfaceName").asText()).startsWith("eth");
    assertThat(networks.get("back").get("Gateway").asText()).isEmpty();
    assertThat(sandbox.get("NetworkSettings").get("GatewayNetwork").asText()).isEqualTo("front");

    JsonNode front = json(client.get("/networks/front")).get("Containers");
    assertThat(front.get(id).get("Name").asText()).isEqualTo("web");

    Answer listed =
        client.get(
            "/sandboxes?filters="
                + URLEncoder.encode("{\"network\":[\"back\"]}", StandardCharsets.UTF_8));
    assertThat(json(listed).size()).isEqualTo(1);
    Answer none =
        client.get(
            "/sandboxes?filters="
                + URLEncoder.encode("{\"name\":[\"^db$\"]}", StandardCharsets.UTF_8));
    assertThat(json(none).size()).isZero();

    assertThat(client.delete("/v1.50/sandboxes/" + id.substring(0, 6)).status()).isEqualTo(204);
    assertThat(client.get("/sandboxes/web").status()).isEqualTo(404);
    assertThat(json(client.get("/networks/front")).get("Containers").size()).isZero();
    assertThat(Files.exists(hosts)).isFalse();
  }

  @Test
  void aConnectThatFailsAtCreationLeavesNoSandbox() throws Exception {
    Answer refused =
        client.post(
            "/sandboxes/create",
            """
            {"Name":"web","NetworkingConfig":{"EndpointsConfig":{
              "back":{},
              "front":{"IPAMConfig":{"IPv4Address":"10.5.0.1"}}}}}
            """);
    assertThat(refused.status()).isBetween(400, 499);
    assertThat(json(refused).get("message").asText()).contains("10.5.0.1");
    assertThat(json(client.get("/sandboxes")).size()).isZero();
    assertThat(json(client.get("/networks/back")).get("Containers").size()).isZero();
    assertThat(daemon.kernel.listNetNs()).isEmpty();
  }

  @Test
  void anExistingNamespaceIsAdoptedAndKeptAtDeletion() throws Exception {
    Path external = daemon.root.resolve("elsewhere");
    daemon.kernel.addExternalNetNs(external);
    Answer created =
        client.post(
            "/sandboxes/create", "{\"Name\":\"adopted\",\"NetnsPath\":\"" + external + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode sandbox = json(client.get("/sandboxes/adopted"));
    assertThat(sandbox.get("NetnsPath").asText()).isEqualTo(external.toString());
    assertThat(sandbox.get("OwnsNetns").asBoolean()).isFalse();
    assertThat(client.post("/networks/front/connect", "{\"Container\":\"adopted\"}").status())
        .isEqualTo(200);
    assertThat(client.delete("/sandboxes/adopted").status()).isEqualTo(204);
    daemon.daemon.controller().flushDeletions();
    assertThat(daemon.kernel.stack(new NetNs(external)).listLinks())
        .extracting(link -> link.name())
        .containsExactly("lo");
  }
}
