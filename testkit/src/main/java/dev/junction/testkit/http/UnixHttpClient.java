package dev.junction.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a unix socket for tests: one request per connection, the whole
 * answer read until the server closes, chunked bodies decoded.
 */
public final class UnixHttpClient {
  private final Path socket;

  public UnixHttpClient(Path socket) {
    this.socket = socket;
  }

  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public Answer get(String path) throws IOException {
    return send("GET", path, null);
  }

  public Answer post(String path, String body) throws IOException {
    return send("POST", path, body);
  }

  public Answer delete(String path) throws IOException {
    return send("DELETE", path, null);
  }

  public Answer send(String method, String path, String body) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: junction\r\nConnection: close\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    return exchange(head.toString().getBytes(StandardCharsets.UTF_8), content);
  }

  /** Sends bytes as they are, for requests a well-behaved client would not make. */
  public Answer raw(byte[] head, byte[] content) throws IOException {
    return exchange(head, content);
  }

  private Answer exchange(byte[] head, byte[] content) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      var out = Channels.newOutputStream(channel);
      out.write(head);
      try {
        out.write(content);
      } catch (IOException e) {
        // the server may refuse a large body before reading it: read its answer all the same
      }
      out.flush();
      return parse(Channels.newInputStream(channel));
    }
  }

  private static Answer parse(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      while (true) {
        int size = Integer.parseInt(line(in).trim(), 16);
        if (size == 0) {
          break;
        }
        all.write(in.readNBytes(size));
        line(in);
      }
      body = all.toByteArray();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
