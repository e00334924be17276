/**
 * The local-scope store on SQLite: one database file in WAL mode, written by one connection under a
 * lock and read through a few read-only connections that never wait for the writer.
 */
package dev.junction.core.store.sqlite;
