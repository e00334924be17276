package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The permanent neighbour entries the engine programs. The kernel's own entries (resolved,
 * multicast) are not modelled.
 */
final class NeighborTable {

  private record Entry(FakeLink link, IpAddress address, MacAddress mac) {}

  private final Namespace namespace;
  private final List<Entry> entries = new ArrayList<>();

  NeighborTable(Namespace namespace) {
    this.namespace = namespace;
  }

  /**
   * {@code ip neigh replace}: an entry for the same device and address is updated in place. An IPv6
   * entry needs IPv6 running on the link.
   */
  void replace(FakeLink link, IpAddress address, MacAddress mac) {
    if (address.family() == IpFamily.V6
        && (namespace.sysctls.ipv6Disabled(link) || link.mtu < FakeLink.IPV6_MIN_MTU)) {
      throw new Refusal(Errno.EINVAL, "IPv6 is disabled on this device");
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      if (entry.link() == link && entry.address().equals(address)) {
        entries.set(i, new Entry(link, address, mac));
        return;
      }
    }
    entries.add(new Entry(link, address, mac));
  }

  void delete(FakeLink link, IpAddress address) {
    if (!entries.removeIf(e -> e.link() == link && e.address().equals(address))) {
      throw new Refusal(Errno.ENOENT);
    }
  }

  /**
   * The entries of one link, IPv4 first as the kernel dumps one family after the other; {@code
   * device} is the name the caller used, as the real listing reports it.
   */
  List<Neighbor> list(FakeLink link, String device) {
    List<Neighbor> result = new ArrayList<>();
    for (IpFamily family : IpFamily.values()) {
      for (Entry entry : entries) {
        if (entry.link() == link && entry.address().family() == family) {
          result.add(Neighbor.permanent(device, entry.address(), entry.mac()));
        }
      }
    }
    return result;
  }

  void removeLink(FakeLink link) {
    entries.removeIf(e -> e.link() == link);
  }
}
