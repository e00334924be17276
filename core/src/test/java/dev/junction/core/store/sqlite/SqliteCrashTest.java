package dev.junction.core.store.sqlite;

import static dev.junction.core.store.sqlite.CrashWriter.KEYS;
import static dev.junction.core.store.sqlite.CrashWriter.MARKERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.core.store.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that commits transactions in a loop with SIGKILL at random instants and checks,
 * after each kill, that every transaction it acknowledged is in the database, whole, and that no
 * part of an unacknowledged one is.
 */
class SqliteCrashTest {

  private static final long SEED = 0x5EED_57_0BEL;
  private static final int KILLS = 20;
  private static final Pattern ACK = Pattern.compile("acked (\\d+) (\\d+)\\.");

  @TempDir Path directory;

  @Test
  void everyAcknowledgedTransactionSurvivesSigkillWholeAndNoOtherIsHalfThere() throws Exception {
    Random random = new Random(SEED);
    Path file = directory.resolve("crash/local.db");
    long committed = 0;
    int killedWhileCommitting = 0;

    for (int run = 0; run < KILLS; run++) {
      String context = "seed " + SEED + ", kill " + run;
      // Mostly while it commits; sometimes during start-up, creation or migration of the file.
      boolean whileCommitting = random.nextInt(5) != 0;
      long delayMillis = whileCommitting ? random.nextInt(250) : random.nextInt(600);

      Child child = Child.start(file, directory);
      if (whileCommitting) {
        assertThat(child.awaitReady(20_000))
            .as("%s: child ready; its errors: %s", context, child.errors())
            .isTrue();
      }
      Thread.sleep(delayMillis);
      assertThat(child.process.isAlive())
          .as("%s: child still running; its errors: %s", context, child.errors())
          .isTrue();
      child.process.destroyForcibly();
      child.process.waitFor();

      List<Long> acked = child.acknowledged();
      assertThat(acked)
          .as("%s: acknowledged counters, resuming after %d", context, committed)
          .isEqualTo(
              LongStream.rangeClosed(committed + 1, committed + acked.size()).boxed().toList());
      long lastAcked = acked.isEmpty() ? committed : acked.getLast();
      if (!acked.isEmpty()) {
        killedWhileCommitting++;
      }

      long found = check(file, context);
      assertThat(found)
          .as("%s: counter in the database against the last acknowledged, %d", context, lastAcked)
          .isBetween(lastAcked, lastAcked + 1);
      System.out.printf(
          "%s: killed %s after %d ms, %d acknowledged, database at %d%n",
          context,
          whileCommitting ? "while committing" : "from its start",
          delayMillis,
          acked.size(),
          found);
      committed = found;
    }
    assertThat(killedWhileCommitting).as("kills after acknowledged commits").isPositive();
  }

  /** Checks the database after a kill and returns the counter of its last transaction. */
  private static long check(Path file, String context) throws Exception {
    if (!Files.exists(file)) {
      return 0;
    }
    assertThat(SqliteStoreTest.query(file, "PRAGMA integrity_check")).as(context).isEqualTo("ok");
    try (SqliteStore store = SqliteStore.open(file)) {
      List<Entry> keys =
          store.read(
              tx ->
                  List.of(KEYS + "a", KEYS + "b", KEYS + "c").stream()
                      .map(tx::get)
                      .flatMap(Optional::stream)
                      .toList());
      List<Entry> markers = store.read(tx -> tx.list(MARKERS));
      if (keys.isEmpty()) {
        assertThat(markers).as(context).isEmpty();
        return 0;
      }
      assertThat(keys).as("%s: all three keys of a transaction", context).hasSize(3);
      long counter = CrashWriter.counterOf(keys.getFirst().value());
      long version = keys.getFirst().version();
      // Compared as (counter, version, whole) to keep a failure's message short.
      assertThat(keys)
          .as("%s: the keys of one transaction", context)
          .extracting(
              entry -> CrashWriter.counterOf(entry.value()),
              Entry::version,
              entry -> entry.value().equals(CrashWriter.value(counter)))
          .containsOnly(tuple(counter, version, true));
      assertThat(markers)
          .as("%s: the one marker of the last transaction", context)
          .containsExactly(new Entry(MARKERS + counter, "", version));
      // The stored revision ends the block the last transaction's version came from.
      assertThat(SqliteStoreTest.storedRevision(file))
          .as("%s: the store's revision", context)
          .isBetween(version, version + RevisionLease.BLOCK - 1);
      return counter;
    }
  }

  /**
   * A {@link CrashWriter} process. Its output goes straight to a file, not through a pipe: the JDK
   * drains a pipe when it sees the process exit, and a thread reading the pipe at that moment was
   * seen to lose the last lines.
   */
  private record Child(Process process, Path outputFile, Path errorFile) {

    static Child start(Path file, Path directory) throws IOException {
      Path outputFile = Files.createTempFile(directory, "child", ".out");
      Path errorFile = Files.createTempFile(directory, "child", ".err");
      Path nativeLibraries = Files.createDirectories(directory.resolve("native"));
      String java = ProcessHandle.current().info().command().orElseThrow();
      Process process =
          new ProcessBuilder(
                  java,
                  "--enable-native-access=ALL-UNNAMED",
                  // sqlite-jdbc unpacks its library per process and a killed one cannot clean up.
                  "-Dorg.sqlite.tmpdir=" + nativeLibraries,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Xmx64m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashWriter.class.getName(),
                  file.toString())
              .redirectOutput(outputFile.toFile())
              .redirectError(errorFile.toFile())
              .start();
      return new Child(process, outputFile, errorFile);
    }

    /** Waits until the child has opened the store and is about to commit. */
    boolean awaitReady(long timeoutMillis) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
      while (System.nanoTime() < deadline && process.isAlive()) {
        if (Files.readString(outputFile).contains("ready ")) {
          return true;
        }
        Thread.sleep(2);
      }
      return false;
    }

    /** The counters it acknowledged; a line cut short by the kill lacks its final dot. */
    List<Long> acknowledged() throws IOException {
      List<Long> counters = new ArrayList<>();
      for (String line : Files.readAllLines(outputFile)) {
        Matcher ack = ACK.matcher(line);
        if (ack.matches()) {
          counters.add(Long.parseLong(ack.group(1)));
        }
      }
      return counters;
    }

    String errors() throws IOException {
      return Files.readString(errorFile);
    }
  }
}
