package dev.junction.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for the daemon in tests: a unix socket in a test's directory, answering each request
 * with what the test's handler says, and keeping every request for the test to look at.
 */
public final class TestDaemon implements AutoCloseable {

  /** A request as it arrived. */
  public record Request(String method, String target, Map<String, String> headers, String body) {
    /** The path without its query. */
    public String path() {
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }

    /** A query parameter's decoded value, or null. */
    public String query(String name) {
      int query = target.indexOf('?');
      if (query < 0) {
        return null;
      }
      for (String pair : target.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        if (pair.substring(0, equals).equals(name)) {
          return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }
      }
      return null;
    }
  }

  /** Raw response bytes: status line, headers, body. */
  public static byte[] json(int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n";
    return concat(head.getBytes(StandardCharsets.ISO_8859_1), bytes);
  }

  /** A chunked response, one chunk per part. */
  public static byte[] chunked(int status, String... parts) {
    StringBuilder text =
        new StringBuilder("HTTP/1.1 " + status + " X\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (String part : parts) {
      int length = part.getBytes(StandardCharsets.UTF_8).length;
      text.append(Integer.toHexString(length)).append("\r\n").append(part).append("\r\n");
    }
    text.append("0\r\n\r\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] empty(int status) {
    return ("HTTP/1.1 " + status + " X\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private final Path socket;
  private final ServerSocketChannel server;
  private final Function<Request, byte[]> handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;

  public TestDaemon(Path directory, Function<Request, byte[]> handler) throws IOException {
    this.socket = directory.resolve("junction.sock");
    this.handler = handler;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.thread = Thread.ofPlatform().daemon().name("test-daemon").start(this::serve);
  }

  public String host() {
    return "unix://" + socket;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  public Request lastRequest() {
    return requests.getLast();
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel connection = server.accept()) {
        InputStream in = Channels.newInputStream(connection);
        Request request = read(in);
        requests.add(request);
        OutputStream out = Channels.newOutputStream(connection);
        out.write(handler.apply(request));
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static Request read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] bytes = head.toByteArray();
      int n = bytes.length;
      if (n >= 4
          && bytes[n - 4] == '\r'
          && bytes[n - 3] == '\n'
          && bytes[n - 2] == '\r'
          && bytes[n - 1] == '\n') {
        break;
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Request(requestLine[0], requestLine[1], headers, body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
