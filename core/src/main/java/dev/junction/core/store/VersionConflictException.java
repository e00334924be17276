package dev.junction.core.store;

/**
 * A write's expectation did not hold: someone changed the key since it was read. The transaction
 * applied nothing; the caller may read again and retry.
 */
public final class VersionConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public VersionConflictException(String key, Expect expected, long actual) {
    super(
        "store key "
            + key
            + " changed: expected "
            + expected
            + ", found "
            + (actual == 0 ? "no value" : "version " + actual));
    this.key = key;
  }

  public String key() {
    return key;
  }
}
