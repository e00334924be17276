/**
 * The kernel contract: one suite of tests that every {@link dev.junction.kernel.Kernel} must pass,
 * run against the in-memory fake and against the real kernel, so that the fake stays honest.
 */
package dev.junction.testkit.contract;
