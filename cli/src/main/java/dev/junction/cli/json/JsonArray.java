package dev.junction.cli.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An array. */
public final class JsonArray implements JsonValue {
  private final List<JsonValue> elements = new ArrayList<>();

  @Override
  public JsonValue get(int index) {
    return index >= 0 && index < elements.size() ? elements.get(index) : JsonMissing.MISSING;
  }

  @Override
  public List<JsonValue> elements() {
    return Collections.unmodifiableList(elements);
  }

  public int size() {
    return elements.size();
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  public JsonArray add(JsonValue value) {
    if (value == null || value instanceof JsonMissing) {
      throw new IllegalArgumentException("an array element needs a JSON value");
    }
    elements.add(value);
    return this;
  }

  public JsonArray add(String value) {
    return add(new JsonString(value));
  }

  /** Appends a new empty object and answers it. */
  public JsonObject addObject() {
    JsonObject object = new JsonObject();
    add(object);
    return object;
  }

  @Override
  public String toString() {
    return write();
  }
}
