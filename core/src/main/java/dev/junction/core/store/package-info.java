/**
 * The Store SPI: where networks, endpoints and sandboxes live between restarts. A store is a
 * key-value map with transactions and per-key versions for compare-and-swap, in one of two scopes:
 * local (one host; SQLite) or global (shared by hosts; etcd). Values are JSON text.
 */
package dev.junction.core.store;
