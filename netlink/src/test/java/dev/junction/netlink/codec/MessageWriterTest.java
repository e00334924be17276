package dev.junction.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageWriterTest {

  @Test
  void headerHoldsLengthTypeFlagsSequenceAndPort() {
    MessageWriter writer = new MessageWriter(16, 0x0605);
    assertThat(writer.type()).isEqualTo(16);
    assertThat(writer.flags()).isEqualTo(0x0605);
    byte[] bytes = writer.finish(0x0a0b0c0d, 0x01020304);
    // struct nlmsghdr in host (little-endian) order: len, type, flags, seq, pid.
    assertThat(Hex.text(bytes)).isEqualTo("10000000" + "1000" + "0506" + "0d0c0b0a" + "04030201");
  }

  @Test
  void typeAndFlagsUseAll16Bits() {
    MessageWriter writer = new MessageWriter(0xfffe, 0x8001);
    assertThat(writer.type()).isEqualTo(0xfffe);
    assertThat(writer.flags()).isEqualTo(0x8001);
    Message message = Hex.message(Hex.text(writer.finish(-1, -2)));
    assertThat(message.type()).isEqualTo(0xfffe);
    assertThat(message.flags()).isEqualTo(0x8001);
    assertThat(message.sequence()).isEqualTo(-1);
    assertThat(message.portId()).isEqualTo(-2);
  }

  @Test
  void finishCanBeCalledAgainWithANewSequence() {
    MessageWriter writer = new MessageWriter(18, 1).u32(7);
    byte[] first = writer.finish(1, 0);
    byte[] second = writer.finish(2, 0);
    assertThat(first).hasSize(20);
    assertThat(second).hasSize(20);
    assertThat(first[8]).isEqualTo((byte) 1);
    assertThat(second[8]).isEqualTo((byte) 2);
  }

  @Test
  void familyHeaderFieldsAreHostOrder() {
    byte[] bytes =
        new MessageWriter(20, 1).u8(0xab).u8(-1).u16(0x1234).u32(0x05060708).zeros(3).finish(0, 0);
    assertThat(Hex.text(bytes).substring(32)).isEqualTo("abff3412" + "08070605" + "000000" + "00");
    assertThat(bytes).hasSize(28);
    assertThat(lengthField(bytes)).isEqualTo(28);
  }

  @Test
  void attributesArePaddedToFourBytes() {
    byte[] bytes =
        new MessageWriter(16, 1)
            .attribute(1, new byte[] {1})
            .attribute(2, new byte[] {1, 2})
            .attribute(3, new byte[] {1, 2, 3})
            .attribute(4, new byte[] {1, 2, 3, 4})
            .attribute(5, new byte[0])
            .finish(0, 0);
    assertThat(Hex.text(bytes).substring(32))
        .isEqualTo(
            "05000100"
                + "01000000"
                + "06000200"
                + "01020000"
                + "07000300"
                + "01020300"
                + "08000400"
                + "01020304"
                + "04000500");
    assertThat(bytes.length % 4).isZero();
    assertThat(lengthField(bytes)).isEqualTo(bytes.length);
  }

  @Test
  void attributesAfterAnUnalignedHeaderStartAligned() {
    // ifaddrmsg-like: 5 bytes of header, then an attribute at offset 8 of the payload.
    byte[] bytes = new MessageWriter(20, 1).u8(1).u32(2).attributeU8(3, 4).finish(0, 0);
    assertThat(Hex.text(bytes).substring(32))
        .isEqualTo("0102000000000000" + "05000300" + "04000000");
  }

  @Test
  void integerAttributes() {
    byte[] bytes =
        new MessageWriter(16, 1)
            .attributeU8(1, 0x1ff)
            .attributeU16(2, 0x12b5)
            .attributeU16Network(3, 4789)
            .attributeU32(4, 0xdeadbeef)
            .finish(0, 0);
    assertThat(Hex.text(bytes).substring(32))
        .isEqualTo(
            "05000100"
                + "ff000000"
                + "06000200"
                + "b5120000" // host order
                + "06000300"
                + "12b50000" // network order: 4789 = 0x12b5
                + "08000400"
                + "efbeadde");
  }

  @Test
  void stringsAreNulTerminated() {
    byte[] bytes =
        new MessageWriter(16, 1)
            .attributeString(3, "br0")
            .attributeString(3, "v0")
            .attributeString(3, "")
            .attributeString(3, "é")
            .finish(0, 0);
    assertThat(Hex.text(bytes).substring(32))
        .isEqualTo(
            "08000300"
                + "62723000" // "br0\0": 4 bytes, no padding
                + "07000300"
                + "76300000" // "v0\0" and one byte of padding
                + "05000300"
                + "00000000"
                + "07000300"
                + "c3a90000"); // UTF-8
    Attributes attributes = Hex.message(Hex.text(bytes)).attributes(0);
    assertThat(attributes.strings(3)).containsExactly("br0", "v0", "", "é");
  }

  @Test
  void nestedAttributesHaveTheirLengthFixedAndTheNestedFlag() {
    MessageWriter writer = new MessageWriter(16, 1);
    int outer = writer.beginNested(18);
    writer.attributeString(1, "veth");
    int inner = writer.beginNested(2);
    writer.attributeU32(7, 1);
    writer.endNested(inner);
    int empty = writer.beginNested(9);
    writer.endNested(empty);
    writer.endNested(outer);
    writer.attributeU8(30, 1);
    byte[] bytes = writer.finish(0, 0);
    assertThat(Hex.text(bytes).substring(32))
        .isEqualTo(
            "20001280" // IFLA_LINKINFO | NLA_F_NESTED, 32 bytes
                + "09000100"
                + "76657468"
                + "00000000"
                + "0c000280" // nested, 12 bytes
                + "08000700"
                + "01000000"
                + "04000980" // an empty nest is just its header
                + "05001e00"
                + "01000000");
    Attributes top = Hex.message(Hex.text(bytes)).attributes(0);
    assertThat(top.types()).containsExactly(18, 30);
    Attributes info = top.nested(18);
    assertThat(info.string(1)).isEqualTo("veth");
    assertThat(info.nested(2).u32(7)).isEqualTo(1);
    assertThat(info.nested(9).types()).isEmpty();
  }

  @Test
  void structuredAttributesHaveNoNestedFlag() {
    MessageWriter writer = new MessageWriter(16, 1);
    int data = writer.beginNested(2);
    int peer = writer.beginStructured(1);
    writer.u8(0).u8(0).u16(0).u32(0).u32(0).u32(0);
    writer.attributeString(3, "v1");
    writer.endNested(peer);
    writer.endNested(data);
    byte[] bytes = writer.finish(0, 0);
    assertThat(Hex.text(bytes).substring(32))
        .isEqualTo(
            "20000280"
                + "1c000100" // VETH_INFO_PEER: no NLA_F_NESTED
                + "00000000000000000000000000000000"
                + "07000300"
                + "76310000");
    Attributes peerAttributes = Hex.message(Hex.text(bytes)).attributes(0).nested(2).nested(1, 16);
    assertThat(peerAttributes.string(3)).isEqualTo("v1");
  }

  @Test
  void growsPastTheInitialBuffer() {
    MessageWriter writer = new MessageWriter(16, 1);
    int nest = writer.beginNested(1);
    for (int i = 0; i < 200; i++) {
      writer.attributeU32(i, i * 31);
    }
    writer.endNested(nest);
    byte[] big = new byte[3000];
    new Random(42).nextBytes(big);
    writer.attribute(2, big);
    writer.attributeString(3, "after");
    byte[] bytes = writer.finish(9, 9);
    assertThat(bytes).hasSize(16 + 4 + 200 * 8 + 4 + 3000 + 12);
    assertThat(lengthField(bytes)).isEqualTo(bytes.length);
    Attributes top = Hex.message(Hex.text(bytes)).attributes(0);
    Attributes nested = top.nested(1);
    assertThat(nested.types()).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(nested.u32(i)).isEqualTo(i * 31);
    }
    assertThat(top.bytes(2)).isEqualTo(big);
    assertThat(top.string(3)).isEqualTo("after");
  }

  @Test
  void growsWhenOneAttributeIsLargerThanDoubleTheBuffer() {
    byte[] payload = new byte[1 << 14];
    payload[payload.length - 1] = 7;
    byte[] bytes = new MessageWriter(16, 1).attribute(1, payload).finish(0, 0);
    assertThat(bytes).hasSize(16 + 4 + payload.length);
    assertThat(Hex.message(Hex.text(bytes)).attributes(0).bytes(1)).isEqualTo(payload);
  }

  @Test
  void refusesAttributesTooLongForTheirLengthField() {
    MessageWriter writer = new MessageWriter(16, 1);
    assertThatThrownBy(() -> writer.attribute(1, new byte[0xffff - 3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
    // The largest that fits.
    assertThat(writer.attribute(1, new byte[0xffff - 4]).finish(0, 0)).hasSize(16 + 0x10000);
    MessageWriter nesting = new MessageWriter(16, 1);
    int nest = nesting.beginNested(1);
    nesting.attribute(2, new byte[0xfff0]).attribute(3, new byte[64]);
    assertThatThrownBy(() -> nesting.endNested(nest)).isInstanceOf(BufferOverflowException.class);
  }

  @Test
  void roundTripsRandomAttributeTrees() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      MessageWriter writer = new MessageWriter(16, 1);
      List<byte[]> payloads = new java.util.ArrayList<>();
      int count = random.nextInt(20);
      int nest = writer.beginNested(100);
      for (int i = 0; i < count; i++) {
        byte[] payload = new byte[random.nextInt(40)];
        random.nextBytes(payload);
        payloads.add(payload);
        writer.attribute(i, payload);
      }
      writer.endNested(nest);
      byte[] bytes = writer.finish(round, 0);
      String context = "seed " + seed + ", round " + round;
      assertThat(bytes.length % 4).as(context).isZero();
      Attributes nested = Hex.message(Hex.text(bytes)).attributes(0).nested(100);
      assertThat(nested.types()).as(context).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(nested.bytes(i)).as(context).isEqualTo(payloads.get(i));
      }
    }
  }

  private static int lengthField(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
  }
}
