package dev.junction.cli.json;

import java.util.Objects;

/** A string. */
public record JsonString(String value) implements JsonValue {

  public JsonString {
    Objects.requireNonNull(value);
  }

  @Override
  public String asText(String otherwise) {
    return value;
  }

  /** Appends {@code text} as a JSON string, escaped as Go's encoder does (no HTML escaping). */
  public static void quote(String text, StringBuilder out) {
    JsonWriter.quote(text, out);
  }
}
