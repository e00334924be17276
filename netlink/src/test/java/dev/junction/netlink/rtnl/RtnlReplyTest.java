package dev.junction.netlink.rtnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.Neighbor;
import dev.junction.kernel.NeighborState;
import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkAttributes;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.link.MacvlanMode;
import dev.junction.netlink.codec.Hex;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kernel replies (Linux 6.18, x86-64, so host order is little-endian), captured with {@code strace
 * -f -e trace=recvmsg -e read=all -xx} while iproute2 6.1 listed a throw-away namespace set up with
 * br0 (index 2), a veth pair v1 (3) and v0 (4, up, altname junction-v0), vx0 (5, VNI 42, port 4789,
 * nolearning), 10.1.2.3/24 and fd00::3/64 on v0, routes 10.9.0.0/24 via 10.1.2.1 and 10.8.0.0/16
 * metric 5, neighbour 10.1.2.9 and the FDB flood entry to 192.0.2.7 on vx0. Each constant is the
 * data of one recvmsg call.
 */
class RtnlReplyTest {

  /**
   * The reply to {@code ip link show v0} (its first RTM_GETLINK, by name, skipping statistics): a
   * veth, up without carrier, with an altname.
   */
  static final String LINK_REPLY_V0 =
      """
      7804000010000000e6250a6b9ca1db9500000100040000000310000000000000
      070003007630000008000d00e803000005001000030000000500110000000000
      050043000000000008000400dc050000080032004400000008003300ffff0000
      08001b000000000008001e000000000008003d000000000008001f0002000000
      08002800ffff0000080029000000010008003a000000010008003f0000000100
      080040000000010008003b00f8ff070008003c00ffff00000800420000000000
      08002000020000000500210000000000080023000100000008002f0000000000
      0800300001000000060044000000000006004500000000000500270000000000
      0a0001004eb9abd26c7400000a000200ffffffffffff0000cc00170000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000010000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000064000700000000000000000000000000000000000000000000000000
      0000000001000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000c002b000500020000000000100012000900010076657468
      0000000008000500030000000c0006006e6f717565756500c0011a008c000200
      8800010000000000000000000000000001000000010000000100000001000000
      0000000001000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000000000010270000e8030000000000000000000000000000
      000000000100000030010a00080001000000000014000500ffff000084040200
      a0920000e8030000f40002000000000040000000dc0500000100000001000000
      0100000001000000ffffffffa00f0000e803000000000000803a090080510100
      0300000058020000100000000000000001000000010000000100000060ea0000
      0000000000000000000000000000000000000000000000000100000000000000
      0000000010270000e80300000100000000000000000000000100000000000000
      00000000010000000000000000000000000000000000000080ee360000000000
      0000000001000000000000000000000000000000000000000000000000040000
      00000000ffff0000ffffffff0100000000000000000000000000000014000700
      00000000000000000000000000000000050008000000000024000e0000000000
      0000000000000000000000000000000000000000000000000000000014003480
      100035006a756e6374696f6e2d76300004003e8004004180
      """;

  /**
   * The reply for v1, v0's peer, which {@code ip link show v0} asks for by index to print {@code
   * v0@v1}.
   */
  static final String LINK_REPLY_V1 =
      """
      6404000010000000e6250a6b017145a600000100030000000210000000000000
      070003007631000008000d00e803000005001000020000000500110000000000
      050043000000000008000400dc050000080032004400000008003300ffff0000
      08001b000000000008001e000000000008003d000000000008001f0002000000
      08002800ffff0000080029000000010008003a000000010008003f0000000100
      080040000000010008003b00f8ff070008003c00ffff00000800420000000000
      08002000020000000500210000000000080023000100000008002f0000000000
      0800300001000000060044000000000006004500000000000500270000000000
      0a0001002607ed20b2a200000a000200ffffffffffff0000cc00170000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000064000700000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000c002b000500020000000000100012000900010076657468
      000000000800050004000000090006006e6f6f7000000000c0011a008c000200
      8800010000000000000000000000000001000000010000000100000001000000
      0000000001000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000000000010270000e8030000000000000000000000000000
      000000000100000030010a00080001000000000014000500ffff000084040200
      b4af0000e8030000f40002000000000040000000dc0500000100000001000000
      0100000001000000ffffffffa00f0000e803000000000000803a090080510100
      0300000058020000100000000000000001000000010000000100000060ea0000
      0000000000000000000000000000000000000000000000000100000000000000
      0000000010270000e80300000100000000000000000000000100000000000000
      00000000010000000000000000000000000000000000000080ee360000000000
      0000000001000000000000000000000000000000000000000000000000040000
      00000000ffff0000ffffffff0100000000000000000000000000000014000700
      00000000000000000000000000000000050008000000000024000e0000000000
      0000000000000000000000000000000000000000000000000000000004003e80
      04004180
      """;

  /** The reply to {@code ip link show vx0}. */
  static final String LINK_REPLY_VXLAN =
      """
      2405000010000000e6250a6b0dd547e500000100050000000210000000000000
      080003007678300008000d00e803000005001000020000000500110000000000
      050043000000000008000400dc050000080032004400000008003300ffff0000
      08001b000000000008001e000000000008003d000000000008001f0001000000
      08002800ffff0000080029000000010008003a000000010008003f0000000100
      080040000000010008003b000000010008003c00ffff00000800420000000000
      08002000010000000500210001000000080023000000000008002f0000000000
      0800300000000000060044004000000006004500000000000500270000000000
      0a0001006aa182668c8300000a000200ffffffffffff0000cc00170000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000064000700000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000c002b000500020000000000d80012000a00010076786c61
      6e000000c8000200080001002a000000050005000000000005001c0000000000
      050006000000000005001d000000000008001a00000000000800200000000000
      050007000000000005000b000000000005000c000000000005000d0000000000
      05000e00000000000500190000000000080008002c0100000800090000000000
      06000f0012b50000050012000100000005001300000000000500140000000000
      0500150000000000050016000000000005001f000100000008000a0000000000
      0c002100f7ffffff000000ff090006006e6f6f7000000000c0011a008c000200
      8800010000000000000000000000000001000000010000000100000001000000
      0000000001000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000000000010270000e8030000000000000000000000000000
      000000000100000030010a00080001000000000014000500ffff000086040200
      686f0000e8030000f40002000000000040000000dc0500000100000001000000
      0100000001000000ffffffffa00f0000e803000000000000803a090080510100
      0300000058020000100000000000000001000000010000000100000060ea0000
      0000000000000000000000000000000000000000000000000100000000000000
      0000000010270000e80300000100000000000000000000000100000000000000
      00000000010000000000000000000000000000000000000080ee360000000000
      0000000001000000000000000000000000000000000000000000000000040000
      00000000ffff0000ffffffff0100000000000000000000000000000014000700
      00000000000000000000000000000000050008000000000024000e0000000000
      0000000000000000000000000000000000000000000000000000000004003e80
      04004180
      """;

  /** The reply to {@code ip link show br0}. */
  static final String LINK_REPLY_BRIDGE =
      """
      e805000010000000e6250a6bead5768700000100020000000210000000000000
      080003006272300008000d00e803000005001000020000000500110000000000
      050043000100000008000400dc050000080032004400000008003300ffff0000
      08001b000000000008001e000000000008003d000000000008001f0001000000
      08002800ffff0000080029000000010008003a000000010008003f0000000100
      080040000000010008003b000000010008003c00ffff00000800420000000000
      08002000010000000500210001000000080023000000000008002f0000000000
      0800300000000000060044000000000006004500000000000500270000000000
      0a000100421fdab1481c00000a000200ffffffffffff0000cc00170000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000064000700000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      00000000000000000c002b0005000200000000009c0112000b00010062726964
      676500008c0102000c00100000000000000000000c0011000000000000000000
      0c00120000000000000000000c001300000000000000000008000100dc050000
      08000200c800000008000300d007000008000400307500000800050000000000
      0600060000800000050007000000000006000900000000000c000b0080000000
      000000000c000a00800000000000000006000c000000000008000d0000000000
      05000e000000000005000f00000000000a0014000180c200000000000c002e00
      000000001f000000080030000000000008003100000000000500160001000000
      05001700010000000500180000000000050019000000000005002a0000000000
      08001a001000000008001b000010000008001c000200000008001d0002000000
      05002b000200000005002c00010000000c001e0064000000000000000c001f00
      90650000000000000c0020009c630000000000000c002100d430000000000000
      0c002200e8030000000000000c002300340c0000000000000500240000000000
      05002500000000000500260000000000090006006e6f6f7000000000c0011a00
      8c00020088000100000000000000000000000000010000000100000001000000
      0100000000000000010000000000000000000000000000000000000000000000
      0000000000000000000000000000000000000000000000000000000000000000
      0000000000000000000000000000000010270000e80300000000000000000000
      00000000000000000100000030010a00080001000000000014000500ffff0000
      8204020000af0000e8030000f40002000000000040000000dc05000001000000
      010000000100000001000000ffffffffa00f0000e803000000000000803a0900
      8051010003000000580200001000000000000000010000000100000001000000
      60ea000000000000000000000000000000000000000000000000000001000000
      000000000000000010270000e803000001000000000000000000000001000000
      0000000000000000010000000000000000000000000000000000000080ee3600
      0000000000000000010000000000000000000000000000000000000000000000
      0004000000000000ffff0000ffffffff01000000000000000000000000000000
      1400070000000000000000000000000000000000050008000000000024000e00
      0000000000000000000000000000000000000000000000000000000000000000
      04003e8004004180
      """;

  /**
   * The datagram of {@code ip addr show} holding the addresses: 10.1.2.3/24 and fd00::3/64 on v0.
   */
  static final String ADDR_DUMP_REPLY =
      """
      4c00000014000200e7250a6b214300000218800004000000080001000a010203
      080002000a0102030700030076300000080008008000000014000600ffffffff
      ffffffff8c0402008c0402004800000014000200e7250a6b214300000a408200
      0400000014000100fd00000000000000000000000000000314000600ffffffff
      ffffffff8d0402008d0402000800080082000000
      """;

  /** The NLMSG_DONE ending that dump. */
  static final String ADDR_DUMP_DONE =
      """
      1400000003000200e7250a6b2143000000000000
      """;

  /** The datagram of {@code ip route show} holding the three routes of the main table. */
  static final String ROUTE_DUMP_REPLY =
      """
      3c00000018002200e6250a6b2543000002180000fe02fd011000000008000f00
      fe000000080001000a010200080007000a01020308000400040000003c000000
      18002200e6250a6b2543000002100000fe03fd011000000008000f00fe000000
      080001000a080000080006000500000008000400040000003c00000018002200
      e6250a6b2543000002180000fe0300011000000008000f00fe00000008000100
      0a090000080005000a0102010800040004000000
      """;

  /** The datagram of {@code ip -6 route show}: fd00::/64, the prefix route of fd00::3/64. */
  static final String ROUTE6_DUMP_REPLY =
      """
      7400000018002200e6250a6b294300000a400000fe0200011000000008000f00
      fe00000014000100fd0000000000000000000000000000000800060000010000
      080004000400000024000c000000000000000000000000000000000000000000
      0000000000000000000000000500140000000000
      """;

  /**
   * The datagram of {@code ip neigh show}: 10.1.2.9 (permanent), ff02::16 (noarp), then NLMSG_DONE.
   */
  static final String NEIGH_DUMP_REPLY =
      """
      4c0000001c000200e7250a6b2d43000002000000040000008000000108000100
      0a0102090a00020002000000000900000800040000000000140003000a000000
      0a0000000a00000000000000580000001c000200e7250a6b2d4300000a000000
      040000004000000514000100ff0200000000000000000000000000160a000200
      33330000001600000800040000000000140003007d1700000d0000000d000000
      000000001400000003000200e7250a6b2d43000000000000
      """;

  /** The datagram of {@code bridge fdb show dev vx0}: the all-zero flood entry to 192.0.2.7. */
  static final String FDB_DUMP_REPLY =
      """
      440000001c000200e7250a6b314300000700000005000000c00002010a000200
      000000000000000008000100c000020714000300000000000a0000000a000000
      00000000
      """;

  private static final Map<Integer, String> NAMES =
      Map.of(1, "lo", 2, "br0", 3, "v1", 4, "v0", 5, "vx0");

  private static LinkAttributes attributes(
      int index, String name, String mac, Set<LinkFlag> flags, List<String> altNames) {
    return new LinkAttributes(
        index,
        name,
        1500,
        Optional.of(MacAddress.parse(mac)),
        flags,
        OptionalInt.empty(),
        0,
        altNames);
  }

  // ---- links ----

  @Test
  void vethWithPeerAndAltName() {
    Link link = LinkMessages.parse(Hex.message(LINK_REPLY_V0));
    // UP | BROADCAST | MULTICAST: up, but no carrier (the peer is down), so no LOWER_UP/RUNNING.
    assertThat(link)
        .isEqualTo(
            new Link.Veth(
                attributes(
                    4,
                    "v0",
                    "4e:b9:ab:d2:6c:74",
                    Set.of(LinkFlag.UP, LinkFlag.BROADCAST, LinkFlag.MULTICAST),
                    List.of("junction-v0")),
                OptionalInt.of(3)));
    assertThat(link.kind()).isEqualTo("veth");
    assertThat(link.isUp()).isTrue();
    assertThat(link.masterIndex()).isEmpty();
  }

  @Test
  void vethPeerDown() {
    Link link = LinkMessages.parse(Hex.message(LINK_REPLY_V1));
    assertThat(link)
        .isEqualTo(
            new Link.Veth(
                attributes(
                    3,
                    "v1",
                    "26:07:ed:20:b2:a2",
                    Set.of(LinkFlag.BROADCAST, LinkFlag.MULTICAST),
                    List.of()),
                OptionalInt.of(4)));
    assertThat(link.isUp()).isFalse();
  }

  @Test
  void vxlan() {
    assertThat(LinkMessages.parse(Hex.message(LINK_REPLY_VXLAN)))
        .isEqualTo(
            new Link.Vxlan(
                attributes(
                    5,
                    "vx0",
                    "6a:a1:82:66:8c:83",
                    Set.of(LinkFlag.BROADCAST, LinkFlag.MULTICAST),
                    List.of()),
                42,
                Optional.empty(),
                4789,
                false,
                OptionalInt.empty()));
  }

  @Test
  void bridge() {
    assertThat(LinkMessages.parse(Hex.message(LINK_REPLY_BRIDGE)))
        .isEqualTo(
            new Link.Bridge(
                attributes(
                    2,
                    "br0",
                    "42:1f:da:b1:48:1c",
                    Set.of(LinkFlag.BROADCAST, LinkFlag.MULTICAST),
                    List.of()),
                true));
  }

  @Test
  void repliesRoundTripThroughOurOwnWriter() {
    // A link reply with the attributes the kernel sends for a macvlan enslaved to a bridge, in a
    // group, with a 4-byte (non-Ethernet) address: built with MessageWriter, parsed back.
    MessageWriter writer = new MessageWriter(16, 0).u8(0).u8(0).u16(1).u32(9).u32(0x10043).u32(0);
    writer.attributeString(3, "mv0");
    writer.attributeU32(4, 9000);
    writer.attribute(1, new byte[] {1, 2, 3, 4});
    writer.attributeU32(10, 2);
    writer.attributeU32(27, 7);
    writer.attributeU32(5, 4);
    int info = writer.beginNested(18);
    writer.attributeString(1, "macvlan");
    int data = writer.beginNested(2);
    writer.attributeU32(1, 8);
    writer.endNested(data);
    writer.endNested(info);
    Link link = LinkMessages.parse(Hex.message(Hex.text(writer.finish(1, 0))));
    assertThat(link)
        .isEqualTo(
            new Link.Macvlan(
                new LinkAttributes(
                    9,
                    "mv0",
                    9000,
                    Optional.empty(),
                    Set.of(LinkFlag.UP, LinkFlag.BROADCAST, LinkFlag.RUNNING, LinkFlag.LOWER_UP),
                    OptionalInt.of(2),
                    7,
                    List.of()),
                MacvlanMode.PASSTHRU,
                OptionalInt.of(4)));
    // A link without IFLA_LINKINFO (loopback, a physical NIC) is generic with an empty kind.
    MessageWriter lo = new MessageWriter(16, 0).u8(0).u8(0).u16(772).u32(1).u32(0x49).u32(0);
    lo.attributeString(3, "lo");
    Link loopback = LinkMessages.parse(Hex.message(Hex.text(lo.finish(1, 0))));
    assertThat(loopback).isInstanceOf(Link.Generic.class);
    assertThat(loopback.kind()).isEmpty();
    assertThat(loopback.attributes().flags())
        .containsExactlyInAnyOrder(LinkFlag.UP, LinkFlag.LOOPBACK, LinkFlag.RUNNING);
  }

  // ---- addresses ----

  @Test
  void addresses() {
    List<Message> messages = Hex.messages(ADDR_DUMP_REPLY);
    assertThat(messages).hasSize(2);
    assertThat(messages)
        .extracting(AddressMessages::parse)
        .containsExactly(
            new LinkAddress(4, InterfaceAddress.parse("10.1.2.3/24"), Scope.UNIVERSE),
            new LinkAddress(4, InterfaceAddress.parse("fd00::3/64"), Scope.UNIVERSE));
    Message done = Hex.message(ADDR_DUMP_DONE);
    assertThat(done.isDone()).isTrue();
    assertThat(done.errno()).isZero();
  }

  // ---- routes ----

  @Test
  void routesOfTheMainTable() {
    List<Message> messages = Hex.messages(ROUTE_DUMP_REPLY);
    assertThat(messages).hasSize(3);
    List<Route> routes =
        messages.stream()
            .map(m -> RouteMessages.parse(m, Route.MAIN_TABLE, NAMES::get))
            .map(Optional::orElseThrow)
            .toList();
    assertThat(routes)
        .containsExactly(
            // 10.1.2.0/24 dev v0 proto kernel scope link src 10.1.2.3 linkdown
            Route.to(IpPrefix.parse("10.1.2.0/24"))
                .withDevice("v0")
                .withProtocol(Route.PROTOCOL_KERNEL)
                .withSource(IpAddress.parse("10.1.2.3")),
            // 10.8.0.0/16 dev v0 scope link metric 5 linkdown
            Route.to(IpPrefix.parse("10.8.0.0/16")).withDevice("v0").withMetric(5),
            // 10.9.0.0/24 via 10.1.2.1 dev v0 linkdown
            Route.to(IpPrefix.parse("10.9.0.0/24"))
                .withGateway(IpAddress.parse("10.1.2.1"))
                .withDevice("v0"));
    // linkdown (RTNH_F_LINKDOWN) is not onlink (RTNH_F_ONLINK).
    assertThat(routes).noneMatch(Route::onLink);
  }

  @Test
  void routesOfAnotherTableAreSkipped() {
    for (Message message : Hex.messages(ROUTE_DUMP_REPLY)) {
      assertThat(RouteMessages.parse(message, 100, NAMES::get)).isEmpty();
      assertThat(RouteMessages.parse(message, 255, NAMES::get)).isEmpty();
    }
  }

  @Test
  void ipv6PrefixRoute() {
    Route route =
        RouteMessages.parse(Hex.message(ROUTE6_DUMP_REPLY), Route.MAIN_TABLE, NAMES::get)
            .orElseThrow();
    // fd00::/64 dev v0 proto kernel metric 256: IPv6 routes are scope universe.
    assertThat(route)
        .isEqualTo(
            Route.to(IpPrefix.parse("fd00::/64"))
                .withDevice("v0")
                .withScope(Scope.UNIVERSE)
                .withMetric(256)
                .withProtocol(Route.PROTOCOL_KERNEL));
  }

  @Test
  void clonedAndNonUnicastRoutesAreSkipped() {
    byte[] bytes = Hex.bytes(ROUTE_DUMP_REPLY);
    byte[] local = java.util.Arrays.copyOf(bytes, 60);
    local[16 + 7] = 2; // RTN_LOCAL
    assertThat(RouteMessages.parse(Hex.message(Hex.text(local)), Route.MAIN_TABLE, NAMES::get))
        .isEmpty();
    byte[] cloned = java.util.Arrays.copyOf(bytes, 60);
    cloned[16 + 9] |= 0x02; // rtm_flags |= RTM_F_CLONED (0x200)
    assertThat(RouteMessages.parse(Hex.message(Hex.text(cloned)), Route.MAIN_TABLE, NAMES::get))
        .isEmpty();
  }

  @Test
  void ourRouteRequestsParseBackToTheSameRoute() {
    // A request and a reply share rtmsg and RTA_*: what we send reads back as the route we meant.
    for (Route route :
        List.of(
            Route.to(IpPrefix.parse("10.9.0.0/24"))
                .withGateway(IpAddress.parse("10.1.2.1"))
                .withDevice("v0")
                .withMetric(20)
                .withOnLink(true),
            Route.defaultVia(IpAddress.parse("fd00::1"))
                .withDevice("v0")
                .withTable(1000)
                .withSource(IpAddress.parse("fd00::3"))
                .withProtocol(Route.PROTOCOL_STATIC),
            Route.to(IpPrefix.parse("10.8.0.0/16")).withDevice("vx0").withScope(Scope.HOST))) {
      byte[] request =
          RouteMessages.request(
                  RouteMessages.Mode.ADD,
                  route,
                  route.device().map(d -> d.equals("v0") ? 4 : 5).orElse(0))
              .finish(1, 0);
      Optional<Route> parsed =
          RouteMessages.parse(Hex.message(Hex.text(request)), route.table(), NAMES::get);
      assertThat(parsed).as(route.describe()).contains(route);
    }
  }

  // ---- neighbours and FDB ----

  @Test
  void neighbors() {
    List<Message> messages = Hex.messages(NEIGH_DUMP_REPLY);
    assertThat(messages).hasSize(3);
    assertThat(messages.get(2).isDone()).isTrue();
    assertThat(NeighborMessages.linkIndex(messages.get(0))).isEqualTo(4);
    assertThat(NeighborMessages.linkIndex(messages.get(1))).isEqualTo(4);
    assertThat(NeighborMessages.parseNeighbor(messages.get(0), "v0"))
        .contains(
            Neighbor.permanent(
                "v0", IpAddress.parse("10.1.2.9"), MacAddress.parse("02:00:00:00:00:09")));
    // The IPv6 multicast entry the kernel keeps for MLD (ff02::16, noarp) is no neighbour.
    assertThat(NeighborMessages.parseNeighbor(messages.get(1), "v0")).isEmpty();
  }

  @Test
  void neighborWithoutAddressOrMac() {
    // An incomplete entry has no NDA_LLADDR; an entry without NDA_DST is skipped.
    MessageWriter incomplete =
        new MessageWriter(28, 0).u8(2).u8(0).u16(0).u32(4).u16(0x01).u8(0).u8(1);
    incomplete.attribute(1, new byte[] {10, 1, 2, 10});
    assertThat(NeighborMessages.parseNeighbor(Hex.message(Hex.text(incomplete.finish(1, 0))), "v0"))
        .contains(
            new Neighbor(
                "v0", IpAddress.parse("10.1.2.10"), Optional.empty(), NeighborState.INCOMPLETE));
    MessageWriter noDestination =
        new MessageWriter(28, 0).u8(2).u8(0).u16(0).u32(4).u16(0x80).u8(0).u8(1);
    assertThat(
            NeighborMessages.parseNeighbor(Hex.message(Hex.text(noDestination.finish(1, 0))), "v0"))
        .isEmpty();
  }

  @Test
  void fdbEntry() {
    Message message = Hex.message(FDB_DUMP_REPLY);
    assertThat(NeighborMessages.linkIndex(message)).isEqualTo(5);
    assertThat(NeighborMessages.parseFdb(message, "vx0"))
        .contains(
            FdbEntry.permanent(
                "vx0", MacAddress.parse("00:00:00:00:00:00"), IpAddress.parse("192.0.2.7")));
  }

  @Test
  void fdbRequestsParseBack() {
    // What we append reads back as the same entry, permanent or not.
    for (FdbEntry entry :
        List.of(
            FdbEntry.permanent(
                "vx0", MacAddress.parse("02:00:00:00:00:01"), IpAddress.parse("192.0.2.9")),
            new FdbEntry(
                "vx0",
                MacAddress.parse("02:00:00:00:00:02"),
                Optional.of(IpAddress.parse("fd00::9")),
                false),
            new FdbEntry("vx0", MacAddress.parse("02:00:00:00:00:03"), Optional.empty(), true))) {
      Message message = Hex.message(Hex.text(NeighborMessages.appendFdb(5, entry).finish(1, 0)));
      assertThat(NeighborMessages.parseFdb(message, "vx0")).contains(entry);
    }
    // An entry without a 6-byte MAC is skipped.
    MessageWriter noMac = new MessageWriter(28, 0).u8(7).u8(0).u16(0).u32(5).u16(0x80).u8(2).u8(0);
    assertThat(NeighborMessages.parseFdb(Hex.message(Hex.text(noMac.finish(1, 0))), "vx0"))
        .isEmpty();
  }
}
