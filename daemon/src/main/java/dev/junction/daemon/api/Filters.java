package dev.junction.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Docker's {@code filters} query parameter, in either encoding clients send: {@code {"name":["a"]}}
 * (the documented one) or {@code {"name":{"a":true}}} (the Go client's).
 */
public final class Filters {
  private final Map<String, List<String>> values;

  private Filters(Map<String, List<String>> values) {
    this.values = values;
  }

  public static Filters none() {
    return new Filters(Map.of());
  }

  /**
   * Parses the parameter and refuses keys outside {@code accepted}, with Docker's message.
   *
   * @param text the parameter's value; empty or absent for no filters
   */
  public static Filters parse(String text, Set<String> accepted) {
    if (text == null || text.isBlank()) {
      return none();
    }
    JsonNode root;
    try {
      root = Json.tree(text);
    } catch (InvalidParameterException e) {
      throw new InvalidParameterException("invalid filters \"" + text + "\": " + e.getMessage());
    }
    if (!root.isObject()) {
      throw new InvalidParameterException(
          "invalid filters \"" + text + "\": a JSON object is expected");
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (var field : root.properties()) {
      String key = field.getKey();
      if (!accepted.contains(key)) {
        throw new InvalidParameterException("invalid filter '" + key + "'");
      }
      List<String> list = new ArrayList<>();
      JsonNode node = field.getValue();
      if (node.isArray()) {
        for (JsonNode item : node) {
          list.add(requireText(key, item));
        }
      } else if (node.isObject()) {
        for (var entry : node.properties()) {
          if (!entry.getValue().isBoolean()) {
            throw new InvalidParameterException(
                "invalid filter '" + key + "': values map to true or false");
          }
          if (entry.getValue().asBoolean()) {
            list.add(entry.getKey());
          }
        }
      } else {
        throw new InvalidParameterException(
            "invalid filter '" + key + "': a list of values is expected");
      }
      values.put(key, Collections.unmodifiableList(list));
    }
    return new Filters(Collections.unmodifiableMap(values));
  }

  private static String requireText(String key, JsonNode item) {
    if (!item.isTextual()) {
      throw new InvalidParameterException(
          "invalid filter '" + key + "': value " + item + " is not a string");
    }
    return item.asText();
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  /** True when the key is absent or one of its values equals {@code candidate}. */
  public boolean exact(String key, String candidate) {
    return !has(key) || get(key).contains(candidate);
  }

  /**
   * True when the key is absent or one of its values, read as a regular expression as Docker does,
   * is found in {@code candidate}; {@code "web"} matches {@code "web-1"}.
   */
  public boolean matches(String key, String candidate) {
    if (!has(key)) {
      return true;
    }
    for (String value : get(key)) {
      try {
        if (Pattern.compile(value).matcher(candidate).find()) {
          return true;
        }
      } catch (PatternSyntaxException e) {
        throw new InvalidParameterException(
            "invalid filter '" + key + "=" + value + "': " + e.getDescription());
      }
    }
    return false;
  }

  /**
   * Docker's label filter: every value ({@code key} or {@code key=value}) must hold of {@code
   * labels}. With {@code negate}, none may ({@code label!}).
   */
  public boolean labels(String key, Map<String, String> labels, boolean negate) {
    for (String value : get(key)) {
      int equals = value.indexOf('=');
      boolean holds =
          equals < 0
              ? labels.containsKey(value)
              : value.substring(equals + 1).equals(labels.get(value.substring(0, equals)));
      if (holds == negate) {
        return false;
      }
    }
    return true;
  }

  /** The key's single boolean value ({@code dangling=true}), or null when absent. */
  public Boolean bool(String key) {
    List<String> list = get(key);
    if (list.isEmpty()) {
      return null;
    }
    Boolean result = null;
    for (String value : list) {
      boolean parsed =
          switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default ->
                throw new InvalidParameterException(
                    "invalid filter '" + key + "=" + value + "': true or false is expected");
          };
      if (result != null && result != parsed) {
        throw new InvalidParameterException(
            "invalid filter '" + key + "': both true and false given");
      }
      result = parsed;
    }
    return result;
  }
}
