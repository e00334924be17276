package dev.junction.netlink.rtnl;

import static dev.junction.netlink.rtnl.Rtnl.*;

import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.netlink.codec.Attributes;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.IntFunction;

/** {@code RTM_*ROUTE} requests and the parsing of route replies. */
public final class RouteMessages {
  private RouteMessages() {}

  /** How a route request is meant. */
  public enum Mode {
    ADD(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL),
    REPLACE(Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE),
    DELETE(0);

    private final int flags;

    Mode(int flags) {
      this.flags = flags;
    }
  }

  /**
   * {@code ip route add|replace|del ROUTE}; {@code deviceIndex} is 0 when the route names no
   * device. A delete matches any scope and protocol, and any metric when the route's is 0.
   */
  public static MessageWriter request(Mode mode, Route route, int deviceIndex) {
    boolean delete = mode == Mode.DELETE;
    MessageWriter message =
        new MessageWriter(
                delete ? RTM_DELROUTE : RTM_NEWROUTE,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | mode.flags)
            .u8(route.family().addressFamily())
            .u8(route.destination().length())
            .u8(0)
            .u8(0)
            .u8(route.table() <= 255 ? route.table() : 0)
            .u8(delete ? 0 : route.protocol())
            .u8(delete ? RT_SCOPE_NOWHERE : route.scope().value())
            .u8(RTN_UNICAST)
            .u32(route.onLink() ? RTNH_F_ONLINK : 0);
    if (!route.destination().isDefault()) {
      message.attribute(RTA_DST, route.destination().address().toBytes());
    }
    route.gateway().ifPresent(gateway -> message.attribute(RTA_GATEWAY, gateway.toBytes()));
    if (deviceIndex != 0) {
      message.attributeU32(RTA_OIF, deviceIndex);
    }
    if (route.metric() != 0) {
      message.attributeU32(RTA_PRIORITY, route.metric());
    }
    route.source().ifPresent(source -> message.attribute(RTA_PREFSRC, source.toBytes()));
    message.attributeU32(RTA_TABLE, route.table());
    return message;
  }

  /** {@code RTM_GETROUTE} dump of one family. */
  public static MessageWriter dump(IpFamily family) {
    return new MessageWriter(RTM_GETROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
        .u8(family.addressFamily())
        .zeros(7)
        .u32(0);
  }

  /**
   * Parses an {@code RTM_NEWROUTE} reply when it is a unicast route of {@code table} (cached clones
   * excluded), else empty.
   *
   * @param deviceName the name of a link index of the namespace
   */
  public static Optional<Route> parse(Message message, int table, IntFunction<String> deviceName) {
    ByteBuffer header = message.payload();
    int family = header.get(0) & 0xff;
    int destinationLength = header.get(1) & 0xff;
    int headerTable = header.get(4) & 0xff;
    int protocol = header.get(5) & 0xff;
    int scope = header.get(6) & 0xff;
    int type = header.get(7) & 0xff;
    int flags = header.getInt(8);
    if (type != RTN_UNICAST || (flags & RTM_F_CLONED) != 0) {
      return Optional.empty();
    }
    Attributes attributes = message.attributes(RTMSG_LENGTH);
    int routeTable = attributes.has(RTA_TABLE) ? attributes.u32(RTA_TABLE) : headerTable;
    if (routeTable != table) {
      return Optional.empty();
    }
    IpFamily ipFamily = family == AF_INET ? IpFamily.V4 : IpFamily.V6;
    IpPrefix destination =
        attributes.has(RTA_DST)
            ? new IpPrefix(IpAddress.fromBytes(attributes.bytes(RTA_DST)), destinationLength)
            : IpPrefix.defaultRoute(ipFamily);
    Optional<String> device =
        attributes.has(RTA_OIF)
            ? Optional.of(deviceName.apply(attributes.u32(RTA_OIF)))
            : Optional.empty();
    return Optional.of(
        new Route(
            destination,
            attributes.has(RTA_GATEWAY)
                ? Optional.of(IpAddress.fromBytes(attributes.bytes(RTA_GATEWAY)))
                : Optional.empty(),
            device,
            Scope.fromValue(scope),
            attributes.has(RTA_PRIORITY) ? attributes.u32(RTA_PRIORITY) : 0,
            routeTable,
            (flags & RTNH_F_ONLINK) != 0,
            protocol,
            attributes.has(RTA_PREFSRC)
                ? Optional.of(IpAddress.fromBytes(attributes.bytes(RTA_PREFSRC)))
                : Optional.empty()));
  }
}
