package keyward.kmip.codec;

import static keyward.kmip.codec.DecodeException.Reason.BAD_BOOLEAN;
import static keyward.kmip.codec.DecodeException.Reason.BAD_LENGTH;
import static keyward.kmip.codec.DecodeException.Reason.BAD_TAG;
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
import static keyward.kmip.codec.TtlvVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import keyward.kmip.codec.DecodeException.Reason;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numbered catalogue of malformed TTLV: each input breaks one rule of KMIP §9.1 or one
 * {@link CodecLimits} bound, and must fail with its own reason at its own offset, without
 * allocating more than a few kilobytes whatever its length fields say. Inputs at a limit are
 * listed too (reason "decodes"), so that each bound is tested on both sides.
 */
class TtlvMalformedInputTest {

  /** A small valid message: Structure(Integer, TextString "key-1", ByteString 010203). */
  private static final String INTEGER_1 = "42000D 02 00000004 00000001 00000000";
  private static final String TEXT_KEY1 = "420094 07 00000005 6B65792D31 000000";
  private static final String BYTES_123 = "420043 08 00000003 010203 0000000000";
  private static final byte[] MESSAGE = hex(struct(INTEGER_1, TEXT_KEY1, BYTES_123));

  /** Every decode may allocate this much at most: the exception, its message, a small tree. */
  private static final long ALLOCATION_BUDGET = 64 * 1024;

  private static final CodecLimits DEFAULT = CodecLimits.DEFAULT;

  record Case(int no, String what, byte[] input, CodecLimits limits, Reason reason, long offset) {
    @Override
    public String toString() {
      return String.format("%02d %s -> %s", no, what, reason == null ? "decodes" : reason);
    }
  }

  static Stream<Case> catalogue() {
    List<Case> c = new ArrayList<>();
    // --- Truncation at each position class: the offset is where the input ran out. -------
    c.add(fail(1, "empty input", new byte[0], TRUNCATED, 0));
    c.add(fail(2, "1 byte: inside the tag", Arrays.copyOf(MESSAGE, 1), TRUNCATED, 1));
    c.add(fail(3, "4 bytes: tag and type only", Arrays.copyOf(MESSAGE, 4), TRUNCATED, 4));
    c.add(fail(4, "7 bytes: inside the length", Arrays.copyOf(MESSAGE, 7), TRUNCATED, 7));
    c.add(fail(5, "header only of a 48-byte structure", Arrays.copyOf(MESSAGE, 8), TRUNCATED, 8));
    c.add(fail(6, "inside a child header", Arrays.copyOf(MESSAGE, 12), TRUNCATED, 12));
    c.add(fail(7, "inside a child value", Arrays.copyOf(MESSAGE, 20), TRUNCATED, 20));
    c.add(fail(8, "inside a child's padding", Arrays.copyOf(MESSAGE, 38), TRUNCATED, 38));
    c.add(fail(9, "one byte short", Arrays.copyOf(MESSAGE, 55), TRUNCATED, 55));
    c.add(fail(10, "top-level Integer cut after its value", hex("420020 02 00000004 00000008"),
        TRUNCATED, 12));
    c.add(fail(11, "top-level Text String cut inside its value",
        hex("420020 07 0000000B 48656C6C6F"), TRUNCATED, 13));
    // --- Unknown type codes. ----------------------------------------------------------------
    c.add(fail(12, "type 0x00 at the top", hex("420020 00 00000004 00000008 00000000"),
        BAD_TYPE, 3));
    c.add(fail(13, "type 0x0F in a child", hex(struct(INTEGER_1, "420020 0F 00000000")),
        BAD_TYPE, 27));
    c.add(fail(14, "type 0xFF in a child", hex(struct("420020 FF 00000008 0000000000000000")),
        BAD_TYPE, 11));
    // --- Lengths that do not match the fixed type length (offset: the length field). ------
    c.add(fail(15, "Integer of length 8", child("02 00000008 0000000000000000"), BAD_LENGTH, 12));
    c.add(fail(16, "Integer of length 0", child("02 00000000 0000000000000000"), BAD_LENGTH, 12));
    c.add(fail(17, "Long Integer of length 4", child("03 00000004 0000000100000000"),
        BAD_LENGTH, 12));
    c.add(fail(18, "Enumeration of length 8", child("05 00000008 0000000000000001"),
        BAD_LENGTH, 12));
    c.add(fail(19, "Boolean of length 4", child("06 00000004 0000000100000000"), BAD_LENGTH, 12));
    c.add(fail(20, "Date-Time of length 4", child("09 00000004 0000000100000000"), BAD_LENGTH, 12));
    c.add(fail(21, "Interval of length 8", child("0A 00000008 0000000000000001"), BAD_LENGTH, 12));
    c.add(fail(22, "Date Time Extended of length 16",
        child("0B 00000010 0000000000000001 0000000000000000"), BAD_LENGTH, 12));
    c.add(fail(23, "Big Integer of length 4", child("04 00000004 0000000100000000"),
        BAD_LENGTH, 12));
    c.add(fail(24, "Big Integer of length 0", child("04 00000000"), BAD_LENGTH, 12));
    c.add(fail(25, "Big Integer of length 12",
        child("04 0000000C 000000000000000000000001 00000000"), BAD_LENGTH, 12));
    c.add(fail(26, "Structure length not a multiple of 8",
        hex(struct("420020 01 0000000C " + "420021 02 00000004 00000001 00000000")),
        BAD_LENGTH, 12));
    // --- Structure length that is not the sum of its children. -------------------------------
    c.add(fail(27, "structure declares 8 bytes more than its children (zeros read as an item)",
        hex(struct("420020 01 00000018 " + INTEGER_1 + " 0000000000000000")), BAD_TYPE, 35));
    c.add(fail(28, "structure declares 8 bytes fewer than its children",
        hex(struct("420020 01 00000008 " + INTEGER_1)), OVERRUN, 20));
    c.add(fail(29, "top structure declares fewer bytes than follow",
        hex("420078 01 00000010 " + INTEGER_1 + TEXT_KEY1), TRAILING_BYTES, 24));
    // --- A child overrunning its parent (offset: the child's length field). ------------------
    c.add(fail(30, "Text String longer than its structure",
        hex("420078 01 00000010 420094 07 00000020 6B65792D31000000"), OVERRUN, 12));
    c.add(fail(31, "Byte String padding past its structure",
        hex("420078 01 00000010 420043 08 00000009 0102030405060708"), OVERRUN, 12));
    c.add(fail(32, "nested structure longer than its parent",
        hex("420078 01 00000010 420020 01 00000010 " + INTEGER_1), OVERRUN, 12));
    c.add(fail(33, "Integer header ending exactly at its parent's end",
        hex("420078 01 00000008 42000D 02 00000004"), OVERRUN, 12));
    // --- Length fields of 0xFFFFFFFF: never allocated from. ----------------------------------
    c.add(fail(34, "top structure length 0xFFFFFFFF on 16 bytes",
        hex("420078 01 FFFFFFFF 0000000000000000"), MESSAGE_TOO_LARGE, 4));
    c.add(fail(35, "nested structure length 0xFFFFFFFF",
        hex(struct("420020 01 FFFFFFFF")), OVERRUN, 12));
    c.add(fail(36, "Text String length 0xFFFFFFFF", child("07 FFFFFFFF 0000000000000000"),
        STRING_TOO_LONG, 12));
    c.add(fail(37, "Byte String length 0xFFFFFFFF", child("08 FFFFFFFF 0000000000000000"),
        STRING_TOO_LONG, 12));
    c.add(fail(38, "Big Integer length 0xFFFFFFF8", child("04 FFFFFFF8 0000000000000000"),
        STRING_TOO_LONG, 12));
    c.add(fail(39, "Integer length 0xFFFFFFFF", child("02 FFFFFFFF 0000000000000000"),
        BAD_LENGTH, 12));
    c.add(fail(40, "top Byte String length 0xFFFFFFFF, string limit at Integer.MAX_VALUE",
        hex("420020 08 FFFFFFFF 0000000000000000"), DEFAULT.withMaxStringBytes(Integer.MAX_VALUE),
        STRING_TOO_LONG, 4));
    c.add(fail(41, "top Byte String length 0x7FFFFFFF, string limit at Integer.MAX_VALUE",
        hex("420020 08 7FFFFFFF 0000000000000000"), DEFAULT.withMaxStringBytes(Integer.MAX_VALUE),
        TRUNCATED, 16));
    // --- Non-zero padding (offset: the first padding byte). ---------------------------------
    c.add(fail(42, "Integer padding", child("02 00000004 00000001 00000001"), NONZERO_PADDING, 20));
    c.add(fail(43, "Enumeration padding", child("05 00000004 00000001 80000000"),
        NONZERO_PADDING, 20));
    c.add(fail(44, "Interval padding", child("0A 00000004 00000001 00010000"),
        NONZERO_PADDING, 20));
    c.add(fail(45, "Text String, last padding byte", child("07 00000005 6B65792D31 000001"),
        NONZERO_PADDING, 21));
    c.add(fail(46, "Byte String, first padding byte", child("08 00000003 010203 0100000000"),
        NONZERO_PADDING, 19));
    c.add(fail(47, "Text String of 1 byte, 7 padding bytes", child("07 00000001 41 FF000000000000"),
        NONZERO_PADDING, 17));
    // --- Booleans other than 0 and 1. ------------------------------------------------------
    c.add(fail(48, "Boolean 2", child("06 00000008 0000000000000002"), BAD_BOOLEAN, 16));
    c.add(fail(49, "Boolean with the high byte set", child("06 00000008 0100000000000000"),
        BAD_BOOLEAN, 16));
    c.add(fail(50, "Boolean -1", child("06 00000008 FFFFFFFFFFFFFFFF"), BAD_BOOLEAN, 16));
    // --- Malformed UTF-8 (offset: the first byte of the bad sequence). ----------------------
    c.add(fail(51, "lone continuation byte 80", text("41 80 41"), BAD_UTF8, 17));
    c.add(fail(52, "overlong 2-byte '/' C0 AF", text("C0 AF"), BAD_UTF8, 16));
    c.add(fail(53, "overlong 2-byte C1 BF", text("41 41 C1 BF"), BAD_UTF8, 18));
    c.add(fail(54, "overlong 3-byte E0 80 AF", text("E0 80 AF"), BAD_UTF8, 16));
    c.add(fail(55, "overlong 4-byte F0 80 80 AF", text("F0 80 80 AF"), BAD_UTF8, 16));
    c.add(fail(56, "surrogate U+D800 as ED A0 80", text("41 ED A0 80"), BAD_UTF8, 17));
    c.add(fail(57, "above U+10FFFF: F4 90 80 80", text("F4 90 80 80"), BAD_UTF8, 16));
    c.add(fail(58, "byte F5", text("F5 80 80 80"), BAD_UTF8, 16));
    c.add(fail(59, "byte FF", text("41 42 FF"), BAD_UTF8, 18));
    c.add(fail(60, "sequence cut by the end of the string", text("61 62 C3"), BAD_UTF8, 18));
    c.add(fail(61, "3-byte sequence with an ASCII third byte", text("E2 82 41"), BAD_UTF8, 16));
    c.add(fail(62, "bad UTF-8 in a KMIP 3.0 Identifier (type 0C)",
        child("0C 00000002 C0AF 000000000000"), BAD_UTF8, 16));
    c.add(ok(63, "UTF-8 edge: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF",
        text("C2 80 DF BF E0 A0 80 EF BF BF F0 90 80 80 F4 8F BF BF"), DEFAULT));
    // --- Trailing bytes after the top item. --------------------------------------------------
    c.add(fail(64, "8 zero bytes after the message", concat(MESSAGE, new byte[8]),
        TRAILING_BYTES, 56));
    c.add(fail(65, "1 byte after the message", concat(MESSAGE, new byte[1]), TRAILING_BYTES, 56));
    c.add(fail(66, "a second message after the first", concat(MESSAGE, MESSAGE),
        TRAILING_BYTES, 56));
    // --- Limits: at the limit decodes, one over fails. --------------------------------------
    c.add(ok(67, "message exactly maxMessageBytes (56)", MESSAGE, DEFAULT.withMaxMessageBytes(56)));
    c.add(fail(68, "message one byte over maxMessageBytes", concat(MESSAGE, new byte[1]),
        DEFAULT.withMaxMessageBytes(56), MESSAGE_TOO_LARGE, 0));
    c.add(fail(69, "message 8 bytes over maxMessageBytes (48)", MESSAGE,
        DEFAULT.withMaxMessageBytes(48), MESSAGE_TOO_LARGE, 0));
    c.add(fail(70, "header declares more than maxMessageBytes", Arrays.copyOf(MESSAGE, 16),
        DEFAULT.withMaxMessageBytes(48), MESSAGE_TOO_LARGE, 4));
    c.add(ok(71, "depth 4 with maxDepth 4", nested(4), DEFAULT.withMaxDepth(4)));
    c.add(fail(72, "depth 5 with maxDepth 4", nested(5), DEFAULT.withMaxDepth(4),
        DEPTH_LIMIT, 32));
    c.add(ok(73, "depth 32 with the default limit", nested(32), DEFAULT));
    c.add(fail(74, "depth 33 with the default limit", nested(33), DEFAULT, DEPTH_LIMIT, 256));
    c.add(ok(75, "4 items with maxItems 4", MESSAGE, DEFAULT.withMaxItems(4)));
    c.add(fail(76, "4 items with maxItems 3", MESSAGE, DEFAULT.withMaxItems(3), ITEM_LIMIT, 40));
    c.add(fail(77, "a structure of 2^16 children with maxItems 1000", wide(1 << 16),
        DEFAULT.withMaxItems(1000), ITEM_LIMIT, 8 + 999 * 16));
    c.add(ok(78, "5-byte Text String with maxStringBytes 5", MESSAGE,
        DEFAULT.withMaxStringBytes(5)));
    c.add(fail(79, "5-byte Text String with maxStringBytes 4", MESSAGE,
        DEFAULT.withMaxStringBytes(4), STRING_TOO_LONG, 28));
    c.add(fail(80, "16-byte Big Integer with maxStringBytes 8",
        child("04 00000010 00000000000000010000000000000000"), DEFAULT.withMaxStringBytes(8),
        STRING_TOO_LONG, 12));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void failsWithItsReasonAndOffset(Case c) {
    TtlvCodec codec = new TtlvCodec(c.limits());
    if (c.reason() == null) {
      assertThatCode(() -> codec.decode(c.input())).doesNotThrowAnyException();
      return;
    }
    DecodeException e = catchThrowableOfType(DecodeException.class,
        () -> codec.decode(c.input()));
    assertThat(e).as("case %d must fail", c.no()).isNotNull();
    assertThat(e.reason()).as("case %d: %s", c.no(), e.getMessage()).isEqualTo(c.reason());
    assertThat(e.offset()).as("case %d: %s", c.no(), e.getMessage()).isEqualTo(c.offset());
    // The same through a direct ByteBuffer (which is copied) and at an offset in an array.
    DecodeException viaBuffer = catchThrowableOfType(DecodeException.class,
        () -> codec.decode(ByteBuffer.allocateDirect(c.input().length).put(c.input()).flip()));
    assertThat(viaBuffer.reason()).isEqualTo(c.reason());
    byte[] shifted = concat(new byte[5], c.input());
    DecodeException atOffset = catchThrowableOfType(DecodeException.class,
        () -> codec.decode(shifted, 5, c.input().length));
    assertThat(atOffset.offset()).as("offsets count from the message start").isEqualTo(c.offset());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void allocatesNoMoreThanAFewKilobytes(Case c) {
    TtlvCodec codec = new TtlvCodec(c.limits());
    decodes(codec, c.input()); // warm up: class loading and first-call costs are not the input's
    long allocated = allocatedBy(() -> decodes(codec, c.input()));
    // Wide and deep valid inputs build a tree proportional to the input; the rest must not.
    long budget = ALLOCATION_BUDGET + 8L * c.input().length;
    assertThat(allocated).as("case %d allocated %d bytes", c.no(), allocated).isLessThan(budget);
  }

  @org.junit.jupiter.api.Test
  void theAllocationProbeSeesAllocations() {
    // Guards the test above against a probe that reads 0 (unsupported or disabled).
    Object[] sink = new Object[1];
    assertThat(allocatedBy(() -> sink[0] = new byte[1 << 20])).isGreaterThanOrEqualTo(1 << 20);
  }

  private static long allocatedBy(Runnable work) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
    long before = threads.getCurrentThreadAllocatedBytes();
    work.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("framing")
  void framingChecksTheHeader(Case c) {
    TtlvCodec codec = new TtlvCodec(c.limits());
    DecodeException e = catchThrowableOfType(DecodeException.class,
        () -> codec.messageLength(c.input(), 0));
    assertThat(e).as("case %d must fail", c.no()).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(c.reason());
    assertThat(e.offset()).as(e.getMessage()).isEqualTo(c.offset());
  }

  static Stream<Case> framing() {
    return Stream.of(
        fail(101, "TLS ClientHello instead of TTLV", hex("16 03 01 02 00 01 00 01"), BAD_TAG, 0),
        fail(102, "HTTP instead of TTLV", "POST / H".getBytes(StandardCharsets.US_ASCII),
            BAD_TAG, 0),
        fail(103, "an Integer, not a Structure", hex("420078 02 00000004"), BAD_TYPE, 3),
        fail(104, "length 0xFFFFFFFF", hex("420078 01 FFFFFFFF"), MESSAGE_TOO_LARGE, 4),
        fail(105, "length one over the limit", hex("420078 01 00000039"),
            DEFAULT.withMaxMessageBytes(64), MESSAGE_TOO_LARGE, 4),
        fail(106, "length not a multiple of 8", hex("420078 01 00000021"), BAD_LENGTH, 4),
        fail(107, "only 7 header bytes", hex("420078 01 000000"), TRUNCATED, 7));
  }

  @org.junit.jupiter.api.Test
  void framingReturnsTheWholeMessageLengthUpToTheLimit() throws DecodeException {
    TtlvCodec codec = new TtlvCodec(DEFAULT.withMaxMessageBytes(64));
    assertThat(codec.messageLength(hex("420078 01 00000038"), 0)).isEqualTo(64);
    assertThat(codec.messageLength(hex("42007B 01 00000000"), 0)).isEqualTo(8);
    assertThat(codec.messageLength(hex("540001 01 00000010"), 0)).as("extension tag").isEqualTo(24);
    assertThat(codec.messageLength(ByteBuffer.wrap(hex("FF 420078 01 00000030")).position(1)))
        .isEqualTo(56);
  }

  // --- Building inputs. ---------------------------------------------------------------------

  /** A Request Message structure around the given children, with the right length. */
  static String struct(String... children) {
    String body = String.join(" ", children);
    int len = hex(body).length;
    return String.format("420078 01 %08X %s", len, body);
  }

  /** A message whose second child (at offset 8) has tag 0x420020 and this type/length/value. */
  private static byte[] child(String typeLengthValue) {
    return hex(struct("420020 " + typeLengthValue));
  }

  /** A message holding one Text String of these bytes at offset 8 (value at 16), padded. */
  private static byte[] text(String utf8) {
    byte[] value = hex(utf8);
    int padded = (value.length + 7) & ~7;
    return hex(struct(String.format("420020 07 %08X %s %s", value.length, utf8,
        "00".repeat(padded - value.length))));
  }

  /** n structures nested in one another, the innermost holding an Integer. */
  private static byte[] nested(int n) {
    String inner = INTEGER_1;
    for (int i = 0; i < n; i++) {
      inner = String.format("420020 01 %08X %s", hex(inner).length, inner);
    }
    return hex(inner);
  }

  /** One structure with n Integer children. */
  private static byte[] wide(int n) {
    byte[] one = hex(INTEGER_1);
    byte[] out = new byte[8 + n * 16];
    System.arraycopy(hex(String.format("420078 01 %08X", n * 16)), 0, out, 0, 8);
    for (int i = 0; i < n; i++) {
      System.arraycopy(one, 0, out, 8 + i * 16, 16);
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Case fail(int no, String what, byte[] in, Reason reason, long offset) {
    return new Case(no, what, in, DEFAULT, reason, offset);
  }

  private static Case fail(int no, String what, byte[] in, CodecLimits l, Reason r, long off) {
    return new Case(no, what, in, l, r, off);
  }

  private static Case ok(int no, String what, byte[] in, CodecLimits limits) {
    return new Case(no, what, in, limits, null, -1);
  }

  private static boolean decodes(TtlvCodec codec, byte[] input) {
    try {
      Item item = codec.decode(input);
      return item != null;
    } catch (DecodeException e) {
      return false;
    }
  }
}
