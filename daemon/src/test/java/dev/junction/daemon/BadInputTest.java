package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.testkit.http.UnixHttpClient;
import dev.junction.testkit.http.UnixHttpClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests get a 4xx with a message that names what is wrong, and change nothing: the lists of
 * networks and sandboxes and the kernel's log of changes are the same before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDaemon daemon;

  @BeforeAll
  void start() throws Exception {
    daemon = new TestDaemon();
    UnixHttpClient client = daemon.client;
    assertThat(
            client
                .post(
                    "/networks/create",
                    "{\"Name\":\"front\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.9.0.0/24\"}]}}")
                .status())
        .isEqualTo(201);
    assertThat(client.post("/sandboxes/create", "{\"Name\":\"web\"}").status()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    daemon.close();
  }

  static Stream<Arguments> badRequests() {
    String longName = "n".repeat(129);
    return Stream.of(
        Arguments.of("POST", "/networks/create", "{\"Name\":", 400, "malformed JSON"),
        Arguments.of("POST", "/networks/create", "", 400, "request body is empty"),
        Arguments.of("POST", "/networks/create", "[]", 400, "wrong type"),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"a\"} {}", 400, "trailing"),
        Arguments.of("POST", "/networks/create", "{\"Name\":5}", 400, "\"Name\""),
        Arguments.of(
            "POST", "/networks/create", "{\"Name\":\"a\",\"Internal\":\"yes\"}", 400, "Internal"),
        Arguments.of(
            "POST", "/networks/create", "{\"Name\":\"a\",\"Colour\":\"red\"}", 400, "Colour"),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"\"}", 400, "name is empty"),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"" + longName + "\"}", 400, longName),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"a b\"}", 400, "\"a b\""),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"../x\"}", 400, "\"../x\""),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"-x\"}", 400, "\"-x\""),
        Arguments.of(
            "POST",
            "/networks/create",
            "{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.0.0.0/33\"}]}}",
            400,
            "10.0.0.0/33"),
        Arguments.of(
            "POST",
            "/networks/create",
            "{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"banana\"}]}}",
            400,
            "banana"),
        Arguments.of(
            "POST",
            "/networks/create",
            "{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.1.0.0/24\","
                + "\"Gateway\":\"10.2.0.1\"}]}}",
            400,
            "10.2.0.1"),
        Arguments.of(
            "POST",
            "/networks/create",
            "{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.9.0.0/25\"}]}}",
            403,
            "10.9.0.0/25"),
        Arguments.of(
            "POST", "/networks/create", "{\"Name\":\"a\",\"Driver\":\"weave\"}", 404, "weave"),
        Arguments.of("POST", "/networks/create", "{\"Name\":\"bridge\"}", 409, "bridge"),
        Arguments.of("POST", "/networks/front/connect", "{}", 400, "Container"),
        Arguments.of(
            "POST",
            "/networks/front/connect",
            "{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":"
                + "{\"IPv4Address\":\"10.9.1.5\"}}}",
            400,
            "10.9.1.5"),
        Arguments.of(
            "POST",
            "/networks/front/connect",
            "{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":"
                + "{\"IPv4Address\":\"nope\"}}}",
            400,
            "nope"),
        Arguments.of("POST", "/networks/front/disconnect", "{\"Container\":\"web\"}", 404, "web"),
        Arguments.of("POST", "/sandboxes/create", "{\"Name\":\"web\"}", 409, "web"),
        Arguments.of("POST", "/sandboxes/create", "{\"Name\":\"../etc\"}", 400, "../etc"),
        Arguments.of(
            "POST", "/sandboxes/create", "{\"Name\":\"x\",\"ExtraHosts\":[\"db\"]}", 400, "db"),
        Arguments.of(
            "POST",
            "/sandboxes/create",
            "{\"Name\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"nowhere\":{}}}}",
            404,
            "nowhere"),
        Arguments.of(
            "POST",
            "/sandboxes/create",
            "{\"Name\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"front\":"
                + "{\"IPAMConfig\":{\"IPv4Address\":\"10.99.0.1\"}}}}}",
            400,
            "10.99.0.1"),
        Arguments.of("POST", "/sandboxes/create", "{\"Name\":\"x\",\"Pid\":-4}", 400, "-4"),
        Arguments.of(
            "POST",
            "/sandboxes/create",
            "{\"Name\":\"x\",\"NetnsPath\":\"rel/ns\"}",
            400,
            "rel/ns"),
        Arguments.of("DELETE", "/networks/nothing", null, 404, "nothing"),
        Arguments.of("DELETE", "/sandboxes/nothing", null, 404, "nothing"),
        Arguments.of("GET", "/containers/json", null, 404, "page not found"),
        Arguments.of("PUT", "/networks/front", null, 405, "PUT"),
        Arguments.of("GET", "/v1.12/networks", null, 400, "too old"));
  }

  private String state() throws Exception {
    return daemon.client.get("/networks").body()
        + daemon.client.get("/sandboxes").body()
        + kernelState();
  }

  /** What the kernel holds: namespaces and the links of the host namespace. */
  private String kernelState() {
    return daemon.kernel.listNetNs()
        + " "
        + daemon.kernel.stack(daemon.kernel.currentNetNs()).listLinks();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("badRequests")
  void isRefusedAndChangesNothing(
      String method, String path, String body, int status, String fragment) throws Exception {
    String before = state();
    Answer answer = daemon.client.send(method, path, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(answer.body()).get("message").asText()).contains(fragment);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void bodiesOverOneMebibyteAreRefusedWith413() throws Exception {
    String before = state();
    String huge = "{\"Name\":\"" + "x".repeat(2 << 20) + "\"}";
    Answer declared = daemon.client.post("/networks/create", huge);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(JSON.readTree(declared.body()).get("message").asText()).contains("1048576");

    byte[] head =
        ("POST /networks/create HTTP/1.1\r\nHost: j\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] content = huge.getBytes(StandardCharsets.UTF_8);
    String chunked = Integer.toHexString(content.length) + "\r\n" + huge + "\r\n0\r\n\r\n";
    Answer streamed = daemon.client.raw(head, chunked.getBytes(StandardCharsets.UTF_8));
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void malformedHttpGetsAJsonError() throws Exception {
    Answer answer =
        daemon.client.raw(
            "GET /networks/%2e%2e/%2fetc HTTP/1.1\r\nHost: j\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII),
            new byte[0]);
    assertThat(answer.status()).isBetween(400, 499);
    assertThat(answer.body()).contains("\"message\"");
  }
}
