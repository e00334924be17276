package dev.junction.cli.json;

/** What a lookup answers when there is nothing there; never part of a parsed document. */
public enum JsonMissing implements JsonValue {
  MISSING;

  @Override
  public boolean isMissing() {
    return true;
  }

  @Override
  public boolean isAbsent() {
    return true;
  }
}
