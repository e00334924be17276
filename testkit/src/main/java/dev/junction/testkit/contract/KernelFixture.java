package dev.junction.testkit.contract;

import dev.junction.kernel.Kernel;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.observe.KernelObserver;

/** A kernel under test, a way to observe it, and namespaces that vanish when the test ends. */
public interface KernelFixture extends AutoCloseable {

  Kernel kernel();

  KernelObserver observer();

  /** A fresh namespace for the current test, deleted by {@link #close()}. */
  NetNs newNetNs(String label);

  /** Whether this kernel can make links of {@code kind} (this machine's Linux lacks dummy). */
  boolean supportsLinkKind(String kind);

  /** Deletes every namespace the test made and closes the kernel. */
  @Override
  void close();
}
