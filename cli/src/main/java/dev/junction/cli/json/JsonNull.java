package dev.junction.cli.json;

/** JSON's {@code null}. */
public enum JsonNull implements JsonValue {
  NULL;

  @Override
  public boolean isAbsent() {
    return true;
  }
}
