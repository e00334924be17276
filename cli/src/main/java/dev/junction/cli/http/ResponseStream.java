package dev.junction.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response whose head has been read and whose body is read as it arrives: for {@code GET
 * /events}, which never ends on its own. Closing it closes the connection.
 */
public final class ResponseStream implements AutoCloseable {
  private final SocketChannel channel;
  private final int status;
  private final Map<String, String> headers;
  private final InputStream body;

  ResponseStream(SocketChannel channel, int status, Map<String, String> headers, InputStream body) {
    this.channel = channel;
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** Header values by lower-case name. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body, with the transfer encoding taken off. */
  public InputStream body() {
    return body;
  }

  /**
   * The next line of the body without its line end ({@code \n} or {@code \r\n}), or null at the end
   * of the body. A last line without a line end is returned too.
   */
  public String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    int b;
    while ((b = body.read()) >= 0) {
      if (b == '\n') {
        return strip(line);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : strip(line);
  }

  private static String strip(ByteArrayOutputStream line) {
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** Reads the rest of the body and closes. */
  public HttpResponse readFully() throws IOException {
    try (this) {
      return new HttpResponse(status, headers, body.readAllBytes());
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
