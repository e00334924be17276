package dev.junction.netlink;

import dev.junction.kernel.Kernel;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.contract.KernelFixture;
import dev.junction.testkit.ns.TestNamespaces;
import dev.junction.testkit.observe.Command;
import dev.junction.testkit.observe.IpObserver;
import dev.junction.testkit.observe.KernelObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real kernel, in namespaces of the test's own, observed with iproute2 and nft. */
final class NetlinkKernelFixture implements KernelFixture {

  private static final Map<String, Boolean> SUPPORTED_KINDS = new ConcurrentHashMap<>();

  private final TestNamespaces<NetlinkKernel> namespaces = TestNamespaces.open(NetlinkKernel::open);
  private final NetlinkKernel kernel = namespaces.kernel();
  private final IpObserver observer = new IpObserver();

  @Override
  public Kernel kernel() {
    return kernel;
  }

  @Override
  public KernelObserver observer() {
    return observer;
  }

  @Override
  public NetNs newNetNs(String label) {
    return namespaces.create(label);
  }

  /** Asks the kernel itself, with {@code ip}, in a namespace made for the question. */
  @Override
  public boolean supportsLinkKind(String kind) {
    return SUPPORTED_KINDS.computeIfAbsent(
        kind,
        k -> {
          NetNs probe = namespaces.create("probe-" + k);
          try {
            return Command.runIn(probe, "ip", "link", "add", "probe0", "type", k).ok();
          } finally {
            kernel.deleteNetNs(probe);
          }
        });
  }

  @Override
  public void close() {
    namespaces.close();
  }
}
