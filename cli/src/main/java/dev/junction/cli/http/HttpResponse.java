package dev.junction.cli.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A whole response.
 *
 * @param headers names in lower case; a repeated header keeps its last value
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  public HttpResponse {
    headers = Map.copyOf(headers);
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public boolean successful() {
    return status >= 200 && status < 300;
  }
}
