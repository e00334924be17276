package dev.junction.netlink;

import dev.junction.testkit.contract.KernelContract;
import dev.junction.testkit.contract.KernelFixture;
import dev.junction.testkit.ns.RootNamespaceGuard;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kernel contract on the real kernel, in namespaces the tests create. */
@ExtendWith(RootNamespaceGuard.class)
class NetlinkKernelContractTest extends KernelContract {

  @Override
  protected KernelFixture openFixture() {
    return new NetlinkKernelFixture();
  }
}
