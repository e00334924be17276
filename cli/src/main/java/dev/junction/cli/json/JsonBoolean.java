package dev.junction.cli.json;

/** {@code true} or {@code false}. */
public enum JsonBoolean implements JsonValue {
  FALSE,
  TRUE;

  public static JsonBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  public boolean value() {
    return this == TRUE;
  }

  @Override
  public String asText(String otherwise) {
    return value() ? "true" : "false";
  }

  @Override
  public boolean asBoolean(boolean otherwise) {
    return value();
  }
}
