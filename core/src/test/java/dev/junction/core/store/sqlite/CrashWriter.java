package dev.junction.core.store.sqlite;

import dev.junction.core.store.Expect;
import java.nio.file.Path;

/**
 * The child process of {@link SqliteCrashTest}: commits transactions until it is killed and prints
 * each one the store acknowledged. Transaction {@code n} writes {@code n} to three keys, moves a
 * marker key from {@code n - 1} to {@code n}, and is large enough to span several pages.
 */
final class CrashWriter {

  static final String FILLER = "x".repeat(3_000);
  static final String KEYS = "crash/";
  static final String MARKERS = "crash/marker/";

  private CrashWriter() {}

  static String value(long counter) {
    return counter + ":" + FILLER;
  }

  static long counterOf(String value) {
    return Long.parseLong(value.substring(0, value.indexOf(':')));
  }

  public static void main(String[] args) {
    SqliteStore store = SqliteStore.open(Path.of(args[0]));
    long start = store.read(tx -> tx.get(KEYS + "a").map(e -> counterOf(e.value())).orElse(0L));
    System.out.println("ready " + start + ".");
    System.out.flush();
    for (long n = start + 1; ; n++) {
      long counter = n;
      long version =
          store.transaction(
              tx -> {
                tx.put(KEYS + "a", value(counter), Expect.ANY);
                tx.put(KEYS + "b", value(counter), Expect.ANY);
                tx.delete(MARKERS + (counter - 1), Expect.ANY);
                tx.put(MARKERS + counter, "", Expect.ABSENT);
                return tx.put(KEYS + "c", value(counter), Expect.ANY);
              });
      // One write of a short line, ended by a dot so that a line cut short is seen as such.
      System.out.println("acked " + counter + " " + version + ".");
      System.out.flush();
    }
  }
}
