package dev.junction.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Received messages: splitting a datagram, acknowledgements, errors and their extended-ack text.
 * The hex constants are kernel replies (Linux 6.18) captured with {@code strace -e
 * trace=recvmsg,sendmsg -e read=all -xx} in a throw-away namespace.
 */
class MessageTest {

  /** The ack of {@code ip link add br0 type bridge}: error 0, capped (just the request header). */
  static final String ACK =
      """
      2400000002000001e6250a6be5420000000000003800000010000506e6250a6b
      00000000
      """;

  /**
   * {@code ip link add vx1 type vxlan id 42 dstport 4789 nolearning} while vx0 has VNI 42: EEXIST.
   * iproute2 does not ask for capped acks, so the kernel echoes the whole 84-byte request before
   * the extended-ack TLVs (flags {@code NLM_F_ACK_TLVS} only).
   */
  static final String ERROR_VXLAN_EXISTS =
      """
      a400000002000002e6250a6bf1420000efffffff5400000010000506e6250a6b
      000000000000000000000000000000000000000008000300767831002c001200
      0900010076786c616e0000001c000200080001002a0000000500070000000000
      06000f0012b5000039000100412056584c414e20646576696365207769746820
      7468652073706563696669656420564e4920616c726561647920657869737473
      00000000
      """;

  /**
   * {@code ip addr del 10.1.2.3/24 dev v0} when the address is not there: EADDRNOTAVAIL, uncapped.
   */
  static final String ERROR_ADDRESS_NOT_FOUND =
      """
      5800000002000002e6250a6b4f4300009dffffff2800000015000500e6250a6b
      000000000218000004000000080002000a010203080001000a0102031c000100
      697076343a2041646472657373206e6f7420666f756e6400
      """;

  /**
   * The same RTM_DELADDR (on lo) sent from a socket with {@code NETLINK_CAP_ACK} and {@code
   * NETLINK_EXT_ACK} set, as ours is (a few lines of Python in a throw-away namespace): flags
   * {@code NLM_F_CAPPED | NLM_F_ACK_TLVS}, only the request's header echoed, then the TLVs.
   */
  static final String ERROR_CAPPED_ADDRESS_NOT_FOUND =
      """
      400000000200000311000000cc4800009dffffff200000001500050011000000
      000000001c000100697076343a2041646472657373206e6f7420666f756e6400
      """;

  /**
   * The error iproute2 provokes on purpose at start (RTM_NEWLINK for index 0): ENODEV, the whole
   * 32-byte request echoed, no TLVs.
   */
  static final String ERROR_NO_DEVICE =
      """
      340000000200000000000000e5420000edffffff200000001000050000000000
      0000000000000000000000000000000000000000
      """;

  /**
   * One datagram of {@code ip neigh show}: two RTM_NEWNEIGH replies (10.1.2.9 and ff02::16) and the
   * NLMSG_DONE that ends the dump.
   */
  static final String NEIGH_DUMP =
      """
      4c0000001c000200e7250a6b2d43000002000000040000008000000108000100
      0a0102090a00020002000000000900000800040000000000140003000a000000
      0a0000000a00000000000000580000001c000200e7250a6b2d4300000a000000
      040000004000000514000100ff0200000000000000000000000000160a000200
      33330000001600000800040000000000140003007d1700000d0000000d000000
      000000001400000003000200e7250a6b2d43000000000000
      """;

  @Test
  void splitsADatagramIntoMessages() {
    List<Message> messages = Hex.messages(NEIGH_DUMP);
    assertThat(messages).extracting(Message::type).containsExactly(28, 28, Netlink.NLMSG_DONE);
    assertThat(messages).extracting(Message::sequence).containsOnly(0x6b0a25e7);
    assertThat(messages).extracting(Message::portId).containsOnly(0x432d);
    assertThat(messages).allMatch(m -> m.hasFlag(Netlink.NLM_F_MULTI));
    assertThat(messages).extracting(m -> m.payload().limit()).containsExactly(60, 72, 4);
    assertThat(messages.get(0).payload().get(0)).isEqualTo((byte) 2); // AF_INET
    assertThat(messages.get(1).payload().get(0)).isEqualTo((byte) 10); // AF_INET6
    Message done = messages.get(2);
    assertThat(done.isDone()).isTrue();
    assertThat(done.isError()).isFalse();
    assertThat(done.errno()).isZero();
    assertThat(done.extendedAck()).isEmpty();
  }

  @Test
  void parsesOnlyTheGivenLength() {
    byte[] bytes = Hex.bytes(NEIGH_DUMP);
    assertThat(Message.parseAll(bytes, 0x4c)).hasSize(1);
    assertThat(Message.parseAll(bytes, 0x4c + 0x58)).hasSize(2);
    assertThat(Message.parseAll(bytes, 0)).isEmpty();
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 100);
    assertThatThrownBy(() -> Message.parseAll(padded, padded.length))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadsAreViewsPositionedAtZero() {
    Message second = Hex.messages(NEIGH_DUMP).get(1);
    assertThat(second.payload().position()).isZero();
    assertThat(second.payload().getInt(4)).isEqualTo(4); // ndm_ifindex, host order
    assertThat(second.attributes(12).types()).containsExactly(1, 2, 4, 3);
  }

  @Test
  void lastMessageMayEndUnaligned() {
    // A 21-byte message with no padding after it, as the end of a datagram.
    byte[] bytes = Hex.bytes("15000000" + "1000" + "0000" + "01000000" + "00000000" + "0102030405");
    List<Message> messages = Message.parseAll(bytes, bytes.length);
    assertThat(messages).hasSize(1);
    assertThat(messages.getFirst().payload().limit()).isEqualTo(5);
  }

  @Test
  void refusesMessagesLongerThanTheBuffer() {
    byte[] bytes = Hex.bytes(NEIGH_DUMP);
    for (int cut : new int[] {bytes.length - 1, bytes.length - 4, 0x4c + 20, 0x4c - 4, 17}) {
      assertThatThrownBy(() -> Message.parseAll(bytes, cut))
          .as("cut at %d", cut)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("netlink");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, -1, -16, Integer.MIN_VALUE})
  void refusesLengthsShorterThanAHeader(int length) {
    byte[] bytes = Hex.bytes(ACK);
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, length);
    assertThatThrownBy(() -> Message.parseAll(bytes, bytes.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed netlink message at offset 0");
  }

  @Test
  void refusesALengthThatOverflows() {
    // A second message whose length, added to its offset, overflows an int.
    byte[] bytes = Arrays.copyOf(Hex.bytes(ACK), 36 + 16);
    java.nio.ByteBuffer.wrap(bytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(36, Integer.MAX_VALUE - 8);
    assertThatThrownBy(() -> Message.parseAll(bytes, bytes.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 36");
  }

  @Test
  void refusesATruncatedTail() {
    // A complete ack followed by the first bytes of another message.
    for (int extra = 1; extra < 16; extra++) {
      byte[] bytes = Arrays.copyOf(Hex.bytes(ACK), 36 + extra);
      bytes[36] = 0x24;
      int length = bytes.length;
      assertThatThrownBy(() -> Message.parseAll(bytes, length))
          .as("%d trailing bytes", extra)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void ackIsAnErrorMessageWithErrnoZero() {
    Message ack = Hex.message(ACK);
    assertThat(ack.isError()).isTrue();
    assertThat(ack.isDone()).isFalse();
    assertThat(ack.errno()).isZero();
    assertThat(ack.hasFlag(Netlink.NLM_F_CAPPED)).isTrue();
    assertThat(ack.hasFlag(Netlink.NLM_F_ACK_TLVS)).isFalse();
    assertThat(ack.extendedAck()).isEmpty();
  }

  @Test
  void uncappedErrorWithTlvsAfterTheWholeRequest() {
    Message error = Hex.message(ERROR_VXLAN_EXISTS);
    assertThat(error.isError()).isTrue();
    assertThat(error.errno()).isEqualTo(17); // EEXIST
    assertThat(error.hasFlag(Netlink.NLM_F_CAPPED)).isFalse();
    assertThat(error.extendedAck())
        .isEqualTo("A VXLAN device with the specified VNI already exists");
    Message other = Hex.message(ERROR_ADDRESS_NOT_FOUND);
    assertThat(other.errno()).isEqualTo(99); // EADDRNOTAVAIL
    assertThat(other.extendedAck()).isEqualTo("ipv4: Address not found");
  }

  @Test
  void cappedErrorWithTlvsAfterTheRequestHeader() {
    Message error = Hex.message(ERROR_CAPPED_ADDRESS_NOT_FOUND);
    assertThat(error.hasFlag(Netlink.NLM_F_CAPPED)).isTrue();
    assertThat(error.hasFlag(Netlink.NLM_F_ACK_TLVS)).isTrue();
    assertThat(error.errno()).isEqualTo(99);
    assertThat(error.extendedAck()).isEqualTo("ipv4: Address not found");
  }

  @Test
  void errorWithoutTlvs() {
    Message error = Hex.message(ERROR_NO_DEVICE);
    assertThat(error.errno()).isEqualTo(19); // ENODEV
    assertThat(error.extendedAck()).isEmpty();
  }

  @Test
  void doneWithAnErrorAndTlvs() {
    // NLMSG_DONE of a failed dump: the errno, then the TLVs (netlink_dump_done).
    byte[] bytes =
        new MessageWriter(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | Netlink.NLM_F_ACK_TLVS)
            .u32(-22)
            .attributeString(Netlink.NLMSGERR_ATTR_MSG, "invalid dump filter")
            .finish(5, 6);
    Message done = Hex.message(Hex.text(bytes));
    assertThat(done.isDone()).isTrue();
    assertThat(done.errno()).isEqualTo(22);
    assertThat(done.extendedAck()).isEqualTo("invalid dump filter");
  }

  @Test
  void tlvsWithoutAMessageGiveNoText() {
    // Only the offset of the offending attribute, no text.
    byte[] bytes =
        new MessageWriter(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS)
            .u32(-22)
            .u32(16)
            .zeros(12)
            .attributeU32(Netlink.NLMSGERR_ATTR_OFFS, 20)
            .finish(1, 1);
    Message error = Hex.message(Hex.text(bytes));
    assertThat(error.errno()).isEqualTo(22);
    assertThat(error.extendedAck()).isEmpty();
  }

  @Test
  void shortOrOddErrorPayloadsGiveNoTextRatherThanFailing() {
    // Too short to hold an errno: success.
    Message empty = Hex.message(Hex.text(new MessageWriter(Netlink.NLMSG_DONE, 0).finish(0, 0)));
    assertThat(empty.errno()).isZero();
    assertThat(empty.extendedAck()).isEmpty();
    // TLV flag set but the echoed header is cut short.
    Message cut =
        Hex.message(
            Hex.text(
                new MessageWriter(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS)
                    .u32(-1)
                    .u32(16)
                    .finish(0, 0)));
    assertThat(cut.errno()).isEqualTo(1);
    assertThat(cut.extendedAck()).isEmpty();
    // An echoed length past the end of the message.
    Message past =
        Hex.message(
            Hex.text(
                new MessageWriter(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS)
                    .u32(-1)
                    .u32(4096)
                    .zeros(12)
                    .finish(0, 0)));
    assertThat(past.extendedAck()).isEmpty();
    // An echoed length that is negative or shorter than a header must not send the reader back.
    for (int echoed : new int[] {-4, -100, 0, 8, Integer.MIN_VALUE}) {
      Message odd =
          Hex.message(
              Hex.text(
                  new MessageWriter(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS)
                      .u32(-1)
                      .u32(echoed)
                      .zeros(12)
                      .attributeString(Netlink.NLMSGERR_ATTR_MSG, "x")
                      .finish(0, 0)));
      assertThat(odd.errno()).as("echoed length %d", echoed).isEqualTo(1);
      assertThat(odd.extendedAck()).as("echoed length %d", echoed).isEmpty();
    }
    // Malformed TLVs: the errno still reaches the caller, without text.
    Message malformed =
        Hex.message(
            Hex.text(
                new MessageWriter(
                        Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS)
                    .u32(-1)
                    .u32(16)
                    .zeros(12)
                    .u16(200) // an attribute length past the end
                    .u16(Netlink.NLMSGERR_ATTR_MSG)
                    .finish(0, 0)));
    assertThat(malformed.errno()).isEqualTo(1);
    assertThat(malformed.extendedAck()).isEmpty();
  }

  @Test
  void attributesAfterAFamilyHeader() {
    Message reply = Hex.messages(NEIGH_DUMP).getFirst();
    Attributes attributes = reply.attributes(12);
    assertThat(attributes.types()).containsExactly(1, 2, 4, 3);
    assertThat(attributes.bytes(1)).containsExactly(10, 1, 2, 9);
  }
}
