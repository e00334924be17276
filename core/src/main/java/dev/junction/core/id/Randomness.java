package dev.junction.core.id;

import java.security.SecureRandom;

/** The source of IDs; a class of its own so that loading ID types does not seed it. */
final class Randomness {
  static final SecureRandom RANDOM = new SecureRandom();

  private Randomness() {}
}
