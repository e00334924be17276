package dev.junction.cli.json;

import java.util.List;
import java.util.Map;

/**
 * A JSON value. The CLI's own small tree rather than a library's: it keeps the daemon's field order
 * and number texts exactly, and costs a millisecond to load where a general JSON library costs tens
 * (the CLI's whole start-up budget is a quarter of a second).
 *
 * <p>Lookups never fail: {@link #get} of what is not there answers {@link JsonMissing#MISSING}, so
 * {@code network.get("IPAM").get("Driver").asText("default")} needs no checks.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull, JsonMissing {

  /**
   * Parses a JSON text (RFC 8259), which must hold one value and nothing else.
   *
   * @throws JsonSyntaxException naming where the text stops being JSON
   */
  static JsonValue parse(String text) throws JsonSyntaxException {
    return JsonParser.parse(text);
  }

  /** Compact JSON text, object fields in their order, strings escaped as Go's encoder does. */
  default String write() {
    StringBuilder out = new StringBuilder();
    JsonWriter.write(this, out);
    return out.toString();
  }

  /** A field of an object; missing for anything else or a field it does not have. */
  default JsonValue get(String field) {
    return JsonMissing.MISSING;
  }

  /** An element of an array; missing for anything else or an index out of range. */
  default JsonValue get(int index) {
    return JsonMissing.MISSING;
  }

  /** An object's fields in order; empty for anything else. */
  default Map<String, JsonValue> fields() {
    return Map.of();
  }

  /** An array's elements; empty for anything else. */
  default List<JsonValue> elements() {
    return List.of();
  }

  /**
   * A string's value, or a number's or boolean's literal text; {@code otherwise} for null, missing
   * and containers.
   */
  default String asText(String otherwise) {
    return otherwise;
  }

  /** {@link #asText(String)} with "" otherwise. */
  default String asText() {
    return asText("");
  }

  default boolean asBoolean(boolean otherwise) {
    return otherwise;
  }

  default long asLong(long otherwise) {
    return otherwise;
  }

  default boolean isMissing() {
    return false;
  }

  /** Null or missing. */
  default boolean isAbsent() {
    return false;
  }
}
