/**
 * Fixtures for tests on the real kernel: namespaces of their own, and a guard on the root
 * namespace.
 */
package dev.junction.testkit.ns;
