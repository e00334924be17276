package dev.junction.testkit.observe;

import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a test checks kernel state with. For the real kernel this reads {@code ip -j}, {@code bridge
 * -j}, {@code nft -j} and {@code /proc/sys}; for the fake kernel, the fake's own state.
 */
public interface KernelObserver {

  /** True when {@code path} is a network namespace file. */
  boolean netNsExists(Path path);

  List<ObservedLink> links(NetNs ns);

  default Optional<ObservedLink> link(NetNs ns, String name) {
    return links(ns).stream().filter(link -> link.name().equals(name)).findFirst();
  }

  /**
   * The addresses of link {@code device} as {@code address/length}, without IPv6 link-local ones
   * (the real kernel makes those by itself when a link comes up).
   */
  List<String> addresses(NetNs ns, String device);

  /** The routes of a family in a table, without IPv6 {@code fe80::/64} routes. */
  List<ObservedRoute> routes(NetNs ns, IpFamily family, int table);

  /** Neighbour entries of {@code device} as {@code ADDRESS MAC STATE}. */
  List<String> neighbors(NetNs ns, String device);

  /** FDB entries of {@code device} that have a destination, as {@code MAC DESTINATION}. */
  List<String> fdb(NetNs ns, String device);

  String sysctl(NetNs ns, String key);

  /** nftables tables as {@code family name}. */
  List<String> nftTables(NetNs ns);

  /**
   * Chains of a table as {@code name} or {@code name:type:hook:priority:policy}, with rule counts.
   */
  List<String> nftChains(NetNs ns, String family, String table);
}
