package dev.junction.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.core.error.NotFoundException;
import dev.junction.testkit.http.UnixHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {

  private final Map<String, AtomicInteger> told = new ConcurrentHashMap<>();
  private Path directory;
  private Server server;
  private UnixHttpClient client;

  @BeforeEach
  void start() throws Exception {
    directory = Files.createTempDirectory("api-handler-test");
    Path socket = directory.resolve("api.sock");
    ApiHandler handler =
        new ApiHandler(
            List.of(
                Route.of("GET", "/there", request -> ApiResponse.json(200, Map.of("a", 1))),
                Route.of(
                    "GET",
                    "/missing",
                    request -> {
                      throw new NotFoundException("no such thing");
                    })),
            "Test/1",
            (method, path, route, status, nanos) -> {
              // As slow as a loaded machine may make it: the client must not have its answer
              // before this is done.
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              told.computeIfAbsent(route + " " + status, k -> new AtomicInteger())
                  .incrementAndGet();
            });
    server = new Server();
    UnixDomainServerConnector connector =
        new UnixDomainServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
    connector.setUnixDomainPath(socket);
    server.addConnector(connector);
    server.setHandler(handler);
    server.start();
    client = new UnixHttpClient(socket);
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    Files.deleteIfExists(directory.resolve("api.sock"));
    Files.deleteIfExists(directory);
  }

  @Test
  void aRequestIsToldToTheObserverBeforeItsAnswerReachesTheClient() throws Exception {
    assertThat(client.get("/there").status()).isEqualTo(200);
    assertThat(told).containsOnlyKeys("GET /there 200");
    assertThat(told.get("GET /there 200").get()).isEqualTo(1);
  }

  @Test
  void aRefusedRequestIsToldWithItsStatusBeforeItsAnswerReachesTheClient() throws Exception {
    UnixHttpClient.Answer answer = client.get("/missing");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body()).contains("no such thing");
    assertThat(told).containsOnlyKeys("GET /missing 404");
  }
}
