package dev.junction.core.store;

import java.util.regex.Pattern;

/** Rules for store keys: {@code segment/segment/...}, each segment of safe characters. */
public final class Keys {

  private static final Pattern KEY =
      Pattern.compile("[a-z0-9][a-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._:-]*)*");

  private Keys() {}

  /** Checks a key; keys are made by code from IDs, so a bad one is a bug, not user input. */
  public static String requireValid(String key) {
    if (key == null || key.length() > 512 || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("invalid store key \"" + key + "\"");
    }
    return key;
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
