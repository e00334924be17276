package dev.junction.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted server on a unix socket: framing, keep-alive, reconnection. */
@Timeout(10)
class UnixHttpClientTest {

  @TempDir Path dir;

  private ScriptedServer server;

  /**
   * Answers each request with the next scripted bytes; a script entry of {@link #DROP} closes the
   * connection instead of answering. Records the requests' heads and bodies.
   */
  private static final class ScriptedServer implements AutoCloseable {
    static final String DROP = "(close the connection)";

    final Deque<String> answers = new ArrayDeque<>();
    final List<String> requests = new ArrayList<>();
    int connections;
    private final ServerSocketChannel listener;
    private final Thread thread;

    ScriptedServer(Path socket) throws IOException {
      listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      listener.bind(UnixDomainSocketAddress.of(socket));
      thread = Thread.ofPlatform().daemon().start(this::serve);
    }

    private void serve() {
      try {
        while (true) {
          try (SocketChannel connection = listener.accept()) {
            synchronized (this) {
              connections++;
            }
            while (true) {
              String request = readRequest(connection);
              if (request == null) {
                break;
              }
              String answer;
              synchronized (this) {
                requests.add(request);
                answer = answers.poll();
              }
              if (answer == null || answer.equals(DROP)) {
                break; // close without answering: a stale kept-alive connection
              }
              connection.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.ISO_8859_1)));
              if (answer.contains("Connection: close") || answer.contains("HTTP/1.0")) {
                break; // the end of the connection ends the response
              }
            }
          }
        }
      } catch (IOException closed) {
        // the test is over
      }
    }

    /** Head and body of one request, or null at the end of the connection. */
    private static String readRequest(SocketChannel connection) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ByteBuffer one = ByteBuffer.allocate(1);
      while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        one.clear();
        if (connection.read(one) < 0) {
          return null;
        }
        bytes.write(one.get(0));
      }
      String head = bytes.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      while (body.hasRemaining() && connection.read(body) >= 0) {
        // until the whole body is in
      }
      return head + new String(body.array(), StandardCharsets.UTF_8);
    }

    synchronized void script(String... responses) {
      for (String response : responses) {
        answers.add(response);
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      thread.interrupt();
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer(dir.resolve("api.sock"));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private UnixHttpClient client() {
    return new UnixHttpClient(dir.resolve("api.sock"));
  }

  @Test
  void readsBodiesByLengthAndByChunksOverOneConnection() throws IOException {
    server.script(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
            + "{\"Id\":\"a\"}\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4\r\n{\"st\r\n6;ext=1\r\natus\":\r\n3\r\n1}\n\r\n0\r\nTrailer: x\r\n\r\n",
        "HTTP/1.1 204 No Content\r\nServer: test\r\n\r\n");
    try (UnixHttpClient client = client()) {
      UnixHttpClient.Response created =
          client.postJson("/v1.50/networks/create", "{\"Name\":\"n\"}");
      UnixHttpClient.Response chunked = client.get("/v1.50/events");
      UnixHttpClient.Response deleted = client.delete("/v1.50/networks/a");

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.header("content-type")).isEqualTo("application/json");
      assertThat(created.text()).isEqualTo("{\"Id\":\"a\"}\n");
      assertThat(chunked.text()).isEqualTo("{\"status\":1}\n");
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();
    }
    assertThat(server.connections).isEqualTo(1);
    assertThat(server.requests.getFirst())
        .startsWith("POST /v1.50/networks/create HTTP/1.1\r\n")
        .contains("Content-Type: application/json\r\n", "Content-Length: 12\r\n")
        .endsWith("\r\n\r\n{\"Name\":\"n\"}");
    assertThat(server.requests.get(2)).startsWith("DELETE /v1.50/networks/a HTTP/1.1\r\n");
  }

  @Test
  void skipsInterimResponsesAndReadsToTheEndWithoutALength() throws IOException {
    server.script("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nall of it");
    try (UnixHttpClient client = client()) {
      UnixHttpClient.Response response = client.get("/_ping");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("all of it");
    }
  }

  @Test
  void sendsAgainOverANewConnectionWhenTheKeptOneWasClosed() throws IOException {
    server.script(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK",
        ScriptedServer.DROP, // the server drops the idle connection instead of answering
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nOK2");
    try (UnixHttpClient client = client()) {
      assertThat(client.get("/_ping").text()).isEqualTo("OK");
      assertThat(client.get("/_ping").text()).isEqualTo("OK2");
    }
    assertThat(server.connections).isEqualTo(2);
  }

  @Test
  void opensANewConnectionAfterTheServerSaidClose() throws IOException {
    server.script(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
    try (UnixHttpClient client = client()) {
      assertThat(client.get("/a").text()).isEqualTo("a");
      assertThat(client.get("/b").text()).isEqualTo("b");
    }
    assertThat(server.connections).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("api.sock"))).isTrue();
  }
}
