package dev.junction.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributesTest {

  private static Attributes parse(String hex) {
    byte[] bytes = Hex.bytes(hex);
    return Attributes.parse(ByteBuffer.wrap(bytes), 0, bytes.length);
  }

  @Test
  void readsEachWidth() {
    Attributes attributes =
        parse(
            "05000100"
                + "ab000000" // u8
                + "06000200"
                + "3412"
                + "0000" // u16, host order
                + "06000300"
                + "12b5"
                + "0000" // u16, network order
                + "08000400"
                + "78563412" // u32
                + "0a000500"
                + "010203040506"
                + "0000" // bytes (a MAC)
                + "07000600"
                + "763000"
                + "00"); // string
    assertThat(attributes.types()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(attributes.u8(1)).isEqualTo(0xab);
    assertThat(attributes.u16(2)).isEqualTo(0x1234);
    assertThat(attributes.u16Network(3)).isEqualTo(4789);
    assertThat(attributes.u32(4)).isEqualTo(0x12345678);
    assertThat(attributes.bytes(5)).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(attributes.string(6)).isEqualTo("v0");
    assertThat(attributes.has(6)).isTrue();
    assertThat(attributes.has(7)).isFalse();
    // Wider reads of a longer attribute take its first bytes.
    assertThat(attributes.u8(4)).isEqualTo(0x78);
    assertThat(attributes.u16(4)).isEqualTo(0x5678);
  }

  @Test
  void unsignedValues() {
    Attributes attributes =
        parse("05000100" + "ff000000" + "06000200" + "ffff0000" + "08000300" + "ffffffff");
    assertThat(attributes.u8(1)).isEqualTo(255);
    assertThat(attributes.u16(2)).isEqualTo(65535);
    assertThat(attributes.u16Network(2)).isEqualTo(65535);
    assertThat(attributes.u32(3)).isEqualTo(-1); // the caller reads it as unsigned if it must
  }

  @Test
  void readsIndependentlyOfTheBuffersOrder() {
    byte[] bytes = Hex.bytes("08000400" + "78563412");
    Attributes big = Attributes.parse(ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN), 0, 8);
    assertThat(big.u32(4)).isEqualTo(0x12345678);
  }

  @Test
  void missingOrShortAttributesAreErrors() {
    Attributes attributes = parse("06000200" + "3412" + "0000" + "04000300");
    assertThatThrownBy(() -> attributes.u32(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("netlink attribute 9 is missing");
    assertThatThrownBy(() -> attributes.u32(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("netlink attribute 2 has 2 bytes, expected 4");
    assertThatThrownBy(() -> attributes.u8(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> attributes.u16Network(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> attributes.string(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> attributes.nested(9)).isInstanceOf(IllegalArgumentException.class);
    assertThat(attributes.bytes(3)).isEmpty();
    assertThat(attributes.string(3)).isEmpty();
    assertThat(attributes.nested(3).types()).isEmpty();
  }

  @Test
  void stringsLoseTrailingNulsOnly() {
    Attributes attributes =
        parse(
            "08000100"
                + "61620000" // "ab\0\0"
                + "06000200"
                + "6162"
                + "0000" // "ab", no NUL (as some attributes are)
                + "08000300"
                + "61006200" // "a\0b\0": an inner NUL stays
                + "08000400"
                + "00000000");
    assertThat(attributes.string(1)).isEqualTo("ab");
    assertThat(attributes.string(2)).isEqualTo("ab");
    assertThat(attributes.string(3)).isEqualTo("a\0b");
    assertThat(attributes.string(4)).isEmpty();
  }

  @Test
  void repeatedAttributes() {
    // IFLA_PROP_LIST holds one IFLA_ALT_IFNAME per alternative name.
    Attributes attributes =
        parse(
            "07003500"
                + "61310000" // "a1"
                + "08000100"
                + "01000000"
                + "07003500"
                + "61320000" // "a2"
                + "0d003500"
                + "6a756e6374696f6e00000000"); // "junction"
    assertThat(attributes.strings(0x35)).containsExactly("a1", "a2", "junction");
    assertThat(attributes.string(0x35)).isEqualTo("a1"); // the first
    assertThat(attributes.strings(2)).isEmpty();
    assertThat(attributes.types()).containsExactly(0x35, 1, 0x35, 0x35);
  }

  @Test
  void nestedAndAllNested() {
    Attributes attributes =
        parse(
            "14000180" // nested, 20 bytes
                + "08000100"
                + "01000000"
                + "08000200"
                + "02000000"
                + "0c000100" // the same type again, without the nested flag
                + "08000300"
                + "03000000"
                + "04000200"); // empty
    assertThat(attributes.types()).containsExactly(1, 1, 2);
    Attributes first = attributes.nested(1);
    assertThat(first.u32(1)).isEqualTo(1);
    assertThat(first.u32(2)).isEqualTo(2);
    List<Attributes> all = attributes.allNested(1);
    assertThat(all).hasSize(2);
    assertThat(all.get(1).u32(3)).isEqualTo(3);
    assertThat(attributes.allNested(2))
        .singleElement()
        .satisfies(a -> assertThat(a.types()).isEmpty());
    assertThat(attributes.allNested(7)).isEmpty();
  }

  @Test
  void nestedAfterAFamilyHeader() {
    // A veth peer: ifinfomsg (16 bytes), then IFLA_IFNAME.
    Attributes attributes =
        parse("1c000100" + "00000000" + "03000000" + "0000000000000000" + "07000300" + "76310000");
    Attributes peer = attributes.nested(1, 16);
    assertThat(peer.string(3)).isEqualTo("v1");
    assertThat(attributes.payload(1).getInt(4)).isEqualTo(3);
    assertThat(attributes.payload(1).limit()).isEqualTo(24);
    assertThat(attributes.payload(1).order()).isEqualTo(ByteOrder.nativeOrder());
    assertThatThrownBy(() -> parse("08000100" + "00000000").nested(1, 16))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void typeFlagsAreMaskedOff() {
    Attributes attributes =
        parse("08000180" + "01000000" + "08000240" + "02000000" + "080003c0" + "03000000");
    assertThat(attributes.types()).containsExactly(1, 2, 3);
    assertThat(attributes.u32(2)).isEqualTo(2);
  }

  @Test
  void readsOnlyTheGivenRange() {
    byte[] bytes = Hex.bytes("ffffffff" + "08000100" + "01000000" + "08000200" + "02000000");
    Attributes attributes = Attributes.parse(ByteBuffer.wrap(bytes), 4, 12);
    assertThat(attributes.types()).containsExactly(1);
    assertThat(Attributes.parse(ByteBuffer.wrap(bytes), 4, 4).types()).isEmpty();
  }

  @Test
  void refusesMalformedLengths() {
    for (String hex :
        List.of(
            "00000100", // shorter than its header
            "03000100",
            "0c000100" + "01000000", // longer than what is left
            "08000100" + "01000000" + "ffff0100",
            "08000100" + "01000000" + "09000200" + "01000000")) {
      assertThatThrownBy(() -> parse(hex))
          .as(hex)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed netlink attribute");
    }
  }

  @Test
  void trailingBytesShorterThanAHeaderAreIgnoredAsTheKernelDoes() {
    // nla_parse also stops when fewer than 4 bytes remain (and only warns about them).
    assertThat(parse("08000100" + "01000000" + "0800").types()).containsExactly(1);
  }

  @Test
  void lastAttributeMayEndUnaligned() {
    byte[] bytes = Hex.bytes("08000100" + "01000000" + "05000200" + "07");
    assertThat(Attributes.parse(ByteBuffer.wrap(bytes), 0, bytes.length).u8(2)).isEqualTo(7);
  }
}
