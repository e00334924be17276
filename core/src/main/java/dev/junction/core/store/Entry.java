package dev.junction.core.store;

import java.util.Objects;

/**
 * One stored value.
 *
 * @param key slash-separated, such as {@code network/<id>}
 * @param value JSON text
 * @param version the store revision at which this key was last written; positive, and higher for
 *     every later write to any key of the store
 */
public record Entry(String key, String value, long version) {

  public Entry {
    Keys.requireValid(key);
    Objects.requireNonNull(value, "value");
    if (version <= 0) {
      throw new IllegalArgumentException("version of " + key + " must be positive: " + version);
    }
  }
}
