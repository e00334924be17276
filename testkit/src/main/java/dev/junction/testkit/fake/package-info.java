/**
 * {@link dev.junction.testkit.fake.FakeKernel}: the kernel interface in memory, for tests that must
 * run in milliseconds and for fault injection. It answers as Linux 6.18 does, errors included, so
 * that the kernel contract suite passes against it and against the real kernel alike; the rest of
 * the package is its machinery.
 */
package dev.junction.testkit.fake;
