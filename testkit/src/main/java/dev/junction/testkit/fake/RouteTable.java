package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The unicast routes of a namespace, in every table, with the kernel's checks on adding them. */
final class RouteTable {

  /** The metric IPv6 gives a route added without one. */
  static final int IPV6_USER_METRIC = 1024;

  /** The metric of the prefix routes IPv6 adds for addresses. */
  static final int IPV6_PREFIX_METRIC = 256;

  /** A route; the device is the link itself, so renames show through. */
  record Entry(
      IpPrefix destination,
      Optional<IpAddress> gateway,
      FakeLink device,
      Scope scope,
      int metric,
      int table,
      boolean onLink,
      int protocol,
      Optional<IpAddress> source) {

    IpFamily family() {
      return destination.family();
    }

    boolean collidesWith(Entry other) {
      return family() == other.family()
          && table == other.table
          && metric == other.metric
          && destination.equals(other.destination);
    }

    Route toRoute() {
      return new Route(
          destination,
          gateway,
          Optional.of(device.name),
          scope,
          metric,
          table,
          onLink,
          protocol,
          source);
    }
  }

  private final Namespace namespace;
  private final List<Entry> entries = new ArrayList<>();

  RouteTable(Namespace namespace) {
    this.namespace = namespace;
  }

  // ---- routes the kernel makes for addresses

  /**
   * The prefix route of an address on a link that is up: IPv4 gives none for a /32 or on a loopback
   * device (those live in the local table); IPv6 gives one for every prefix length.
   */
  void addPrefixRoute(FakeLink link, InterfaceAddress address) {
    Entry route = prefixRoute(link, address);
    if (route != null && !entries.contains(route)) {
      entries.add(route);
    }
  }

  void removePrefixRoute(FakeLink link, InterfaceAddress address) {
    Entry route = prefixRoute(link, address);
    if (route != null) {
      entries.remove(route);
    }
  }

  private static Entry prefixRoute(FakeLink link, InterfaceAddress address) {
    return switch (address.family()) {
      case V4 ->
          address.prefixLength() == 32 || link.isLoopback()
              ? null
              : new Entry(
                  address.subnet(),
                  Optional.empty(),
                  link,
                  Scope.LINK,
                  0,
                  Route.MAIN_TABLE,
                  false,
                  Route.PROTOCOL_KERNEL,
                  Optional.of(address.address()));
      case V6 ->
          new Entry(
              address.subnet(),
              Optional.empty(),
              link,
              Scope.UNIVERSE,
              IPV6_PREFIX_METRIC,
              Route.MAIN_TABLE,
              false,
              Route.PROTOCOL_KERNEL,
              Optional.empty());
    };
  }

  /** Every route through a link, in every table; one family or both (null). */
  void removeVia(FakeLink link, IpFamily family) {
    entries.removeIf(e -> e.device() == link && (family == null || e.family() == family));
  }

  /** {@code fib_sync_down_addr}: main-table IPv4 routes preferring a vanished source. */
  void flushPreferredSource(IpAddress address) {
    entries.removeIf(e -> e.table() == Route.MAIN_TABLE && e.source().equals(Optional.of(address)));
  }

  // ---- routes the engine asks for

  void add(Route route) {
    Entry entry = validate(route);
    if (entries.stream().anyMatch(entry::collidesWith)) {
      throw new Refusal(Errno.EEXIST);
    }
    entries.add(entry);
  }

  void replace(Route route) {
    Entry entry = validate(route);
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).collidesWith(entry)) {
        entries.set(i, entry);
        return;
      }
    }
    entries.add(entry);
  }

  /**
   * Fields the engine leaves unset match anything; scope and protocol always do, as the request
   * carries neither. Of several matches, the lowest metric goes first.
   */
  void delete(Route route) {
    FakeLink device = route.device().map(namespace::resolve).orElse(null);
    boolean v4 = route.family() == IpFamily.V4;
    entries.stream()
        .filter(e -> e.family() == route.family())
        .filter(e -> e.table() == route.table())
        .filter(e -> e.destination().equals(route.destination()))
        .filter(e -> route.metric() == 0 || e.metric() == route.metric())
        .filter(e -> route.gateway().isEmpty() || e.gateway().equals(route.gateway()))
        .filter(e -> device == null || e.device() == device)
        .filter(e -> !v4 || route.source().isEmpty() || e.source().equals(route.source()))
        .min(Comparator.comparingInt(Entry::metric))
        .ifPresentOrElse(entries::remove, () -> noSuchRoute(route.table()));
  }

  private void noSuchRoute(int table) {
    boolean tableExists = entries.stream().anyMatch(e -> e.table() == table);
    throw new Refusal(Errno.ESRCH, tableExists ? "" : "FIB table does not exist");
  }

  /** One table of one family, by destination and then metric. */
  List<Route> list(IpFamily family, int table) {
    return entries.stream()
        .filter(e -> e.family() == family && e.table() == table)
        .sorted(Comparator.comparing(Entry::destination).thenComparingInt(Entry::metric))
        .map(Entry::toRoute)
        .toList();
  }

  // ---- validation, in the order the kernel checks

  private Entry validate(Route route) {
    // The engine resolves the device name before the kernel sees the request.
    FakeLink device = route.device().map(namespace::resolve).orElse(null);
    return route.family() == IpFamily.V4 ? validateV4(route, device) : validateV6(route, device);
  }

  /** {@code fib_create_info} and {@code fib_check_nh}. */
  private Entry validateV4(Route route, FakeLink device) {
    if (route.gateway().isPresent()) {
      IpAddress gateway = route.gateway().get();
      if (route.onLink()) {
        if (route.scope().value() >= Scope.LINK.value()) {
          throw new Refusal(Errno.EINVAL, "Nexthop has invalid scope");
        }
        if (device == null) {
          throw new Refusal(Errno.ENODEV, "Nexthop device required for onlink");
        }
        if (namespace.addresses.isLocal(gateway)) {
          throw new Refusal(Errno.EINVAL, "Nexthop has invalid gateway");
        }
      } else {
        // The gateway must be reachable through a route narrower than the new one's scope.
        int scope = Math.max(route.scope().value() + 1, Scope.LINK.value());
        FakeLink given = device;
        device =
            lookupV4(gateway, route.table(), given, scope)
                .map(Entry::device)
                .or(() -> namespace.addresses.holderOf(gateway, given))
                .orElseThrow(() -> new Refusal(Errno.ENETUNREACH, "Nexthop has invalid gateway"));
      }
      if (!device.up) {
        throw new Refusal(Errno.ENETDOWN, "Nexthop device is not up");
      }
    } else {
      if (route.onLink()) {
        throw new Refusal(
            Errno.EINVAL, "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
      }
      if (device == null) {
        throw new Refusal(Errno.ENODEV);
      }
      if (!device.up) {
        throw new Refusal(Errno.ENETDOWN, "Device for nexthop is not up");
      }
    }
    if (route.source().isPresent() && !namespace.addresses.isLocal(route.source().get())) {
      throw new Refusal(Errno.EINVAL, "Invalid prefsrc address");
    }
    return new Entry(
        route.destination(),
        route.gateway(),
        device,
        route.scope(),
        route.metric(),
        route.table(),
        route.onLink(),
        route.protocol(),
        route.source());
  }

  /**
   * The route a gateway is reached by: the most specific one of sufficient scope (through {@code
   * device} when given), in the route's own table first, then in the main table. A gateway that is
   * one of the namespace's own addresses is reached through the local table instead.
   */
  private Optional<Entry> lookupV4(IpAddress gateway, int table, FakeLink device, int scope) {
    Optional<Entry> found = Optional.empty();
    if (table != Route.MAIN_TABLE) {
      found = longestMatch(gateway, table, device, e -> e.scope().value() >= scope);
    }
    return found.isPresent()
        ? found
        : longestMatch(gateway, Route.MAIN_TABLE, device, e -> e.scope().value() >= scope);
  }

  private Optional<Entry> longestMatch(
      IpAddress address, int table, FakeLink device, Predicate<Entry> eligible) {
    return entries.stream()
        .filter(e -> e.table() == table && e.destination().contains(address))
        .filter(e -> device == null || e.device() == device)
        .filter(eligible)
        .min(
            Comparator.comparingInt((Entry e) -> -e.destination().length())
                .thenComparingInt(Entry::metric));
  }

  /** {@code ip6_route_info_create}, {@code fib6_nh_init} and {@code ip6_validate_gw}. */
  private Entry validateV6(Route route, FakeLink device) {
    int metric = route.metric() == 0 ? IPV6_USER_METRIC : route.metric();
    if (route.onLink()) {
      if (device == null) {
        throw new Refusal(Errno.ENODEV, "Nexthop device required for onlink");
      }
      if (!device.up) {
        throw new Refusal(Errno.ENETDOWN, "Nexthop device is not up");
      }
    }
    if (route.gateway().isPresent()) {
      device = validateGatewayV6(route, route.gateway().get(), device);
    }
    if (device == null) {
      throw new Refusal(Errno.ENODEV);
    }
    if (namespace.sysctls.ipv6Disabled(device)) {
      throw new Refusal(Errno.EACCES, "IPv6 is disabled on nexthop device");
    }
    if (!device.up) {
      throw new Refusal(Errno.ENETDOWN, "Nexthop device is not up");
    }
    if (route.source().isPresent()
        && !namespace.addresses.isLocalV6(route.source().get(), device)) {
      throw new Refusal(Errno.EINVAL, "Invalid source address");
    }
    return new Entry(
        route.destination(),
        route.gateway(),
        device,
        Scope.UNIVERSE,
        metric,
        route.table(),
        route.onLink(),
        route.protocol(),
        route.source());
  }

  private FakeLink validateGatewayV6(Route route, IpAddress gateway, FakeLink device) {
    boolean linkLocal = gateway.isLinkLocal();
    boolean checked = device != null;
    if (checked && isLocalGatewayV6(gateway, device, linkLocal)) {
      throw new Refusal(Errno.EINVAL, "Gateway can not be a local address");
    }
    if (!linkLocal) {
      if (route.onLink()) {
        Optional<Entry> covering = longestMatch(gateway, route.table(), null, e -> true);
        if (covering.isPresent() && covering.get().device() != device) {
          throw new Refusal(Errno.EINVAL, "Nexthop has invalid gateway or device mismatch");
        }
      } else {
        device =
            lookupV6(gateway, route.table(), device)
                .orElseThrow(() -> new Refusal(Errno.EHOSTUNREACH))
                .device();
      }
    }
    if (device == null) {
      throw new Refusal(Errno.EINVAL, "Egress device not specified");
    }
    if (device.isLoopback()) {
      throw new Refusal(Errno.EINVAL, "Egress device can not be loopback device for this route");
    }
    if (!checked && isLocalGatewayV6(gateway, device, linkLocal)) {
      throw new Refusal(Errno.EINVAL, "Gateway can not be a local address");
    }
    return device;
  }

  private boolean isLocalGatewayV6(IpAddress gateway, FakeLink device, boolean linkLocal) {
    return linkLocal
        ? namespace.addresses.isLocalV6(gateway, device)
        : namespace.addresses.isLocal(gateway);
  }

  /**
   * The route an IPv6 gateway is reached by: the most specific one (through {@code device} when
   * given), which must be directly connected; the route's table first, then the main table.
   */
  private Optional<Entry> lookupV6(IpAddress gateway, int table, FakeLink device) {
    Optional<Entry> found =
        longestMatch(gateway, table, device, e -> true).filter(e -> e.gateway().isEmpty());
    if (found.isEmpty() && table != Route.MAIN_TABLE) {
      found =
          longestMatch(gateway, Route.MAIN_TABLE, device, e -> true)
              .filter(e -> e.gateway().isEmpty());
    }
    return found;
  }
}
