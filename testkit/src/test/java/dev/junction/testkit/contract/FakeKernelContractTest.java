package dev.junction.testkit.contract;

import dev.junction.kernel.Kernel;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.fake.FakeKernel;
import dev.junction.testkit.observe.KernelApiObserver;
import dev.junction.testkit.observe.KernelObserver;
import java.nio.file.Path;

/** The kernel contract on the in-memory fake: the same tests the real kernel passes. */
class FakeKernelContractTest extends KernelContract {

  @Override
  protected KernelFixture openFixture() {
    FakeKernel fake = new FakeKernel(Path.of("/run/junction-test/fake"));
    // This machine's kernel has no dummy driver; the fake has one, and the contract accepts both.
    return new KernelFixture() {
      @Override
      public Kernel kernel() {
        return fake;
      }

      @Override
      public KernelObserver observer() {
        return new KernelApiObserver(fake);
      }

      @Override
      public NetNs newNetNs(String label) {
        return fake.createNetNs(label);
      }

      @Override
      public boolean supportsLinkKind(String kind) {
        return true;
      }

      @Override
      public void close() {
        fake.close();
      }
    };
  }
}
