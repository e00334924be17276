package dev.junction.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of one level of a message, looked up by type. When a type appears more than once
 * (alternative names), {@link #all(int)} returns each.
 */
public final class Attributes {

  private final ByteBuffer buffer;
  private final List<int[]> entries; // {type, payload offset, payload length}

  private Attributes(ByteBuffer buffer, List<int[]> entries) {
    this.buffer = buffer;
    this.entries = entries;
  }

  /** Parses attributes in {@code buffer[offset, end)}. */
  public static Attributes parse(ByteBuffer buffer, int offset, int end) {
    ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
    List<int[]> entries = new ArrayList<>();
    int at = offset;
    while (at + Netlink.ATTRIBUTE_HEADER_LENGTH <= end) {
      int length = view.getShort(at) & 0xffff;
      int type = view.getShort(at + 2) & Netlink.NLA_TYPE_MASK;
      if (length < Netlink.ATTRIBUTE_HEADER_LENGTH || at + length > end) {
        throw new IllegalArgumentException(
            "malformed netlink attribute at offset " + at + ": length " + length + ", end " + end);
      }
      entries.add(
          new int[] {
            type, at + Netlink.ATTRIBUTE_HEADER_LENGTH, length - Netlink.ATTRIBUTE_HEADER_LENGTH
          });
      at += Netlink.align(length);
    }
    return new Attributes(view, entries);
  }

  private int[] find(int type) {
    for (int[] entry : entries) {
      if (entry[0] == type) {
        return entry;
      }
    }
    return null;
  }

  private int[] require(int type, int minimumLength) {
    int[] entry = find(type);
    if (entry == null) {
      throw new IllegalArgumentException("netlink attribute " + type + " is missing");
    }
    if (entry[2] < minimumLength) {
      throw new IllegalArgumentException(
          "netlink attribute " + type + " has " + entry[2] + " bytes, expected " + minimumLength);
    }
    return entry;
  }

  public boolean has(int type) {
    return find(type) != null;
  }

  /** The types present, in order, repeated types repeated. */
  public List<Integer> types() {
    return entries.stream().map(e -> e[0]).toList();
  }

  public int u8(int type) {
    return buffer.get(require(type, 1)[1]) & 0xff;
  }

  public int u16(int type) {
    return buffer.getShort(require(type, 2)[1]) & 0xffff;
  }

  /** A 16-bit value in network byte order (ports). */
  public int u16Network(int type) {
    int at = require(type, 2)[1];
    return ((buffer.get(at) & 0xff) << 8) | (buffer.get(at + 1) & 0xff);
  }

  public int u32(int type) {
    return buffer.getInt(require(type, 4)[1]);
  }

  public byte[] bytes(int type) {
    int[] entry = require(type, 0);
    byte[] bytes = new byte[entry[2]];
    buffer.get(entry[1], bytes);
    return bytes;
  }

  /** A string attribute without its terminating NUL. */
  public String string(int type) {
    return decodeString(require(type, 0));
  }

  private String decodeString(int[] entry) {
    int length = entry[2];
    while (length > 0 && buffer.get(entry[1] + length - 1) == 0) {
      length--;
    }
    byte[] bytes = new byte[length];
    buffer.get(entry[1], bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Every string attribute of this type, in order. */
  public List<String> strings(int type) {
    List<String> values = new ArrayList<>();
    for (int[] entry : entries) {
      if (entry[0] == type) {
        values.add(decodeString(entry));
      }
    }
    return values;
  }

  /** The attributes nested inside attribute {@code type}. */
  public Attributes nested(int type) {
    int[] entry = require(type, 0);
    return parse(buffer, entry[1], entry[1] + entry[2]);
  }

  /** The attributes nested inside {@code type} after a family header of {@code headerLength}. */
  public Attributes nested(int type, int headerLength) {
    int[] entry = require(type, headerLength);
    return parse(buffer, entry[1] + Netlink.align(headerLength), entry[1] + entry[2]);
  }

  /** The payload of attribute {@code type} as a buffer positioned at its start. */
  public ByteBuffer payload(int type) {
    int[] entry = require(type, 0);
    return buffer.slice(entry[1], entry[2]).order(ByteOrder.nativeOrder());
  }

  /** Every occurrence of {@code type} as nested attributes, in order. */
  public List<Attributes> allNested(int type) {
    List<Attributes> values = new ArrayList<>();
    for (int[] entry : entries) {
      if (entry[0] == type) {
        values.add(parse(buffer, entry[1], entry[1] + entry[2]));
      }
    }
    return values;
  }
}
