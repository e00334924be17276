package dev.junction.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.testkit.http.UnixHttpClient;
import dev.junction.testkit.http.UnixHttpClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /events} and {@code GET /metrics}. */
class EventsAndMetricsTest {
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

  private static List<JsonNode> events(Answer answer) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : answer.body().split("\n")) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private void scenario() throws Exception {
    assertThat(client.post("/networks/create", "{\"Name\":\"n1\"}").status()).isEqualTo(201);
    assertThat(client.post("/networks/create", "{\"Name\":\"n2\"}").status()).isEqualTo(201);
    assertThat(client.post("/sandboxes/create", "{\"Name\":\"s1\"}").status()).isEqualTo(201);
    assertThat(client.post("/networks/n1/connect", "{\"Container\":\"s1\"}").status())
        .isEqualTo(200);
    assertThat(client.post("/networks/n1/disconnect", "{\"Container\":\"s1\"}").status())
        .isEqualTo(200);
    assertThat(client.delete("/networks/n1").status()).isEqualTo(204);
    assertThat(client.post("/networks/prune", "").status()).isEqualTo(200);
    assertThat(client.delete("/sandboxes/s1").status()).isEqualTo(204);
  }

  @Test
  void pastEventsAreReplayedInDockersFormatBetweenSinceAndUntil() throws Exception {
    Instant since = Instant.now().minusSeconds(1);
    scenario();
    Instant until = Instant.now().plusMillis(200);
    Answer answer =
        client.get(
            "/v1.50/events?since="
                + since.getEpochSecond()
                + "&until="
                + until.getEpochSecond()
                + "."
                + String.format("%09d", until.getNano()));
    assertThat(answer.status()).isEqualTo(200);
    List<JsonNode> events = events(answer);
    assertThat(events)
        .extracting(e -> e.get("Type").asText() + " " + e.get("Action").asText())
        .containsSubsequence(
            "network create",
            "network create",
            "sandbox create",
            "network connect",
            "network disconnect",
            "network destroy",
            "network destroy",
            "network prune",
            "sandbox destroy");
    JsonNode connect =
        events.stream().filter(e -> e.get("Action").asText().equals("connect")).findFirst().get();
    String sandboxId = JSON.readTree(client.get("/networks/bridge").body()).get("Id").asText();
    assertThat(connect.get("Actor").get("Attributes").get("name").asText()).isEqualTo("n1");
    assertThat(connect.get("Actor").get("Attributes").get("type").asText()).isEqualTo("bridge");
    assertThat(connect.get("Actor").get("Attributes").get("container").asText()).hasSize(64);
    assertThat(connect.get("Actor").get("ID").asText()).hasSize(64).isNotEqualTo(sandboxId);
    assertThat(connect.get("scope").asText()).isEqualTo("local");
    assertThat(connect.get("timeNano").asLong() / 1_000_000_000L)
        .isEqualTo(connect.get("time").asLong());

    String filters =
        URLEncoder.encode(
            "{\"type\":{\"network\":true},\"event\":[\"destroy\"]}", StandardCharsets.UTF_8);
    Answer filtered =
        client.get(
            "/events?since="
                + since.getEpochSecond()
                + "&until="
                + (until.getEpochSecond() + 1)
                + "&filters="
                + filters);
    assertThat(events(filtered))
        .extracting(e -> e.get("Actor").get("Attributes").get("name").asText())
        .containsExactly("n1", "n2");
  }

  @Test
  void aLiveStreamReceivesNewEvents() throws Exception {
    Instant until = Instant.now().plusSeconds(2);
    CompletableFuture<Answer> stream =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client.get("/events?until=" + until.getEpochSecond());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertThat(client.post("/networks/create", "{\"Name\":\"live\"}").status()).isEqualTo(201);
    List<JsonNode> events = events(stream.get(10, TimeUnit.SECONDS));
    assertThat(events)
        .extracting(
            e ->
                e.get("Action").asText()
                    + " "
                    + e.get("Actor").get("Attributes").get("name").asText())
        .containsExactly("create live");
  }

  @Test
  void badEventParametersAreRefused() throws Exception {
    assertThat(client.get("/events?since=yesterday").status()).isEqualTo(400);
    assertThat(client.get("/events?since=20&until=10").status()).isEqualTo(400);
    Answer filter =
        client.get(
            "/events?filters=" + URLEncoder.encode("{\"colour\":[\"x\"]}", StandardCharsets.UTF_8));
    assertThat(filter.status()).isEqualTo(400);
  }

  @Test
  void metricsCountRequestsTimeOperationsAndReadStateFromTheEngine() throws Exception {
    scenario();
    assertThat(
            client
                .post(
                    "/networks/create",
                    "{\"Name\":\"front\",\"IPAM\":{\"Config\":"
                        + "[{\"Subnet\":\"10.3.0.0/24\"}]}}")
                .status())
        .isEqualTo(201);
    assertThat(
            client
                .post(
                    "/sandboxes/create",
                    "{\"Name\":\"a\",\"NetworkingConfig\":"
                        + "{\"EndpointsConfig\":{\"front\":{}}}}")
                .status())
        .isEqualTo(201);
    client.get("/networks/nothing");
    Answer answer = client.get("/metrics");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    String text = answer.body();
    assertThat(text)
        .contains("junction_api_requests_total{route=\"POST /networks/create\",code=\"201\"} 3")
        .contains("junction_api_requests_total{route=\"GET /networks/{id}\",code=\"404\"} 1")
        .contains(
            "junction_api_request_duration_seconds_count{route=\"POST /networks/{id}/connect\"} 1")
        .contains("junction_connect_duration_seconds_count 2")
        .contains("junction_disconnect_duration_seconds_count 1")
        .contains("junction_networks 4\n")
        .contains("junction_sandboxes 1\n")
        .contains("junction_endpoints 1\n")
        .contains(
            "junction_network_addresses{network=\"front\",subnet=\"10.3.0.0/24\",state=\"used\"} 1")
        .contains(
            "junction_network_addresses{network=\"front\",subnet=\"10.3.0.0/24\",state=\"free\"} 252");
    // how long the engine took to start, in seconds: more than nothing, less than a minute
    java.util.regex.Matcher start =
        java.util.regex.Pattern.compile("(?m)^junction_engine_start_seconds (\\S+)$").matcher(text);
    assertThat(start.find()).as("junction_engine_start_seconds in\n" + text).isTrue();
    assertThat(Double.parseDouble(start.group(1))).isBetween(1e-6, 60.0);
    assertThat(daemon.log()).contains("debug POST /networks/create 201");
  }
}
