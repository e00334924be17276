package dev.junction.cli.format;

import dev.junction.cli.json.JsonArray;
import dev.junction.cli.json.JsonBoolean;
import dev.junction.cli.json.JsonMissing;
import dev.junction.cli.json.JsonNull;
import dev.junction.cli.json.JsonNumber;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonString;
import dev.junction.cli.json.JsonValue;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A value a template works on: a JSON value, and whether it stands for a Go map (see {@link
 * GoShape}).
 */
record Value(JsonValue json, boolean map, GoShape shape) {

  static Value of(JsonValue json, GoShape shape) {
    return new Value(json, false, shape);
  }

  static Value text(String text) {
    return new Value(new JsonString(text), false, GoShape.STRUCTS);
  }

  static Value bool(boolean value) {
    return new Value(JsonBoolean.of(value), false, GoShape.STRUCTS);
  }

  static Value number(long value) {
    return new Value(JsonNumber.of(value), false, GoShape.STRUCTS);
  }

  static final Value NIL = new Value(JsonNull.NULL, false, GoShape.STRUCTS);

  /**
   * A field of a struct (by its JSON key or its Go name), or a key of a map; missing when absent.
   */
  Value field(String name) {
    JsonValue child = json.get(name);
    if (child.isMissing() && !map) {
      child = json.get(shape.jsonKey(name));
    }
    return new Value(child, !map && !child.isMissing() && shape.isMap(name), shape);
  }

  Value element(int index) {
    return new Value(json.get(index), false, shape);
  }

  boolean missing() {
    return json.isMissing();
  }

  boolean isObject() {
    return json instanceof JsonObject;
  }

  boolean isArray() {
    return json instanceof JsonArray;
  }

  boolean isString() {
    return json instanceof JsonString;
  }

  boolean isNumber() {
    return json instanceof JsonNumber;
  }

  /** Elements or fields: what {@code len} counts. */
  int size() {
    if (json instanceof JsonArray array) {
      return array.size();
    }
    if (json instanceof JsonObject object) {
      return object.size();
    }
    return 0;
  }

  /** Go's truth: false, 0, nil, and empty strings, arrays and maps are false. */
  boolean truth() {
    if (json instanceof JsonBoolean bool) {
      return bool.value();
    }
    if (json instanceof JsonNumber number) {
      return number.decimal().signum() != 0;
    }
    if (json instanceof JsonString string) {
      return !string.value().isEmpty();
    }
    if (json instanceof JsonArray array) {
      return !array.isEmpty();
    }
    if (json instanceof JsonObject object) {
      return !map || !object.isEmpty(); // a struct is always true
    }
    return false;
  }

  /** Elements for {@code range}: an array's in order, a map's by sorted key. */
  List<Map.Entry<Value, Value>> entries() {
    List<Map.Entry<Value, Value>> entries = new ArrayList<>();
    if (json instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        entries.add(new SimpleImmutableEntry<>(number(i), element(i)));
      }
    } else if (json instanceof JsonObject object) {
      List<String> keys = new ArrayList<>(object.fields().keySet());
      if (map) {
        keys.sort(null);
      }
      for (String key : keys) {
        Value value = map ? new Value(object.get(key), false, shape) : field(key);
        entries.add(new SimpleImmutableEntry<>(text(key), value));
      }
    }
    return entries;
  }

  /** As Go's {@code fmt.Print} shows it. */
  String print() {
    if (json instanceof JsonString string) {
      return string.value();
    }
    if (json instanceof JsonMissing) {
      return map ? "map[]" : "<no value>";
    }
    if (json instanceof JsonNull) {
      return map ? "map[]" : "<nil>";
    }
    if (json instanceof JsonArray array) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < array.size(); i++) {
        out.append(i > 0 ? " " : "").append(element(i).print());
      }
      return out.append(']').toString();
    }
    if (json instanceof JsonObject) {
      StringBuilder out = new StringBuilder(map ? "map[" : "{");
      boolean first = true;
      for (Map.Entry<Value, Value> entry : entries()) {
        out.append(first ? "" : " ");
        if (map) {
          out.append(entry.getKey().print()).append(':');
        }
        out.append(entry.getValue().print());
        first = false;
      }
      return out.append(map ? ']' : '}').toString();
    }
    return json.asText();
  }

  /** The text form for functions that take strings. */
  String string() {
    return json instanceof JsonString string ? string.value() : print();
  }
}
