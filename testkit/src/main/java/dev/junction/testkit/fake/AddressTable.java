package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses of a namespace's links, kept per link in the order the kernel keeps them, since
 * that order decides which IPv4 address is primary and which one a delete hits.
 */
final class AddressTable {

  private static final InterfaceAddress LOOPBACK_V4 = InterfaceAddress.parse("127.0.0.1/8");
  private static final InterfaceAddress LOOPBACK_V6 = InterfaceAddress.parse("::1/128");
  private static final IpPrefix LOOPBACK_NET = IpPrefix.parse("127.0.0.0/8");
  private static final IpPrefix LINK_LOCAL_V6 = IpPrefix.parse("fe80::/10");
  private static final IpPrefix SITE_LOCAL_V6 = IpPrefix.parse("fec0::/10");

  /**
   * One address.
   *
   * @param secondary an IPv4 address in the subnet of an earlier one on the link: it gets no prefix
   *     route of its own, and goes when that primary goes
   * @param prefixRoute whether the address brings a prefix route: not for the {@code ::1} the
   *     kernel puts on a loopback device that comes up
   */
  record Entry(InterfaceAddress address, Scope scope, boolean secondary, boolean prefixRoute) {
    boolean sameSubnet(InterfaceAddress other) {
      return address.prefixLength() == other.prefixLength()
          && address.subnet().equals(other.subnet());
    }
  }

  private final Namespace namespace;
  private final Map<FakeLink, List<Entry>> ipv4 = new IdentityHashMap<>();
  private final Map<FakeLink, List<Entry>> ipv6 = new IdentityHashMap<>();

  AddressTable(Namespace namespace) {
    this.namespace = namespace;
  }

  private List<Entry> v4(FakeLink link) {
    return ipv4.computeIfAbsent(link, l -> new ArrayList<>());
  }

  private List<Entry> v6(FakeLink link) {
    return ipv6.computeIfAbsent(link, l -> new ArrayList<>());
  }

  void add(FakeLink link, InterfaceAddress address) {
    switch (address.family()) {
      case V4 -> addV4(link, address, true);
      case V6 -> addV6(link, address, true);
    }
  }

  /**
   * {@code inet_insert_ifa}: a primary goes after the last primary of the same or wider scope, a
   * secondary at the end.
   */
  private void addV4(FakeLink link, InterfaceAddress address, boolean refuseDuplicate) {
    Scope scope = LOOPBACK_NET.contains(address.address()) ? Scope.HOST : Scope.UNIVERSE;
    List<Entry> entries = v4(link);
    boolean secondary = false;
    int afterLastPrimary = 0;
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      if (!entry.secondary() && scope.value() <= entry.scope().value()) {
        afterLastPrimary = i + 1;
      }
      if (entry.sameSubnet(address)) {
        if (entry.address().address().equals(address.address())) {
          if (refuseDuplicate) {
            throw new Refusal(Errno.EEXIST, "ipv4: Address already assigned");
          }
          return;
        }
        if (entry.scope() != scope) {
          throw new Refusal(Errno.EINVAL);
        }
        secondary = true;
      }
    }
    Entry entry = new Entry(address, scope, secondary, true);
    if (secondary) {
      entries.add(entry);
    } else {
      entries.add(afterLastPrimary, entry);
      if (link.up) {
        namespace.routes.addPrefixRoute(link, address);
      }
    }
  }

  /**
   * {@code ipv6_link_dev_addr}: wider scopes first, and within a scope the newest address first.
   */
  private void addV6(FakeLink link, InterfaceAddress address, boolean prefixRoute) {
    if (namespace.sysctls.ipv6Disabled(link)) {
      throw new Refusal(Errno.EACCES, "ipv6: IPv6 is disabled on this device");
    }
    if (link.mtu < FakeLink.IPV6_MIN_MTU) {
      throw new Refusal(Errno.EINVAL);
    }
    List<Entry> entries = v6(link);
    for (Entry entry : entries) {
      if (entry.address().address().equals(address.address())) {
        throw new Refusal(Errno.EEXIST, "ipv6: address already assigned");
      }
    }
    Scope scope = scopeV6(address.address());
    int position = 0;
    while (position < entries.size() && rankV6(scope) < rankV6(entries.get(position).scope())) {
      position++;
    }
    entries.add(position, new Entry(address, scope, false, prefixRoute));
    if (link.up && prefixRoute) {
      namespace.routes.addPrefixRoute(link, address);
    }
  }

  private static Scope scopeV6(IpAddress address) {
    if (address.equals(LOOPBACK_V6.address())) {
      return Scope.HOST;
    }
    if (LINK_LOCAL_V6.contains(address)) {
      return Scope.LINK;
    }
    return SITE_LOCAL_V6.contains(address) ? Scope.SITE : Scope.UNIVERSE;
  }

  /** The kernel's IPv6 source-scope numbers, which order a link's address list. */
  private static int rankV6(Scope scope) {
    return switch (scope) {
      case UNIVERSE -> 0x0e;
      case SITE -> 0x05;
      case LINK -> 0x02;
      case HOST, NOWHERE -> 0x01;
    };
  }

  /** What the kernel adds when a loopback device comes up, or IPv6 restarts on one that is up. */
  void addLoopbackAddresses(FakeLink lo) {
    addV4(lo, LOOPBACK_V4, false);
    boolean ipv6Runs = !namespace.sysctls.ipv6Disabled(lo) && lo.mtu >= FakeLink.IPV6_MIN_MTU;
    if (ipv6Runs && v6(lo).stream().noneMatch(e -> e.address().equals(LOOPBACK_V6))) {
      addV6(lo, LOOPBACK_V6, false);
    }
  }

  /** A link came up: the prefix routes of the addresses it already had appear. */
  void installPrefixRoutes(FakeLink link) {
    for (Entry entry : v4(link)) {
      if (!entry.secondary()) {
        namespace.routes.addPrefixRoute(link, entry.address());
      }
    }
    for (Entry entry : v6(link)) {
      if (entry.prefixRoute()) {
        namespace.routes.addPrefixRoute(link, entry.address());
      }
    }
  }

  void delete(FakeLink link, InterfaceAddress address) {
    switch (address.family()) {
      case V4 -> deleteV4(link, address);
      case V6 -> deleteV6(link, address);
    }
  }

  /**
   * The engine sends the address with its prefix length (IFA_LOCAL and IFA_ADDRESS), so the kernel
   * deletes only the IPv4 address with both equal. A primary takes its secondaries along unless
   * promote_secondaries is set, in which case the first of them takes over.
   */
  private void deleteV4(FakeLink link, InterfaceAddress address) {
    List<Entry> entries = v4(link);
    Entry target =
        entries.stream()
            .filter(e -> e.address().equals(address))
            .findFirst()
            .orElseThrow(() -> new Refusal(Errno.EADDRNOTAVAIL, "ipv4: Address not found"));
    List<IpAddress> gone = new ArrayList<>();
    entries.remove(target);
    gone.add(target.address().address());
    if (!target.secondary()) {
      namespace.routes.removePrefixRoute(link, target.address());
      List<Entry> secondaries =
          entries.stream().filter(e -> e.secondary() && e.sameSubnet(target.address())).toList();
      if (!secondaries.isEmpty() && namespace.sysctls.promoteSecondaries(link)) {
        Entry promoted = secondaries.getFirst();
        entries.remove(promoted);
        int position = 0;
        for (int i = 0; i < entries.size(); i++) {
          Entry entry = entries.get(i);
          if (!entry.secondary() && promoted.scope().value() <= entry.scope().value()) {
            position = i + 1;
          }
        }
        entries.add(position, new Entry(promoted.address(), promoted.scope(), false, true));
        if (link.up) {
          namespace.routes.addPrefixRoute(link, promoted.address());
        }
      } else {
        for (Entry secondary : secondaries) {
          entries.remove(secondary);
          gone.add(secondary.address().address());
        }
      }
    }
    gone.forEach(this::forgetSource);
  }

  /** Routes preferring a source address nobody has any more are flushed from the main table. */
  private void forgetSource(IpAddress address) {
    if (!isLocal(address)) {
      namespace.routes.flushPreferredSource(address);
    }
  }

  private void deleteV6(FakeLink link, InterfaceAddress address) {
    List<Entry> entries = v6(link);
    Entry target =
        entries.stream()
            .filter(e -> e.address().equals(address))
            .findFirst()
            .orElseThrow(() -> new Refusal(Errno.EADDRNOTAVAIL, "ipv6: address not found"));
    entries.remove(target);
    // The prefix route stays while another address of the link is in the same prefix.
    if (entries.stream().noneMatch(e -> e.sameSubnet(address))) {
      namespace.routes.removePrefixRoute(link, address);
    }
  }

  /** Drops a link's IPv6 addresses; the caller removes its routes. */
  void removeIpv6(FakeLink link) {
    ipv6.remove(link);
  }

  /** Drops every address of a link that leaves the namespace. */
  void removeAll(FakeLink link) {
    List<Entry> v4 = ipv4.remove(link);
    ipv6.remove(link);
    if (v4 != null) {
      v4.forEach(entry -> forgetSource(entry.address().address()));
    }
  }

  /** True when some link of the namespace has this address. */
  boolean isLocal(IpAddress address) {
    Map<FakeLink, List<Entry>> table = address.family() == IpFamily.V4 ? ipv4 : ipv6;
    return table.values().stream()
        .flatMap(List::stream)
        .anyMatch(e -> e.address().address().equals(address));
  }

  /**
   * The link holding an IPv4 address (limited to {@code only} when given), as the local table
   * knows.
   */
  Optional<FakeLink> holderOf(IpAddress address, FakeLink only) {
    for (Map.Entry<FakeLink, List<Entry>> perLink : ipv4.entrySet()) {
      boolean holds =
          perLink.getValue().stream().anyMatch(e -> e.address().address().equals(address));
      if (holds && (only == null || only == perLink.getKey())) {
        return Optional.of(perLink.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code ipv6_chk_addr} without strictness: a global address counts on any link, a link-local or
   * host one only on {@code link}.
   */
  boolean isLocalV6(IpAddress address, FakeLink link) {
    for (Map.Entry<FakeLink, List<Entry>> perLink : ipv6.entrySet()) {
      for (Entry entry : perLink.getValue()) {
        if (entry.address().address().equals(address)
            && (perLink.getKey() == link
                || (entry.scope() != Scope.LINK && entry.scope() != Scope.HOST))) {
          return true;
        }
      }
    }
    return false;
  }

  /** IPv4 before IPv6, links by index, each link's addresses in the kernel's order. */
  List<LinkAddress> list(FakeLink only, IpFamily family) {
    List<LinkAddress> result = new ArrayList<>();
    for (IpFamily wanted : IpFamily.values()) {
      if (family != null && family != wanted) {
        continue;
      }
      Map<FakeLink, List<Entry>> table = wanted == IpFamily.V4 ? ipv4 : ipv6;
      for (FakeLink link : namespace.links()) {
        if (only != null && only != link) {
          continue;
        }
        for (Entry entry : table.getOrDefault(link, List.of())) {
          result.add(new LinkAddress(link.index, entry.address(), entry.scope()));
        }
      }
    }
    return result;
  }
}
