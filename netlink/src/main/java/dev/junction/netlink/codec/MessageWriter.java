package dev.junction.netlink.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink request: the header, a fixed family header ({@code ifinfomsg}, {@code rtmsg},
 * ...), then attributes, nested ones included. Integers are in host byte order, as netlink wants,
 * except where a method says network order.
 */
public final class MessageWriter {

  private ByteBuffer buffer;

  /**
   * Starts a message of {@code type} with {@code flags}; sequence and port are set by the socket.
   */
  public MessageWriter(int type, int flags) {
    buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    buffer.putInt(0); // length, fixed by finish()
    buffer.putShort((short) type);
    buffer.putShort((short) flags);
    buffer.putInt(0); // sequence
    buffer.putInt(0); // port id
  }

  private void ensure(int more) {
    if (buffer.remaining() < more) {
      int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
      ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
  }

  private void pad() {
    int padding = Netlink.align(buffer.position()) - buffer.position();
    ensure(padding);
    for (int i = 0; i < padding; i++) {
      buffer.put((byte) 0);
    }
  }

  public MessageWriter u8(int value) {
    ensure(1);
    buffer.put((byte) value);
    return this;
  }

  public MessageWriter u16(int value) {
    ensure(2);
    buffer.putShort((short) value);
    return this;
  }

  public MessageWriter u32(int value) {
    ensure(4);
    buffer.putInt(value);
    return this;
  }

  /** Zero bytes, for padding inside a family header. */
  public MessageWriter zeros(int count) {
    ensure(count);
    for (int i = 0; i < count; i++) {
      buffer.put((byte) 0);
    }
    return this;
  }

  /** An attribute with raw bytes as its payload. */
  public MessageWriter attribute(int type, byte[] payload) {
    int length = Netlink.ATTRIBUTE_HEADER_LENGTH + payload.length;
    if (length > 0xffff) {
      throw new IllegalArgumentException("netlink attribute " + type + " is too long: " + length);
    }
    pad();
    ensure(length);
    buffer.putShort((short) length);
    buffer.putShort((short) type);
    buffer.put(payload);
    pad();
    return this;
  }

  public MessageWriter attributeU8(int type, int value) {
    return attribute(type, new byte[] {(byte) value});
  }

  public MessageWriter attributeU16(int type, int value) {
    return attribute(
        type,
        ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
  }

  /** A 16-bit attribute in network byte order (ports). */
  public MessageWriter attributeU16Network(int type, int value) {
    return attribute(type, new byte[] {(byte) (value >>> 8), (byte) value});
  }

  public MessageWriter attributeU32(int type, int value) {
    return attribute(
        type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  /** A NUL-terminated string attribute. */
  public MessageWriter attributeString(int type, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return attribute(type, Arrays.copyOf(bytes, bytes.length + 1));
  }

  /** Opens a nested attribute; close it with {@link #endNested(int)} passing the returned mark. */
  public int beginNested(int type) {
    pad();
    ensure(Netlink.ATTRIBUTE_HEADER_LENGTH);
    int start = buffer.position();
    buffer.putShort((short) 0);
    buffer.putShort((short) (type | Netlink.NLA_F_NESTED));
    return start;
  }

  /**
   * Opens an attribute whose payload is a family header followed by attributes (a veth peer's
   * {@code ifinfomsg}), without the nested flag the kernel does not expect there.
   */
  public int beginStructured(int type) {
    pad();
    ensure(Netlink.ATTRIBUTE_HEADER_LENGTH);
    int start = buffer.position();
    buffer.putShort((short) 0);
    buffer.putShort((short) type);
    return start;
  }

  public MessageWriter endNested(int start) {
    pad();
    int length = buffer.position() - start;
    if (length > 0xffff) {
      throw new BufferOverflowException();
    }
    buffer.putShort(start, (short) length);
    return this;
  }

  /** The finished message bytes with the given sequence number and port id. */
  public byte[] finish(int sequence, int portId) {
    pad();
    buffer.putInt(0, buffer.position());
    buffer.putInt(8, sequence);
    buffer.putInt(12, portId);
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** The message type given at construction. */
  public int type() {
    return buffer.getShort(4) & 0xffff;
  }

  /** Adds {@code more} to the header's flags, such as {@code NLM_F_ECHO}. */
  public MessageWriter addFlags(int more) {
    buffer.putShort(6, (short) (flags() | more));
    return this;
  }

  /** The flags given at construction, with any added since. */
  public int flags() {
    return buffer.getShort(6) & 0xffff;
  }
}
