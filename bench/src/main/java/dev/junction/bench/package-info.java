/** Benchmarks: each suite prints one machine-readable line per measured operation. */
package dev.junction.bench;
