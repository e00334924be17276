package dev.junction.daemon.api;

import java.util.regex.Pattern;

/**
 * One route: a method, a path pattern (whose groups become {@link ApiRequest#captures()}), a name
 * for metrics ({@code POST /networks/{id}/connect}), and what answers it.
 */
public record Route(String method, Pattern pattern, String name, Handler handler) {

  /** Answers a request. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request) throws Exception;
  }

  /** A route for {@code path}, where {@code {id}} matches one path segment. */
  public static Route of(String method, String path, Handler handler) {
    String regex = "^" + path.replace("{id}", "([^/]+)") + "/?$";
    return new Route(method, Pattern.compile(regex), method + " " + path, handler);
  }
}
