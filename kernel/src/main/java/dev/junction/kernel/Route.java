package dev.junction.kernel;

import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import java.util.Objects;
import java.util.Optional;

/**
 * A unicast route, to add or as listed. Build one with {@link #to(IpPrefix)} and the {@code with}
 * methods: {@code Route.to(IpPrefix.DEFAULT_V4).withGateway(gw).withDevice("eth0")}.
 *
 * @param destination where it leads; {@code 0.0.0.0/0} or {@code ::/0} for a default route
 * @param gateway the next hop, if any
 * @param device the outgoing link, by name
 * @param scope {@link Scope#LINK} for directly connected destinations, {@link Scope#UNIVERSE}
 *     otherwise; the kernel reports every IPv6 route as universe
 * @param metric the priority, lower wins; 0 asks for the kernel's default (IPv6 makes it 1024)
 * @param table the routing table, {@link #MAIN_TABLE} unless set
 * @param onLink treat the gateway as directly reachable on the device ({@code ip route ... onlink})
 * @param protocol who installed it: {@link #PROTOCOL_KERNEL} for routes the kernel adds for
 *     addresses, {@link #PROTOCOL_BOOT} (as {@code ip route add}) by default
 * @param source the preferred source address, if any
 */
public record Route(
    IpPrefix destination,
    Optional<IpAddress> gateway,
    Optional<String> device,
    Scope scope,
    int metric,
    int table,
    boolean onLink,
    int protocol,
    Optional<IpAddress> source) {

  public static final int MAIN_TABLE = 254;
  public static final int PROTOCOL_KERNEL = 2;
  public static final int PROTOCOL_BOOT = 3;
  public static final int PROTOCOL_STATIC = 4;

  public Route {
    Objects.requireNonNull(destination);
    Objects.requireNonNull(gateway);
    Objects.requireNonNull(device);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(source);
    gateway.ifPresent(g -> requireFamily(destination, g, "gateway"));
    source.ifPresent(s -> requireFamily(destination, s, "source"));
    if (metric < 0) {
      throw new IllegalArgumentException(
          "route " + destination + ": metric " + metric + " is negative");
    }
    if (table < 1 || table > 0x7fffffff) {
      throw new IllegalArgumentException(
          "route " + destination + ": table " + table + " is invalid");
    }
    if (protocol < 0 || protocol > 255) {
      throw new IllegalArgumentException(
          "route " + destination + ": protocol " + protocol + " is outside 0..255");
    }
  }

  private static void requireFamily(IpPrefix destination, IpAddress address, String what) {
    if (address.family() != destination.family()) {
      throw new IllegalArgumentException(
          "route " + destination + ": " + what + " " + address + " is not " + destination.family());
    }
  }

  /**
   * A route to {@code destination} in the main table, scope link (as {@code ip route add DEST dev
   * X} makes it) until a gateway is set.
   */
  public static Route to(IpPrefix destination) {
    return new Route(
        destination,
        Optional.empty(),
        Optional.empty(),
        Scope.LINK,
        0,
        MAIN_TABLE,
        false,
        PROTOCOL_BOOT,
        Optional.empty());
  }

  /** A default route for the family of {@code gateway}, via it. */
  public static Route defaultVia(IpAddress gateway) {
    return to(IpPrefix.defaultRoute(gateway.family())).withGateway(gateway);
  }

  public IpFamily family() {
    return destination.family();
  }

  /** Sets the gateway and, as {@code ip route} does, widens the scope to universe. */
  public Route withGateway(IpAddress value) {
    return new Route(
        destination,
        Optional.of(value),
        device,
        Scope.UNIVERSE,
        metric,
        table,
        onLink,
        protocol,
        source);
  }

  public Route withDevice(String value) {
    return new Route(
        destination, gateway, Optional.of(value), scope, metric, table, onLink, protocol, source);
  }

  public Route withScope(Scope value) {
    return new Route(destination, gateway, device, value, metric, table, onLink, protocol, source);
  }

  public Route withMetric(int value) {
    return new Route(destination, gateway, device, scope, value, table, onLink, protocol, source);
  }

  public Route withTable(int value) {
    return new Route(destination, gateway, device, scope, metric, value, onLink, protocol, source);
  }

  public Route withOnLink(boolean value) {
    return new Route(destination, gateway, device, scope, metric, table, value, protocol, source);
  }

  public Route withProtocol(int value) {
    return new Route(destination, gateway, device, scope, metric, table, onLink, value, source);
  }

  public Route withSource(IpAddress value) {
    return new Route(
        destination, gateway, device, scope, metric, table, onLink, protocol, Optional.of(value));
  }

  /** The command-line form, for messages: {@code 0.0.0.0/0 via 10.0.0.1 dev eth0 metric 5}. */
  public String describe() {
    StringBuilder text = new StringBuilder(destination.toString());
    gateway.ifPresent(g -> text.append(" via ").append(g));
    device.ifPresent(d -> text.append(" dev ").append(d));
    if (table != MAIN_TABLE) {
      text.append(" table ").append(table);
    }
    if (metric != 0) {
      text.append(" metric ").append(metric);
    }
    if (onLink) {
      text.append(" onlink");
    }
    return text.toString();
  }
}
