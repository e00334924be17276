package dev.junction.core.store.sqlite;

/**
 * SQLite's {@code PRAGMA synchronous} settings that make sense in WAL mode. Both keep the database
 * consistent through any crash; they differ in what a power loss or kernel crash may take back.
 */
public enum Synchronous {
  /**
   * Syncs the WAL only at checkpoints. Commits survive a crash of the process, but the latest ones
   * may be rolled back by a power loss or a crash of the operating system.
   */
  NORMAL,
  /** Also syncs the WAL at every commit: a commit that returned survives a power loss too. */
  FULL
}
