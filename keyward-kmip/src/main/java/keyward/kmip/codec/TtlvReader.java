package keyward.kmip.codec;

import static keyward.kmip.codec.DecodeException.Reason.BAD_BOOLEAN;
import static keyward.kmip.codec.DecodeException.Reason.BAD_LENGTH;
import static keyward.kmip.codec.DecodeException.Reason.BAD_TYPE;
import static keyward.kmip.codec.DecodeException.Reason.BAD_UTF8;
import static keyward.kmip.codec.DecodeException.Reason.DEPTH_LIMIT;
import static keyward.kmip.codec.DecodeException.Reason.ITEM_LIMIT;
import static keyward.kmip.codec.DecodeException.Reason.MESSAGE_TOO_LARGE;
import static keyward.kmip.codec.DecodeException.Reason.NONZERO_PADDING;
import static keyward.kmip.codec.DecodeException.Reason.OVERRUN;
import static keyward.kmip.codec.DecodeException.Reason.STRING_TOO_LONG;
import static keyward.kmip.codec.DecodeException.Reason.TRAILING_BYTES;
import static keyward.kmip.codec.DecodeException.Reason.TRUNCATED;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import keyward.kmip.codec.DecodeException.Reason;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.ItemType;

/**
 * Decodes one TTLV item from a byte range (KMIP 1.4 / 2.1 §9.1). One instance per call.
 *
 * <pre>
 *   0        3      4               8
 *   +--------+------+---------------+--------------------------------+
 *   | tag(3) | type | length L (u32)| value: L bytes, zero-padded to |
 *   |        |  (1) |  big-endian   | a multiple of 8 (none for 0x01)|
 *   +--------+------+---------------+--------------------------------+
 * </pre>
 *
 * <p>The loop is iterative, so a deep message never deepens the Java stack: open structures
 * sit in small arrays, and decoded items wait in {@code pending} until their structure closes.
 * Every length is compared with the bytes its parent still holds and with {@link CodecLimits}
 * before anything is allocated from it. Reported offsets are relative to the message start.
 */
final class TtlvReader {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] b;
  private final int base;
  private final int end;
  private final int maxDepth;
  private final int maxItems;
  private final int maxStringBytes;
  private final int maxMessageBytes;

  /** Decoded items not yet attached: the children of every open structure, in wire order. */
  private Item[] pending = new Item[16];

  private int pendingCount;

  /** Per open structure, innermost last: its tag, end offset, and first child in pending. */
  private int[] openTag = new int[8];

  private int[] openEnd = new int[8];
  private int[] openFirst = new int[8];
  private int depth;
  private int items;

  TtlvReader(byte[] b, int offset, int length, CodecLimits limits) {
    this.b = b;
    this.base = offset;
    this.end = offset + length;
    this.maxDepth = limits.maxDepth();
    this.maxItems = limits.maxItems();
    this.maxStringBytes = limits.maxStringBytes();
    this.maxMessageBytes = limits.maxMessageBytes();
  }

  /** Decodes the whole range as exactly one item. */
  Item read() throws DecodeException {
    if (end - base > maxMessageBytes) {
      throw fail(MESSAGE_TOO_LARGE, base, "message of " + (end - base)
          + " bytes is over the limit of " + maxMessageBytes);
    }
    int pos = base;
    do {
      pos = readItem(pos);
      while (depth > 0 && pos == openEnd[depth - 1]) {
        closeStructure();
      }
    } while (depth > 0);
    if (pos != end) {
      throw fail(TRAILING_BYTES, pos, (end - pos) + " bytes follow the message");
    }
    return pending[0];
  }

  /** Reads the item whose header is at pos; returns the position after it (or its header). */
  private int readItem(int pos) throws DecodeException {
    int limit = depth == 0 ? end : openEnd[depth - 1];
    if (limit - pos < 8) {
      // Only the top item can get here: structure lengths and padded values are multiples of
      // 8, so a structure always has 0 or at least 8 bytes left.
      throw fail(TRUNCATED, end, "input ends inside an item header");
    }
    if (++items > maxItems) {
      throw fail(ITEM_LIMIT, pos, "more than " + maxItems + " items");
    }
    int word = (int) INT.get(b, pos);
    int tag = word >>> 8;
    long length = (int) INT.get(b, pos + 4) & 0xFFFF_FFFFL;
    long room = limit - pos - 8L;
    int v = pos + 8;
    switch (word & 0xFF) {
      case 0x01 -> {
        return openStructure(pos, tag, length, room);
      }
      case 0x02 -> {
        fixed(pos, length, 4, room);
        push(new Item.Integer(tag, (int) INT.get(b, v)));
      }
      case 0x03 -> {
        fixed(pos, length, 8, room);
        push(new Item.LongInteger(tag, (long) LONG.get(b, v)));
      }
      case 0x04 -> {
        return bigInteger(pos, tag, length, room);
      }
      case 0x05 -> {
        fixed(pos, length, 4, room);
        push(new Item.Enumeration(tag, (int) INT.get(b, v)));
      }
      case 0x06 -> {
        fixed(pos, length, 8, room);
        long value = (long) LONG.get(b, v);
        if (value != 0 && value != 1) {
          throw fail(BAD_BOOLEAN, v, "boolean " + tagHex(tag) + " is neither 0 nor 1");
        }
        push(new Item.Boolean(tag, value == 1));
      }
      case 0x07, 0x0C, 0x0D, 0x0E -> {
        return text(pos, word & 0xFF, tag, length, room);
      }
      case 0x08 -> {
        int len = variable(pos, tag, length, room);
        push(new Item.ByteString(tag, Arrays.copyOfRange(b, v, v + len)));
        return v + pad(len);
      }
      case 0x09 -> {
        fixed(pos, length, 8, room);
        push(new Item.DateTime(tag, (long) LONG.get(b, v)));
      }
      case 0x0A -> {
        fixed(pos, length, 4, room);
        push(new Item.Interval(tag, (int) INT.get(b, v) & 0xFFFF_FFFFL));
      }
      case 0x0B -> {
        fixed(pos, length, 8, room);
        push(new Item.DateTimeExtended(tag, (long) LONG.get(b, v)));
      }
      default -> throw fail(BAD_TYPE, pos + 3, "unknown item type 0x"
          + Integer.toHexString(word & 0xFF) + " for tag " + tagHex(tag));
    }
    return v + 8;
  }

  private int openStructure(int pos, int tag, long length, long room) throws DecodeException {
    if (depth == 0 && length > maxMessageBytes - 8L) {
      throw fail(MESSAGE_TOO_LARGE, pos + 4, "message declares " + (length + 8)
          + " bytes, over the limit of " + maxMessageBytes);
    }
    beyondCheck(pos, tag, length, room);
    if ((length & 7) != 0) {
      throw fail(BAD_LENGTH, pos + 4, "structure " + tagHex(tag) + " length " + length
          + " is not a multiple of 8");
    }
    if (depth >= maxDepth) {
      throw fail(DEPTH_LIMIT, pos, "structures nested deeper than " + maxDepth);
    }
    if (depth == openTag.length) {
      int n = Math.min(depth * 2, maxDepth);
      openTag = Arrays.copyOf(openTag, n);
      openEnd = Arrays.copyOf(openEnd, n);
      openFirst = Arrays.copyOf(openFirst, n);
    }
    openTag[depth] = tag;
    openEnd[depth] = pos + 8 + (int) length;
    openFirst[depth] = pendingCount;
    depth++;
    return pos + 8;
  }

  private void closeStructure() {
    depth--;
    int first = openFirst[depth];
    int n = pendingCount - first;
    Item[] p = pending;
    List<Item> children = switch (n) {
      case 0 -> List.of();
      case 1 -> List.of(p[first]);
      case 2 -> List.of(p[first], p[first + 1]);
      default -> List.of(Arrays.copyOfRange(p, first, pendingCount));
    };
    pendingCount = first;
    push(new Item.Structure(openTag[depth], children));
  }

  private int bigInteger(int pos, int tag, long length, long room) throws DecodeException {
    // Two's complement, sign-extended to a multiple of 8 (§9.1.1.4); zero is 8 zero bytes.
    // Extra sign-extension bytes beyond the minimum are accepted, for peers that over-pad.
    if (length == 0 || (length & 7) != 0) {
      throw fail(BAD_LENGTH, pos + 4, "big integer " + tagHex(tag) + " length " + length
          + " is not a positive multiple of 8");
    }
    int len = variable(pos, tag, length, room);
    push(new Item.BigInteger(tag, new java.math.BigInteger(b, pos + 8, len)));
    return pos + 8 + len;
  }

  private int text(int pos, int type, int tag, long length, long room) throws DecodeException {
    int len = variable(pos, tag, length, room);
    int v = pos + 8;
    int padded = pad(len);
    String s;
    if (Utf8.isAscii8(b, v, padded)) {
      s = new String(b, v, len, StandardCharsets.ISO_8859_1); // a plain copy for ASCII
    } else {
      int bad = Utf8.firstMalformed(b, v, v + len);
      if (bad >= 0) {
        throw fail(BAD_UTF8, bad, "text " + tagHex(tag) + " is not well-formed UTF-8");
      }
      s = new String(b, v, len, StandardCharsets.UTF_8);
    }
    push(switch (type) {
      case 0x0C -> new Item.Identifier(tag, s);
      case 0x0D -> new Item.Reference(tag, s);
      case 0x0E -> new Item.NameReference(tag, s);
      default -> new Item.TextString(tag, s);
    });
    return v + padded;
  }

  /** Checks a fixed-length value (4 or 8 bytes, padded to 8) and its padding. */
  private void fixed(int pos, long length, int expected, long room) throws DecodeException {
    if (length != expected) {
      throw fail(BAD_LENGTH, pos + 4, ItemType.ofCode(b[pos + 3]).xmlName() + " "
          + tagHex(tag(pos)) + " must have length " + expected + ", not " + length);
    }
    if (room < 8) {
      throw beyond(pos, tag(pos));
    }
    if (expected == 4 && (int) INT.get(b, pos + 12) != 0) {
      throw fail(NONZERO_PADDING, pos + 12, "padding after " + tagHex(tag(pos)) + " is not zero");
    }
  }

  /**
   * Checks a variable-length value against the string limit and the room left, and its padding.
   * Returns the length as an int, safe to allocate from.
   */
  private int variable(int pos, int tag, long length, long room) throws DecodeException {
    if (length > maxStringBytes) {
      throw fail(STRING_TOO_LONG, pos + 4, "value of " + tagHex(tag) + " declares " + length
          + " bytes, over the limit of " + maxStringBytes);
    }
    beyondCheck(pos, tag, (length + 7) & ~7L, room);
    // From here the padded length is within the input, so it fits an int.
    int len = (int) length;
    int padded = pad(len);
    if (padded != len) {
      // The padding is the low-order bytes of the last 8-byte word of the padded value.
      long last = (long) LONG.get(b, pos + 8 + padded - 8);
      if ((last & ((1L << ((padded - len) * 8)) - 1)) != 0) {
        throw fail(NONZERO_PADDING, pos + 8 + len, "padding after " + tagHex(tag)
            + " is not zero");
      }
    }
    return len;
  }

  private void beyondCheck(int pos, int tag, long need, long room) throws DecodeException {
    if (need > room) {
      throw beyond(pos, tag);
    }
  }

  /** A value longer than what holds it: the input (top level) or the parent structure. */
  private DecodeException beyond(int pos, int tag) {
    if (depth == 0) {
      return fail(TRUNCATED, end, "input ends inside " + tagHex(tag) + ", whose header is at "
          + (pos - base));
    }
    return fail(OVERRUN, pos + 4, tagHex(tag) + " extends past the end of its structure "
        + tagHex(openTag[depth - 1]));
  }

  private void push(Item item) {
    if (pendingCount == pending.length) {
      pending = Arrays.copyOf(pending, pendingCount * 2);
    }
    pending[pendingCount++] = item;
  }

  private int tag(int pos) {
    return (int) INT.get(b, pos) >>> 8;
  }

  /** The value length rounded up to the 8-byte alignment; len is at most Integer.MAX_VALUE. */
  private static int pad(int len) {
    return (int) ((len + 7L) & ~7L);
  }

  private DecodeException fail(Reason reason, int pos, String message) {
    return new DecodeException(reason, pos - base, message);
  }

  private static String tagHex(int tag) {
    return String.format("0x%06X", tag);
  }
}
