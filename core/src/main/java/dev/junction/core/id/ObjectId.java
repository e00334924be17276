package dev.junction.core.id;

import dev.junction.core.error.InvalidParameterException;
import java.util.HexFormat;

/** The ID of a network, endpoint or sandbox. */
public sealed interface ObjectId permits NetworkId, EndpointId, SandboxId {

  /** Characters in an ID. */
  int LENGTH = 64;

  /** Characters in the short form Docker prints ({@code docker network ls}). */
  int SHORT_LENGTH = 12;

  /** The 64 hex characters. */
  String value();

  /** The first 12 characters. */
  default String shortId() {
    return value().substring(0, SHORT_LENGTH);
  }

  /** True when {@code text} could be the beginning of an ID: 1 to 64 lower-case hex characters. */
  static boolean isPrefix(String text) {
    if (text == null || text.isEmpty() || text.length() > LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** A fresh random ID value. */
  static String randomValue() {
    byte[] bytes = new byte[LENGTH / 2];
    Randomness.RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Refuses anything but exactly 64 lower-case hex characters. */
  static String requireValid(String kind, String value) {
    if (value == null || value.length() != LENGTH || !isPrefix(value)) {
      throw new InvalidParameterException(
          "invalid " + kind + " ID \"" + value + "\": expected 64 lower-case hex characters");
    }
    return value;
  }
}
