package dev.junction.cli.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An object: fields in the order they were read or put. Built in place by request code. */
public final class JsonObject implements JsonValue {
  private final Map<String, JsonValue> fields = new LinkedHashMap<>();

  @Override
  public JsonValue get(String field) {
    JsonValue value = fields.get(field);
    return value == null ? JsonMissing.MISSING : value;
  }

  @Override
  public Map<String, JsonValue> fields() {
    return Collections.unmodifiableMap(fields);
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }

  public int size() {
    return fields.size();
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Sets a field, replacing any value it had; answers this object. */
  public JsonObject put(String field, JsonValue value) {
    if (value == null || value instanceof JsonMissing) {
      throw new IllegalArgumentException("field \"" + field + "\" needs a JSON value");
    }
    fields.put(field, value);
    return this;
  }

  public JsonObject put(String field, String value) {
    return put(field, new JsonString(value));
  }

  public JsonObject put(String field, boolean value) {
    return put(field, JsonBoolean.of(value));
  }

  public JsonObject put(String field, long value) {
    return put(field, JsonNumber.of(value));
  }

  /** Sets a field to a new empty object and answers that. */
  public JsonObject putObject(String field) {
    JsonObject object = new JsonObject();
    put(field, object);
    return object;
  }

  /** Sets a field to a new empty array and answers that. */
  public JsonArray putArray(String field) {
    JsonArray array = new JsonArray();
    put(field, array);
    return array;
  }

  @Override
  public String toString() {
    return write();
  }
}
