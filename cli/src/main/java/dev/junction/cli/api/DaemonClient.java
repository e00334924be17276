package dev.junction.cli.api;

import dev.junction.cli.http.DaemonAddress;
import dev.junction.cli.http.HttpRequest;
import dev.junction.cli.http.HttpResponse;
import dev.junction.cli.http.ResponseStream;
import dev.junction.cli.http.SocketHttpClient;
import dev.junction.cli.json.JsonSyntaxException;
import dev.junction.cli.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's API as JSON calls on versioned paths. Error statuses become {@link DaemonException}s
 * carrying the daemon's message.
 */
public final class DaemonClient {

  /** The API version the CLI speaks: Docker Engine API 1.50, as docker 28 does. */
  public static final String API_VERSION = "1.50";

  private final SocketHttpClient http;

  public DaemonClient(DaemonAddress address) {
    this.http = new SocketHttpClient(address);
  }

  public DaemonAddress address() {
    return http.address();
  }

  /** GET, answering the body's JSON. */
  public JsonValue get(ApiPath path) throws IOException {
    return parse(getText(path), path);
  }

  /** GET, answering the body as the daemon sent it: inspect shows it without re-encoding. */
  public String getText(ApiPath path) throws IOException {
    return check(http.send(HttpRequest.get(versioned(path)))).text();
  }

  /** POST with a JSON body, answering the response's JSON, or null when there is none. */
  public JsonValue post(ApiPath path, JsonValue body) throws IOException {
    HttpResponse response = check(http.send(HttpRequest.postJson(versioned(path), body.write())));
    String text = response.text();
    return text.isBlank() ? null : parse(text, path);
  }

  /**
   * Parses what the daemon sent.
   *
   * @throws IOException naming the request, when it is not JSON
   */
  public static JsonValue parse(String text, ApiPath path) throws IOException {
    try {
      return JsonValue.parse(text);
    } catch (JsonSyntaxException e) {
      throw new IOException(
          "the daemon's answer to " + path.describe() + " is not JSON: " + e.getMessage(), e);
    }
  }

  public void delete(ApiPath path) throws IOException {
    check(http.send(HttpRequest.delete(versioned(path))));
  }

  /** A line of a stream: return false to stop reading. */
  @FunctionalInterface
  public interface LineHandler {
    boolean accept(JsonValue line) throws IOException;
  }

  /**
   * GET a stream of newline-delimited JSON, handing each object to {@code handler} until the daemon
   * ends the stream or the handler returns false. Empty lines are the daemon's keep-alives.
   */
  public void stream(ApiPath path, LineHandler handler) throws IOException {
    try (ResponseStream response = http.open(HttpRequest.get(versioned(path)))) {
      if (response.status() < 200 || response.status() >= 300) {
        check(response.readFully());
        return;
      }
      String line;
      while ((line = response.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (!handler.accept(parse(line, path))) {
          return;
        }
      }
    }
  }

  private static String versioned(ApiPath path) {
    return "/v" + API_VERSION + path.target();
  }

  private static HttpResponse check(HttpResponse response) {
    if (response.successful()) {
      return response;
    }
    throw new DaemonException(response.status(), message(response));
  }

  /** The daemon's {"message": ...}, or the body as text, or the status. */
  static String message(HttpResponse response) {
    String text = new String(response.body(), StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      try {
        JsonValue message = JsonValue.parse(text).get("message");
        if (!message.isAbsent()) {
          return message.asText();
        }
      } catch (JsonSyntaxException e) {
        // not JSON after all: show the text
      }
    }
    return text.isEmpty() ? "HTTP status " + response.status() : text;
  }
}
