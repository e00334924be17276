package dev.junction.cli.json;

import java.util.Map;

/** Compact JSON text, strings escaped as Go's encoder does with HTML escaping off. */
final class JsonWriter {
  private JsonWriter() {}

  static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject object) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> field : object.fields().entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(field.getKey(), out);
        out.append(':');
        write(field.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonString string) {
      quote(string.value(), out);
    } else if (value instanceof JsonNumber number) {
      out.append(number.text());
    } else if (value instanceof JsonBoolean bool) {
      out.append(bool.value() ? "true" : "false");
    } else {
      out.append("null"); // null, and missing where a value is asked for regardless
    }
  }

  /** A string as Go's encoding/json writes it (Go 1.22 and later) with HTML escaping off. */
  static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> {
          if (c < 0x20) {
            out.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
