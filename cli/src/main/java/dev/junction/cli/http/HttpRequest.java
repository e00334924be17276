package dev.junction.cli.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP/1.1 request.
 *
 * @param target the path and query, already encoded: {@code /v1.50/networks?filters=...}
 * @param body empty for none; sent with a {@code Content-Length}
 * @param contentType the body's type, or null without a body
 */
public record HttpRequest(String method, String target, byte[] body, String contentType) {

  public HttpRequest {
    Objects.requireNonNull(method);
    Objects.requireNonNull(target);
    body = body == null ? new byte[0] : body;
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("invalid request target \"" + target + "\"");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c >= 0x7f) { // a space or line break would end the request line
        throw new IllegalArgumentException("invalid request target \"" + target + "\"");
      }
    }
  }

  public static HttpRequest get(String target) {
    return new HttpRequest("GET", target, null, null);
  }

  public static HttpRequest delete(String target) {
    return new HttpRequest("DELETE", target, null, null);
  }

  public static HttpRequest postJson(String target, String json) {
    return new HttpRequest(
        "POST", target, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  /** The request line and headers, ending with the empty line. */
  byte[] head(String host) {
    StringBuilder head = new StringBuilder(160);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    head.append("User-Agent: junction-cli\r\n");
    // One request per connection: the server closes after answering, so a body without a
    // length (an old server's) still has a clear end.
    head.append("Connection: close\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
