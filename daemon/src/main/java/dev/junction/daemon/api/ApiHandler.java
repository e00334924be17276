package dev.junction.daemon.api;

import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.error.JunctionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves the API: takes off the version prefix, finds the route, reads the body (at most {@link
 * #MAX_BODY_BYTES}), runs the route on the request's thread (a virtual thread), and turns what it
 * answers, or throws, into Docker's statuses and {@code {"message": ...}} bodies.
 */
public final class ApiHandler extends Handler.Abstract {

  /** Request bodies above this are refused with 413: no API request needs more. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final List<Route> routes;
  private final String serverHeader;
  private final RequestObserver observer;

  /**
   * Told about every request once its answer is known, before it is written: for the log and the
   * metrics.
   */
  @FunctionalInterface
  public interface RequestObserver {
    void answered(String method, String path, String route, int status, long nanos);
  }

  public ApiHandler(List<Route> routes, String serverHeader, RequestObserver observer) {
    this.routes = List.copyOf(routes);
    this.serverHeader = serverHeader;
    this.observer = observer;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    String routeName = "unmatched";
    versionHeaders(response);
    ApiResponse answer;
    try {
      ApiVersion.Split split = ApiVersion.split(path);
      Match match = match(method, split.path());
      routeName = match.route().name();
      ApiRequest apiRequest =
          new ApiRequest(
              method,
              split.path(),
              split.version(),
              match.captures(),
              query(request),
              body(request));
      answer = match.route().handler().handle(apiRequest);
    } catch (Exception e) {
      Failure failure = Failure.of(e);
      observer.answered(method, path, routeName, failure.status(), System.nanoTime() - start);
      writeError(response, callback, failure.status(), failure.message());
      return true;
    }
    // Told before the answer is written: a client that has its answer finds the request in the
    // metrics (told after, a scrape right after the answer could miss it). A stream is timed to
    // its start, not to the client leaving.
    observer.answered(method, path, routeName, answer.status(), System.nanoTime() - start);
    try {
      write(method, response, callback, answer);
    } catch (Exception e) {
      Failure failure = Failure.of(e);
      writeError(response, callback, failure.status(), failure.message());
    }
    return true;
  }

  /** What an exception becomes: Docker's status for it, and the message of the answer. */
  private record Failure(int status, String message) {
    static Failure of(Exception e) {
      return switch (e) {
        case JunctionException j -> new Failure(j.kind().httpStatus(), j.getMessage());
        case IllegalArgumentException i -> new Failure(400, i.getMessage());
        case RouteException r -> new Failure(r.status, r.getMessage());
        default -> {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          yield new Failure(500, "internal error: " + e);
        }
      };
    }
  }

  private void versionHeaders(Response response) {
    response.getHeaders().put("Api-Version", ApiVersion.CURRENT);
    response.getHeaders().put("Ostype", "linux");
    response.getHeaders().put(HttpHeader.SERVER, serverHeader);
  }

  private record Match(Route route, List<String> captures) {}

  private Match match(String method, String path) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        List<String> captures = new ArrayList<>();
        for (int group = 1; group <= matcher.groupCount(); group++) {
          captures.add(matcher.group(group));
        }
        return new Match(route, captures);
      }
    }
    if (pathKnown) {
      throw new RouteException(405, "method " + method + " is not allowed on " + path);
    }
    throw new RouteException(404, "page not found");
  }

  private static Map<String, List<String>> query(Request request) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    for (Fields.Field field : fields) {
      query.put(field.getName(), List.copyOf(field.getValues()));
    }
    return query;
  }

  private static String body(Request request) throws IOException {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (declared == 0) {
      return "";
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') >= 0) {
        throw new InvalidParameterException("request body is not valid UTF-8");
      }
      return text;
    }
  }

  private static RouteException tooLarge() {
    return new RouteException(
        413, "request body is larger than the limit of " + MAX_BODY_BYTES + " bytes");
  }

  private static void write(String method, Response response, Callback callback, ApiResponse answer)
      throws IOException, InterruptedException {
    response.setStatus(answer.status());
    switch (answer) {
      case ApiResponse.Whole whole -> {
        if (whole.contentType() != null) {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, whole.contentType());
        }
        if (whole.body() == null || method.equals("HEAD")) {
          if (whole.body() != null) {
            response
                .getHeaders()
                .put(
                    HttpHeader.CONTENT_LENGTH,
                    whole.body().getBytes(StandardCharsets.UTF_8).length);
          }
          response.write(true, null, callback);
        } else {
          Content.Sink.write(response, true, whole.body(), callback);
        }
      }
      case ApiResponse.Streamed streamed -> {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, streamed.contentType());
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
          streamed.writer().writeTo(out);
        } catch (IOException e) {
          // The client went away: the stream is over, nothing to tell anyone.
        }
        callback.succeeded();
      }
    }
  }

  private static void writeError(Response response, Callback callback, int status, String message) {
    if (response.isCommitted()) {
      callback.failed(new IOException(message));
      return;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    Content.Sink.write(response, true, Json.write(Map.of("message", message)) + "\n", callback);
  }

  /** A request the routing itself refuses: 404, 405, 413. */
  private static final class RouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    RouteException(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
