package dev.junction.cli.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path of the API below its version prefix, with its query: built from segments, so that a name
 * given on the command line can never add a segment or a parameter.
 */
public final class ApiPath {
  private final StringBuilder path = new StringBuilder();
  private final List<String> query = new ArrayList<>();

  private ApiPath() {}

  /** {@code of("networks", name, "connect")} is {@code /networks/NAME/connect}. */
  public static ApiPath of(String... segments) {
    ApiPath apiPath = new ApiPath();
    for (String segment : segments) {
      apiPath.path.append('/').append(encodeSegment(segment));
    }
    return apiPath;
  }

  /** Adds a query parameter; empty values are left out, as the docker CLI does. */
  public ApiPath query(String name, String value) {
    if (value != null && !value.isEmpty()) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return this;
  }

  String target() {
    return query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
  }

  public String describe() {
    return path.toString();
  }

  @Override
  public String toString() {
    return target();
  }

  private static String encodeSegment(String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("empty path segment");
    }
    StringBuilder encoded = new StringBuilder(segment.length());
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        encoded.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    String text = encoded.toString();
    // "." and ".." would be resolved away by the server, changing which route answers.
    if (text.equals(".") || text.equals("..")) {
      return text.replace(".", "%2E");
    }
    return text;
  }
}
