package keyward.kmip.ttlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One node of a KMIP message: the tree that the TTLV, XML and JSON codecs all read and write.
 *
 * <p>Tags are plain ints (0x42xxxx for the spec's, 0x54xxxx for extensions, anything else kept
 * as read). Enumeration values stay raw ints so that values this build does not know survive a
 * round trip. Records here are immutable except for the arrays inside byte strings and big
 * integers' magnitudes, which are never shared by the codecs.
 */
public sealed interface Item {

  /** The 3-byte tag. */
  int tag();

  /** The TTLV item type of this node. */
  ItemType type();

  /** A structure: an ordered list of child items. */
  record Structure(int tag, List<Item> items) implements Item {
    public Structure {
      items = List.copyOf(items);
    }

    public Structure(int tag, Item... items) {
      this(tag, List.of(items));
    }

    @Override
    public ItemType type() {
      return ItemType.STRUCTURE;
    }

    /** The first child with this tag. */
    public Optional<Item> first(int childTag) {
      for (Item i : items) {
        if (i.tag() == childTag) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }

    /** Every child with this tag, in order. */
    public List<Item> all(int childTag) {
      List<Item> out = new ArrayList<>();
      for (Item i : items) {
        if (i.tag() == childTag) {
          out.add(i);
        }
      }
      return out;
    }
  }

  /** A signed 32-bit integer; also carries bit masks such as Cryptographic Usage Mask. */
  record Integer(int tag, int value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.INTEGER;
    }
  }

  /** A signed 64-bit integer. */
  record LongInteger(int tag, long value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.LONG_INTEGER;
    }
  }

  /** An arbitrary-precision signed integer (two's complement, big-endian on the wire). */
  record BigInteger(int tag, java.math.BigInteger value) implements Item {
    public BigInteger {
      if (value == null) {
        throw new IllegalArgumentException("big integer value is null");
      }
    }

    @Override
    public ItemType type() {
      return ItemType.BIG_INTEGER;
    }

    /** Redacted: big integers carry private key components (RSA, DH, EC). */
    @Override
    public String toString() {
      return "BigInteger[tag=" + tagHex(tag) + ", bits=" + value.bitLength() + "]";
    }
  }

  /** An enumeration value, kept as the raw 32-bit value. */
  record Enumeration(int tag, int value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.ENUMERATION;
    }
  }

  /** A boolean (8 bytes on the wire, 0 or 1). */
  record Boolean(int tag, boolean value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.BOOLEAN;
    }
  }

  /** A UTF-8 text string. */
  record TextString(int tag, String value) implements Item {
    public TextString {
      if (value == null) {
        throw new IllegalArgumentException("text string value is null");
      }
    }

    @Override
    public ItemType type() {
      return ItemType.TEXT_STRING;
    }
  }

  /**
   * A byte string. Equality is by content; toString never shows the bytes, since byte strings
   * carry key material. The array is owned by this item: callers that hold secrets zero it when
   * done.
   */
  record ByteString(int tag, byte[] value) implements Item {
    public ByteString {
      if (value == null) {
        throw new IllegalArgumentException("byte string value is null");
      }
    }

    @Override
    public ItemType type() {
      return ItemType.BYTE_STRING;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ByteString b && b.tag == tag && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "ByteString[tag=" + tagHex(tag) + ", length=" + value.length + "]";
    }

    /** Lower-case hex of the bytes: only for non-secret data (digests, IDs), by explicit call. */
    public String hex() {
      return HexFormat.of().formatHex(value);
    }
  }

  /** A date-time: seconds since the POSIX epoch (64-bit signed on the wire). */
  record DateTime(int tag, long epochSeconds) implements Item {
    @Override
    public ItemType type() {
      return ItemType.DATE_TIME;
    }
  }

  /** An interval in seconds: an unsigned 32-bit value on the wire, 0 to 2^32-1. */
  record Interval(int tag, long seconds) implements Item {
    public Interval {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("interval out of range 0..2^32-1: " + seconds);
      }
    }

    @Override
    public ItemType type() {
      return ItemType.INTERVAL;
    }
  }

  /** A date-time with microsecond precision (KMIP 2.0+): microseconds since the epoch. */
  record DateTimeExtended(int tag, long epochMicros) implements Item {
    @Override
    public ItemType type() {
      return ItemType.DATE_TIME_EXTENDED;
    }
  }

  /** KMIP 3.0 Identifier: a UTF-8 string naming an object. */
  record Identifier(int tag, String value) implements Item {
    public Identifier {
      if (value == null) {
        throw new IllegalArgumentException("identifier value is null");
      }
    }

    @Override
    public ItemType type() {
      return ItemType.IDENTIFIER;
    }
  }

  /** KMIP 3.0 Reference: a UTF-8 string referring to an object. */
  record Reference(int tag, String value) implements Item {
    public Reference {
      if (value == null) {
        throw new IllegalArgumentException("reference value is null");
      }
    }

    @Override
    public ItemType type() {
      return ItemType.REFERENCE;
    }
  }

  /** KMIP 3.0 Name Reference: a UTF-8 string referring to an object by name. */
  record NameReference(int tag, String value) implements Item {
    public NameReference {
      if (value == null) {
        throw new IllegalArgumentException("name reference value is null");
      }
    }

    @Override
    public ItemType type() {
      return ItemType.NAME_REFERENCE;
    }
  }

  /** "0x420001" form of a tag, for messages. */
  static String tagHex(int tag) {
    return String.format("0x%06X", tag);
  }
}
