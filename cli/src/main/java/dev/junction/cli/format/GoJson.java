package dev.junction.cli.format;

import dev.junction.cli.json.JsonArray;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonString;
import dev.junction.cli.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON text as Go's {@code encoding/json} writes it, which is what the docker CLI prints: {@code
 * json.Indent} and {@code json.Compact} of the daemon's bytes for inspect, and the encoder (without
 * HTML escaping) for the template function {@code json}.
 */
public final class GoJson {
  private GoJson() {}

  /**
   * Go's {@code json.Indent(dst, src, "", indent)}: the tokens as they are (strings keep their
   * escapes), one value per line, {@code ": "} after keys, empty objects and arrays kept as {@code
   * {}} and {@code []}.
   */
  public static String indent(String json, String indent) {
    StringBuilder out = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean needIndent = false; // an opening bracket waits to see if its value is empty
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (needIndent && c != ']' && c != '}') {
        needIndent = false;
        depth++;
        newline(out, indent, depth);
      }
      switch (c) {
        case '"' -> i = copyString(json, i, out);
        case '{', '[' -> {
          out.append(c);
          needIndent = true;
        }
        case ',' -> {
          out.append(c);
          newline(out, indent, depth);
        }
        case ':' -> out.append(": ");
        case '}', ']' -> {
          if (needIndent) {
            needIndent = false; // the empty {} or []
          } else {
            depth--;
            newline(out, indent, depth);
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Go's {@code json.Compact}: the tokens without the space between them. */
  public static String compact(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        i = copyString(json, i, out);
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, String indent, int depth) {
    out.append('\n');
    for (int d = 0; d < depth; d++) {
      out.append(indent);
    }
  }

  /** Copies the string starting at {@code start}; answers the index of its closing quote. */
  private static int copyString(String json, int start, StringBuilder out) {
    int i = start + 1;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        break;
      }
      i++;
    }
    int end = Math.min(i, json.length() - 1);
    out.append(json, start, end + 1);
    return end;
  }

  /**
   * Encodes a value as the template function {@code json} does: compact, map keys sorted, struct
   * fields in their order, no HTML escaping.
   */
  static String encode(Value value) {
    StringBuilder out = new StringBuilder();
    encode(value, out);
    return out.toString();
  }

  private static void encode(Value value, StringBuilder out) {
    JsonValue json = value.json();
    if (json instanceof JsonObject object) {
      List<String> keys = new ArrayList<>(object.fields().keySet());
      if (value.map()) {
        keys.sort(null);
      }
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        JsonString.quote(keys.get(i), out);
        out.append(':');
        encode(
            value.map()
                ? new Value(object.get(keys.get(i)), false, value.shape())
                : value.field(keys.get(i)),
            out);
      }
      out.append('}');
    } else if (json instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        encode(value.element(i), out);
      }
      out.append(']');
    } else {
      out.append(json.write());
    }
  }
}
