/**
 * Independent observers of kernel state for tests: they read what is there with the system's own
 * tools ({@code ip -j}, {@code bridge -j}, {@code nft -j}, {@code /proc/sys}), never through the
 * code under test.
 */
package dev.junction.testkit.observe;
