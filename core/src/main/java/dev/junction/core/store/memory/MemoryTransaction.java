package dev.junction.core.store.memory;

import dev.junction.core.store.Entry;
import dev.junction.core.store.Expect;
import dev.junction.core.store.Keys;
import dev.junction.core.store.Transaction;
import dev.junction.core.store.VersionConflictException;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A transaction or a read view over one published snapshot of the store. The first write copies the
 * snapshot; the commit publishes the copy.
 */
final class MemoryTransaction implements Transaction {

  private final boolean writable;
  private final long version;
  private NavigableMap<String, Entry> entries;
  private boolean copied;
  private VersionConflictException conflict;
  private boolean over;

  private MemoryTransaction(NavigableMap<String, Entry> snapshot, boolean writable, long revision) {
    this.entries = snapshot;
    this.writable = writable;
    this.version = revision + 1;
  }

  static MemoryTransaction writable(NavigableMap<String, Entry> snapshot, long revision) {
    return new MemoryTransaction(snapshot, true, revision);
  }

  static MemoryTransaction readOnly(NavigableMap<String, Entry> snapshot) {
    return new MemoryTransaction(snapshot, false, 0);
  }

  @Override
  public Optional<Entry> get(String key) {
    requireActive();
    return Optional.ofNullable(entries.get(Keys.requireValid(key)));
  }

  @Override
  public List<Entry> list(String prefix) {
    requireActive();
    Keys.requireValidPrefix(prefix);
    return entries.tailMap(prefix, true).values().stream()
        .takeWhile(entry -> entry.key().startsWith(prefix))
        .toList();
  }

  @Override
  public long put(String key, String value, Expect expect) {
    requireWritable();
    Keys.requireValid(key);
    Objects.requireNonNull(value, "value");
    check(key, expect);
    writeableEntries().put(key, new Entry(key, value, version));
    return version;
  }

  @Override
  public void delete(String key, Expect expect) {
    requireWritable();
    Keys.requireValid(key);
    if (check(key, expect) != 0) {
      writeableEntries().remove(key);
    }
  }

  /** Whether the commit must take a new revision. */
  boolean wrote() {
    return copied;
  }

  /** The revision the commit takes when it wrote. */
  long version() {
    return version;
  }

  /** What the commit publishes: the snapshot with this transaction's writes. */
  NavigableMap<String, Entry> entries() {
    return entries;
  }

  /** The conflict that doomed this transaction, even if {@code work} caught it. */
  Optional<VersionConflictException> conflict() {
    return Optional.ofNullable(conflict);
  }

  void end() {
    over = true;
  }

  private NavigableMap<String, Entry> writeableEntries() {
    if (!copied) {
      entries = new TreeMap<>(entries);
      copied = true;
    }
    return entries;
  }

  private long check(String key, Expect expect) {
    Objects.requireNonNull(expect, "expect");
    Entry current = entries.get(key);
    long actual = current == null ? 0 : current.version();
    boolean holds =
        switch (expect) {
          case Expect.Any _ -> true;
          case Expect.Absent _ -> actual == 0;
          case Expect.Version(long expected) -> actual == expected;
        };
    if (!holds) {
      VersionConflictException failure = new VersionConflictException(key, expect, actual);
      if (conflict == null) {
        conflict = failure;
      }
      throw failure;
    }
    return actual;
  }

  private void requireActive() {
    if (over) {
      throw new IllegalStateException("store transaction used after its work returned");
    }
  }

  private void requireWritable() {
    requireActive();
    if (!writable) {
      throw new IllegalStateException("store read view is read-only: write in a transaction");
    }
  }
}
