package dev.junction.daemon.api;

import dev.junction.core.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a route sees of a request: its method, its path without the version prefix, the values the
 * route's pattern captured, the query, and the body as text.
 */
public record ApiRequest(
    String method,
    String path,
    String version,
    List<String> captures,
    Map<String, List<String>> query,
    String body) {

  public ApiRequest {
    captures = List.copyOf(captures);
    query = Map.copyOf(query);
  }

  public String capture(int index) {
    return captures.get(index);
  }

  public Optional<String> queryValue(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  public boolean queryFlag(String name) {
    return queryValue(name)
        .map(
            value ->
                switch (value) {
                  case "1", "true", "True" -> true;
                  case "", "0", "false", "False" -> false;
                  default ->
                      throw new InvalidParameterException(
                          "query parameter " + name + "=\"" + value + "\" is not a boolean");
                })
        .orElse(false);
  }
}
