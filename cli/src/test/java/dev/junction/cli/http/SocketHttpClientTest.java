package dev.junction.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.TestDaemon;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketHttpClientTest {

  @TempDir Path directory;

  private SocketHttpClient client(TestDaemon daemon) {
    return new SocketHttpClient(DaemonAddress.parse(daemon.host()));
  }

  @Test
  void readsABodyByContentLengthAndSendsTheRequestAsHttp11() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(directory, request -> TestDaemon.json(201, "{\"Id\":\"abc\"}"))) {
      HttpResponse response =
          client(daemon).send(HttpRequest.postJson("/v1.50/networks/create", "{\"Name\":\"né\"}"));

      assertThat(response.status()).isEqualTo(201);
      assertThat(response.text()).isEqualTo("{\"Id\":\"abc\"}");
      assertThat(response.headers()).containsEntry("content-type", "application/json");
      TestDaemon.Request request = daemon.lastRequest();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.target()).isEqualTo("/v1.50/networks/create");
      assertThat(request.headers())
          .containsEntry("host", "junction")
          .containsEntry("content-type", "application/json")
          .containsEntry("content-length", "14");
      assertThat(request.body()).isEqualTo("{\"Name\":\"né\"}");
    }
  }

  @Test
  void getSendsNoBodyAndNoLength() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, request -> TestDaemon.json(200, "[]"))) {
      client(daemon).send(HttpRequest.get("/v1.50/networks"));

      assertThat(daemon.lastRequest().headers()).doesNotContainKey("content-length");
      assertThat(daemon.lastRequest().body()).isEmpty();
    }
  }

  @Test
  void decodesChunkedBodiesWithExtensionsAndTrailers() throws Exception {
    byte[] raw =
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n"
                + "1\r\n \r\n"
                + "6\r\nwörld\r\n"
                + "0\r\nTrailer: x\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    try (TestDaemon daemon = new TestDaemon(directory, request -> raw)) {
      HttpResponse response = client(daemon).send(HttpRequest.get("/x"));

      assertThat(response.text()).isEqualTo("hello wörld");
    }
  }

  @Test
  void readsAStreamLineByLineAsItArrives() throws Exception {
    try (TestDaemon daemon =
        new TestDaemon(
            directory,
            request -> TestDaemon.chunked(200, "{\"a\":1}\n", "\n", "{\"b\"", ":2}\r\n"))) {
      List<String> lines = new ArrayList<>();
      try (ResponseStream stream = client(daemon).open(HttpRequest.get("/events"))) {
        String line;
        while ((line = stream.readLine()) != null) {
          lines.add(line);
        }
      }

      assertThat(lines).containsExactly("{\"a\":1}", "", "{\"b\":2}");
    }
  }

  @Test
  void answersNoBodyFor204() throws Exception {
    try (TestDaemon daemon = new TestDaemon(directory, request -> TestDaemon.empty(204))) {
      HttpResponse response = client(daemon).send(HttpRequest.delete("/v1.50/networks/x"));

      assertThat(response.status()).isEqualTo(204);
      assertThat(response.body()).isEmpty();
      assertThat(daemon.lastRequest().method()).isEqualTo("DELETE");
    }
  }

  @Test
  void aBodyCutShortIsAnError() throws Exception {
    byte[] raw =
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".getBytes(StandardCharsets.UTF_8);
    try (TestDaemon daemon = new TestDaemon(directory, request -> raw)) {
      assertThatThrownBy(() -> client(daemon).send(HttpRequest.get("/x")))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("5 bytes before the end");
    }
  }

  @Test
  void aChunkCutShortIsAnError() throws Exception {
    byte[] raw =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nabc"
            .getBytes(StandardCharsets.UTF_8);
    try (TestDaemon daemon = new TestDaemon(directory, request -> raw)) {
      assertThatThrownBy(() -> client(daemon).send(HttpRequest.get("/x")))
          .isInstanceOf(EOFException.class);
    }
  }

  @Test
  void somethingThatIsNotHttpIsNamed() throws Exception {
    byte[] raw = "SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    try (TestDaemon daemon = new TestDaemon(directory, request -> raw)) {
      assertThatThrownBy(() -> client(daemon).send(HttpRequest.get("/x")))
          .isInstanceOf(IOException.class)
          .hasMessage("not an HTTP response: \"SSH-2.0-OpenSSH\"");
    }
  }

  @Test
  void aMissingSocketIsUnreachable() {
    SocketHttpClient client =
        new SocketHttpClient(DaemonAddress.parse("unix://" + directory.resolve("none.sock")));

    assertThatThrownBy(() -> client.send(HttpRequest.get("/_ping")))
        .isInstanceOf(DaemonUnreachableException.class)
        .satisfies(
            e -> {
              DaemonUnreachableException unreachable = (DaemonUnreachableException) e;
              assertThat(unreachable.address().toString())
                  .isEqualTo("unix://" + directory.resolve("none.sock"));
              assertThat(unreachable.permissionDenied()).isFalse();
            });
  }

  @Test
  void aSocketNobodyListensOnRefuses() throws Exception {
    Path file = directory.resolve("stale.sock");
    try (ServerSocketChannel server =
        ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(file));
    } // closed: the file stays, nothing listens
    assertThat(Files.exists(file)).isTrue();
    SocketHttpClient client = new SocketHttpClient(DaemonAddress.parse("unix://" + file));

    assertThatThrownBy(() -> client.send(HttpRequest.get("/_ping")))
        .isInstanceOf(DaemonUnreachableException.class)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void speaksTcpToLoopback() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      Thread answer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (SocketChannel connection = server.accept()) {
                      Channels.newInputStream(connection).read(new byte[4096]);
                      OutputStream out = Channels.newOutputStream(connection);
                      out.write(TestDaemon.json(200, "\"OK\""));
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  });
      HttpResponse response =
          new SocketHttpClient(DaemonAddress.parse("tcp://127.0.0.1:" + port))
              .send(HttpRequest.get("/_ping"));
      answer.join();

      assertThat(response.text()).isEqualTo("\"OK\"");
    }
  }

  @Test
  void refusesRequestTargetsThatWouldBreakTheRequestLine() {
    assertThatThrownBy(() -> HttpRequest.get("/networks/a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/networks/a b");
    assertThatThrownBy(() -> HttpRequest.get("networks"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
