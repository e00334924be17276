package dev.junction.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over one persistent unix-socket connection, as Docker's CLI and SDK talk to their
 * daemon. The JDK's HttpClient cannot reach a unix socket; this small client lets Junction and
 * dockerd be measured through exactly the same code. Reads bodies delimited by Content-Length, by
 * chunks, or by the end of the connection. Not thread-safe.
 */
final class UnixHttpClient implements AutoCloseable {

  /** A response: status, headers (names in lower case) and the whole body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final UnixDomainSocketAddress address;
  private SocketChannel channel;
  private byte[] buffer = new byte[16 * 1024];
  private int start;
  private int end;
  private boolean anythingReceived;

  UnixHttpClient(Path socket) {
    this.address = UnixDomainSocketAddress.of(socket);
  }

  Response get(String target) throws IOException {
    return send("GET", target, null, null);
  }

  Response delete(String target) throws IOException {
    return send("DELETE", target, null, null);
  }

  Response postJson(String target, String json) throws IOException {
    return send("POST", target, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends one request and reads its whole response. A kept-alive connection the server has closed
   * meanwhile fails before anything comes back; then the request goes once more over a new one.
   */
  Response send(String method, String target, String contentType, byte[] body) throws IOException {
    boolean reused = channel != null;
    if (!reused) {
      open();
    }
    try {
      return exchange(method, target, contentType, body);
    } catch (IOException e) {
      close();
      if (!reused || anythingReceived) {
        throw e;
      }
      open();
      return exchange(method, target, contentType, body);
    }
  }

  private void open() throws IOException {
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(address);
    start = 0;
    end = 0;
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to read or write on it either way
      }
      channel = null;
    }
  }

  private Response exchange(String method, String target, String contentType, byte[] body)
      throws IOException {
    anythingReceived = false;
    StringBuilder head =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\nHost: localhost\r\nUser-Agent: junction-bench\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    writeFully(ByteBuffer.wrap(headBytes));
    if (body != null) {
      writeFully(ByteBuffer.wrap(body));
    }
    while (true) {
      String statusLine = readLine();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: \"" + statusLine + "\"");
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = readHeaders();
      if (status / 100 == 1) {
        continue; // 100 Continue and the like: the real response follows
      }
      boolean closeAfter =
          "close".equalsIgnoreCase(headers.get("connection"))
              || (parts[0].equals("HTTP/1.0")
                  && !"keep-alive".equalsIgnoreCase(headers.get("connection")));
      byte[] content;
      if (method.equals("HEAD") || status == 204 || status == 304) {
        content = new byte[0];
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        content = readChunked();
      } else if (headers.containsKey("content-length")) {
        content = readExactly(Integer.parseInt(headers.get("content-length").strip()));
      } else {
        content = readToEnd();
        closeAfter = true;
      }
      if (closeAfter) {
        close();
      }
      return new Response(status, headers, content);
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
    return headers;
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';'); // chunk extensions: ignored
      int size =
          Integer.parseInt(
              (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
      if (size == 0) {
        readHeaders(); // trailers
        return content.toByteArray();
      }
      content.write(readExactly(size));
      if (!readLine().isEmpty()) {
        throw new IOException("chunk of " + size + " bytes not followed by CRLF");
      }
    }
  }

  /** One line without its CRLF (or LF). */
  private String readLine() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
          start = i + 1;
          return line;
        }
      }
      if (!fill()) {
        throw new EOFException("connection closed by the server");
      }
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] content = new byte[length];
    int copied = 0;
    while (copied < length) {
      if (start == end && !fill()) {
        throw new EOFException("connection closed after " + copied + " of " + length + " bytes");
      }
      int n = Math.min(length - copied, end - start);
      System.arraycopy(buffer, start, content, copied, n);
      start += n;
      copied += n;
    }
    return content;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    do {
      content.write(buffer, start, end - start);
      start = end;
    } while (fill());
    return content.toByteArray();
  }

  /** Reads more bytes after the unread ones; false at the end of the connection. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
    if (read < 0) {
      return false;
    }
    anythingReceived = true;
    end += read;
    return true;
  }
}
