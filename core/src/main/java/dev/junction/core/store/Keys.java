package dev.junction.core.store;

/** Rules for store keys: {@code segment/segment/...}, each segment of safe characters. */
public final class Keys {

  private Keys() {}

  /**
   * Checks a key; keys are made by code from IDs, so a bad one is a bug, not user input. A key is
   * {@code [a-z0-9][a-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._:-]*)*}, checked by hand: every write of
   * the store checks its key, and a regular expression made that a measurable part of a connect.
   */
  public static String requireValid(String key) {
    if (key == null || key.length() > 512 || !wellFormed(key)) {
      throw new IllegalArgumentException("invalid store key \"" + key + "\"");
    }
    return key;
  }

  private static boolean wellFormed(String key) {
    boolean first = true; // in the first segment, which is lower-case
    boolean segmentStart = true;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letterOrDigit =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && c >= 'A' && c <= 'Z');
      if (segmentStart) {
        if (!letterOrDigit) {
          return false;
        }
        segmentStart = false;
      } else if (c == '/') {
        first = false;
        segmentStart = true;
      } else if (!letterOrDigit && c != '.' && c != '_' && c != '-' && (first || c != ':')) {
        return false;
      }
    }
    return !segmentStart;
  }

  /** Checks a prefix for {@link Transaction#list}: a key, optionally ending with {@code /}. */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("invalid store prefix \"" + prefix + "\"");
    }
    requireValid(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    return prefix;
  }
}
