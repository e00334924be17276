/**
 * A store in memory, with the SQLite store's semantics, for fast tests of the engine; it can fail
 * its next commit on demand, so that tests prove a failed commit leaves everything unchanged.
 */
package dev.junction.core.store.memory;
