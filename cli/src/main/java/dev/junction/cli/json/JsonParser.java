package dev.junction.cli.json;

/** A strict RFC 8259 parser, recursive descent over the text. */
final class JsonParser {

  /** Deeper nesting is refused rather than risking the stack: no API answer comes close. */
  private static final int MAX_DEPTH = 512;

  private final String text;
  private int at;

  private JsonParser(String text) {
    this.text = text;
  }

  static JsonValue parse(String text) throws JsonSyntaxException {
    JsonParser parser = new JsonParser(text);
    parser.skipSpace();
    JsonValue value = parser.value(0);
    parser.skipSpace();
    if (parser.at < text.length()) {
      throw parser.error("unexpected text after the value");
    }
    return value;
  }

  private JsonValue value(int depth) throws JsonSyntaxException {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (at >= text.length()) {
      throw error("unexpected end of text");
    }
    char c = text.charAt(at);
    if (c == '{') {
      return object(depth);
    }
    if (c == '[') {
      return array(depth);
    }
    if (c == '"') {
      return new JsonString(string());
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (text.startsWith("true", at)) {
      at += 4;
      return JsonBoolean.TRUE;
    }
    if (text.startsWith("false", at)) {
      at += 5;
      return JsonBoolean.FALSE;
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return JsonNull.NULL;
    }
    throw error("unexpected character '" + c + "'");
  }

  private JsonObject object(int depth) throws JsonSyntaxException {
    JsonObject object = new JsonObject();
    at++; // {
    skipSpace();
    if (peek() == '}') {
      at++;
      return object;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a field name");
      }
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      object.put(name, value(depth + 1));
      skipSpace();
      char c = peek();
      at++;
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        throw error("expected ',' or '}'", at - 1);
      }
    }
  }

  private JsonArray array(int depth) throws JsonSyntaxException {
    JsonArray array = new JsonArray();
    at++; // [
    skipSpace();
    if (peek() == ']') {
      at++;
      return array;
    }
    while (true) {
      skipSpace();
      array.add(value(depth + 1));
      skipSpace();
      char c = peek();
      at++;
      if (c == ']') {
        return array;
      }
      if (c != ',') {
        throw error("expected ',' or ']'", at - 1);
      }
    }
  }

  private String string() throws JsonSyntaxException {
    int start = ++at; // after the quote
    // Fast path: no escapes.
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') {
        return text.substring(start, at++);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      at++;
    }
    StringBuilder out = new StringBuilder(text.substring(start, at));
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string", at - 1);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("incomplete \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at + i), 16);
            if (digit < 0) {
              throw error("invalid \\u escape");
            }
            code = code * 16 + digit;
          }
          at += 4;
          out.append((char) code);
        }
        default -> throw error("invalid escape '\\" + escaped + "'", at - 2);
      }
    }
    throw error("unterminated string", start - 1);
  }

  private JsonNumber number() throws JsonSyntaxException {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    if (peek() == '.') {
      at++;
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    return new JsonNumber(text.substring(start, at));
  }

  private void digits() {
    while (isDigit(peek())) {
      at++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The current character, or 0 at the end. */
  private char peek() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  private void expect(char c) throws JsonSyntaxException {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private JsonSyntaxException error(String message) {
    return error(message, at);
  }

  private JsonSyntaxException error(String message, int offset) {
    return new JsonSyntaxException(message + " at offset " + Math.min(offset, text.length()));
  }
}
