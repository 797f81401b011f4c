package keyward.kmip.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import keyward.kmip.ttlv.Item;

/**
 * Encodes an item tree as TTLV (KMIP 1.4 / 2.1 §9.1). {@link #encodedLength} sizes the tree so
 * the caller can allocate once; {@link #write} then fills the bytes in one pass, writing each
 * structure's children first and its header afterwards, so no length is computed twice.
 * Padding is always written, so the target need not be zeroed.
 */
final class TtlvWriter {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Largest encoding we produce: a Java array and a 4-byte TTLV length must both hold it. */
  private static final long MAX_ENCODED = Integer.MAX_VALUE - 8;

  private TtlvWriter() {}

  /**
   * Bytes {@code item} encodes to.
   *
   * @throws IllegalArgumentException when the encoding would exceed 2^31-9 bytes or a text
   *     string holds an unpaired surrogate
   */
  static int encodedLength(Item item) {
    long n = size(item);
    if (n > MAX_ENCODED) {
      throw new IllegalArgumentException("item encodes to " + n + " bytes, over " + MAX_ENCODED);
    }
    return (int) n;
  }

  private static long size(Item item) {
    if ((item.tag() & 0xFF00_0000) != 0) {
      throw new IllegalArgumentException(
          "tag does not fit 3 bytes: 0x" + Integer.toHexString(item.tag()));
    }
    return switch (item) {
      case Item.Structure s -> {
        long n = 8;
        List<Item> items = s.items();
        for (int i = 0, k = items.size(); i < k; i++) {
          n += size(items.get(i));
          if (n > MAX_ENCODED) {
            yield n; // stop early; the caller reports it
          }
        }
        yield n;
      }
      case Item.Integer i -> 16;
      case Item.LongInteger l -> 16;
      case Item.Enumeration e -> 16;
      case Item.Boolean bo -> 16;
      case Item.DateTime d -> 16;
      case Item.Interval in -> 16;
      case Item.DateTimeExtended d -> 16;
      case Item.BigInteger bi -> 8 + bigIntegerLength(bi.value());
      case Item.ByteString bs -> 8 + pad((long) bs.value().length);
      case Item.TextString t -> 8 + pad(Utf8.encodedLength(t.value()));
      case Item.Identifier t -> 8 + pad(Utf8.encodedLength(t.value()));
      case Item.Reference t -> 8 + pad(Utf8.encodedLength(t.value()));
      case Item.NameReference t -> 8 + pad(Utf8.encodedLength(t.value()));
    };
  }

  /**
   * Writes {@code item} at {@code pos}; returns the position after it. The caller has checked
   * that {@link #encodedLength} bytes fit.
   */
  static int write(Item item, byte[] out, int pos) {
    int v = pos + 8;
    return switch (item) {
      case Item.Structure s -> {
        int p = v;
        List<Item> items = s.items();
        for (int i = 0, k = items.size(); i < k; i++) {
          p = write(items.get(i), out, p);
        }
        header(out, pos, s.tag(), 0x01, p - v);
        yield p;
      }
      case Item.Integer i -> int4(out, pos, i.tag(), 0x02, i.value());
      case Item.LongInteger l -> long8(out, pos, l.tag(), 0x03, l.value());
      case Item.BigInteger bi -> bigInteger(out, pos, bi);
      case Item.Enumeration e -> int4(out, pos, e.tag(), 0x05, e.value());
      case Item.Boolean bo -> long8(out, pos, bo.tag(), 0x06, bo.value() ? 1 : 0);
      case Item.TextString t -> text(out, pos, t.tag(), 0x07, t.value());
      case Item.ByteString bs -> {
        byte[] value = bs.value();
        System.arraycopy(value, 0, out, v, value.length);
        yield finish(out, pos, bs.tag(), 0x08, value.length);
      }
      case Item.DateTime d -> long8(out, pos, d.tag(), 0x09, d.epochSeconds());
      case Item.Interval in -> int4(out, pos, in.tag(), 0x0A, (int) in.seconds());
      case Item.DateTimeExtended d -> long8(out, pos, d.tag(), 0x0B, d.epochMicros());
      case Item.Identifier t -> text(out, pos, t.tag(), 0x0C, t.value());
      case Item.Reference t -> text(out, pos, t.tag(), 0x0D, t.value());
      case Item.NameReference t -> text(out, pos, t.tag(), 0x0E, t.value());
    };
  }

  /** Minimal two's complement length, sign-extended up to a multiple of 8 (§9.1.1.4). */
  static int bigIntegerLength(java.math.BigInteger value) {
    return pad(value.bitLength() / 8 + 1);
  }

  private static int bigInteger(byte[] out, int pos, Item.BigInteger bi) {
    java.math.BigInteger value = bi.value();
    byte[] twos = value.toByteArray(); // minimal, with the sign bit
    int len = bigIntegerLength(value);
    int v = pos + 8;
    int fill = len - twos.length;
    byte sign = (byte) (value.signum() < 0 ? 0xFF : 0x00);
    for (int i = 0; i < fill; i++) {
      out[v + i] = sign;
    }
    System.arraycopy(twos, 0, out, v + fill, twos.length);
    header(out, pos, bi.tag(), 0x04, len);
    return v + len;
  }

  private static int text(byte[] out, int pos, int tag, int type, String value) {
    return finish(out, pos, tag, type, Utf8.encode(value, out, pos + 8));
  }

  /** Writes the header and zero padding of a variable-length value already at pos + 8. */
  private static int finish(byte[] out, int pos, int tag, int type, int len) {
    header(out, pos, tag, type, len);
    int end = pos + 8 + pad(len);
    for (int i = pos + 8 + len; i < end; i++) {
      out[i] = 0;
    }
    return end;
  }

  private static int int4(byte[] out, int pos, int tag, int type, int value) {
    header(out, pos, tag, type, 4);
    INT.set(out, pos + 8, value);
    INT.set(out, pos + 12, 0);
    return pos + 16;
  }

  private static int long8(byte[] out, int pos, int tag, int type, long value) {
    header(out, pos, tag, type, 8);
    LONG.set(out, pos + 8, value);
    return pos + 16;
  }

  private static void header(byte[] out, int pos, int tag, int type, int length) {
    INT.set(out, pos, tag << 8 | type);
    INT.set(out, pos + 4, length);
  }

  private static int pad(int len) {
    return (len + 7) & ~7;
  }

  private static long pad(long len) {
    return (len + 7) & ~7L;
  }
}
