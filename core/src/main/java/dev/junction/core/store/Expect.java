package dev.junction.core.store;

/**
 * What a write expects of the key's current version: the compare of compare-and-swap.
 *
 * <p>{@link #ANY} writes whatever is there; {@link #ABSENT} only creates; {@link #version(long)}
 * only replaces the value last seen at that version.
 */
public sealed interface Expect {

  Expect ANY = new Any();
  Expect ABSENT = new Absent();

  static Expect version(long version) {
    return new Version(version);
  }

  /** No expectation. */
  record Any() implements Expect {}

  /** The key must not exist. */
  record Absent() implements Expect {}

  /** The key must exist with exactly this version. */
  record Version(long version) implements Expect {
    public Version {
      if (version <= 0) {
        throw new IllegalArgumentException("expected version must be positive: " + version);
      }
    }
  }
}
