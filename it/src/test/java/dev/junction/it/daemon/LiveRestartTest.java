package dev.junction.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.testkit.http.UnixHttpClient;
import dev.junction.testkit.http.UnixHttpClient.Answer;
import dev.junction.testkit.ns.RootNamespaceGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A graceful restart under load: 50 sandboxes on 5 networks, a ping running between two of them all
 * through the stop and the start; no packet may be lost, and the API must show exactly the same
 * before and after.
 */
@ExtendWith(RootNamespaceGuard.class)
class LiveRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NETWORKS = 5;
  private static final int SANDBOXES = 50;

  private static JsonNode json(Answer answer, int status) throws IOException {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    return JSON.readTree(answer.body());
  }

  /** Every view of the API: the lists, and each network and sandbox inspected. */
  private static Map<String, JsonNode> views(UnixHttpClient http) throws IOException {
    Map<String, JsonNode> views = new LinkedHashMap<>();
    JsonNode networks = json(http.get("/networks"), 200);
    JsonNode sandboxes = json(http.get("/sandboxes"), 200);
    views.put("/networks", networks);
    views.put("/sandboxes", sandboxes);
    for (JsonNode network : networks) {
      String path = "/networks/" + network.get("Id").asText();
      views.put(path, json(http.get(path), 200));
    }
    for (JsonNode sandbox : sandboxes) {
      String path = "/sandboxes/" + sandbox.get("Id").asText();
      views.put(path, json(http.get(path), 200));
    }
    return views;
  }

  @Test
  void fiftySandboxesKeepTheirTrafficAndTheApiItsViewsThroughARestart() throws Exception {
    try (DaemonProcess daemon = DaemonProcess.start()) {
      UnixHttpClient http = new UnixHttpClient(daemon.socket());
      for (int n = 0; n < NETWORKS; n++) {
        json(
            http.post(
                "/networks/create",
                "{\"Name\":\"ln"
                    + n
                    + "\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.91."
                    + n
                    + ".0/24\"}]}}"),
            201);
      }
      for (int s = 0; s < SANDBOXES; s++) {
        json(
            http.post(
                "/sandboxes/create",
                "{\"Name\":\"ls"
                    + s
                    + "\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"ln"
                    + (s % NETWORKS)
                    + "\":{}}}}"),
            201);
      }
      String target =
          json(http.get("/sandboxes/ls5"), 200)
              .get("NetworkSettings")
              .get("Networks")
              .get("ln0")
              .get("IPAddress")
              .asText();
      Map<String, JsonNode> before = views(http);

      // 200 echo requests 50 ms apart: 10 s, across the stop and the start
      Process ping =
          new ProcessBuilder(
                  "nsenter",
                  "--net=" + daemon.sandboxNs("ls0").path(),
                  "ping",
                  "-n",
                  "-c",
                  "200",
                  "-i",
                  "0.05",
                  "-W",
                  "1",
                  target)
              .redirectErrorStream(true)
              .start();
      try {
        Thread.sleep(500);
        assertThat(daemon.stop()).as("stopped by SIGTERM in time").isTrue();
        Thread.sleep(500); // the daemon is down: the kernel carries the traffic alone
        daemon.restart();
        Map<String, JsonNode> after = views(new UnixHttpClient(daemon.socket()));
        assertThat(after).isEqualTo(before);
        assertThat(ping.waitFor(60, TimeUnit.SECONDS)).as("ping ends").isTrue();
        String summary = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(summary)
            .as(summary)
            .contains("200 packets transmitted, 200 received, 0% packet loss");
      } finally {
        ping.destroyForcibly();
        ping.waitFor();
      }
      JsonNode check = json(new UnixHttpClient(daemon.socket()).get("/system/check"), 200);
      assertThat(check.get("Clean").asBoolean()).as(check.toString()).isTrue();
    }
  }
}
