package keyward.kmip.codec;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;

/**
 * The text forms of scalar values shared by the XML and JSON encodings (KMIP Additional Message
 * Encodings v1.0 §4.1.1, §4.1.5, §6.1.1, §6.1.5): decimal or "0x"-hex numbers, hex byte strings,
 * two's-complement hex big integers and xsd:dateTime dates.
 *
 * <p>Every parser checks the text's length before it allocates anything sized by it.
 */
final class EncodingValues {
  private EncodingValues() {}

  private static final HexFormat HEX = HexFormat.of();

  /** Written dates are UTC with an explicit "+00:00" offset, the form the OASIS test cases use. */
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DATE_TIME_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: outside these xsd:dateTime has no 4-digit year. */
  private static final long FIRST_WRITABLE_SECOND = -62_135_596_800L;

  private static final long LAST_WRITABLE_SECOND = 253_402_300_799L;

  /** Longer than any date or number form; refused before parsing. */
  private static final int MAX_SCALAR_CHARS = 80;

  /** True when the text has the "0x" prefix of the hex forms. */
  static boolean isHexForm(String s) {
    return s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
  }

  /** The digits after "0x" as an unsigned number of at most maxDigits hex digits. */
  static long hexNumber(String s, int maxDigits, String what) throws BadValue {
    int digits = s.length() - 2;
    if (digits < 1 || digits > maxDigits) {
      throw new BadValue(what + " in hex takes 1 to " + maxDigits + " hex digits after 0x");
    }
    long v = 0;
    for (int i = 2; i < s.length(); i++) {
      int d = hexDigit(s.charAt(i));
      if (d < 0) {
        throw new BadValue(what + " hex form has a character that is not a hex digit");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /** A decimal number within [min, max]: optional sign, digits only. */
  static long decimal(String s, long min, long max, String what) throws BadValue {
    if (s.isEmpty() || s.length() > 20) {
      throw new BadValue(what + " is not a decimal or 0x-hex number");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+') && s.length() > 1)) {
        throw new BadValue(what + " is not a decimal or 0x-hex number");
      }
    }
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadValue(what + " is out of range");
    }
    if (v < min || v > max) {
      throw new BadValue(what + " is out of range " + min + ".." + max);
    }
    return v;
  }

  /** Integer: decimal, or 0x and up to 8 hex digits (the 32 bits as written on the wire). */
  static int integer(String s) throws BadValue {
    s = s.strip();
    if (isHexForm(s)) {
      return (int) hexNumber(s, 8, "Integer");
    }
    return (int) decimal(s, java.lang.Integer.MIN_VALUE, java.lang.Integer.MAX_VALUE, "Integer");
  }

  /** Long Integer: decimal, or 0x and up to 16 hex digits (two's complement). */
  static long longInteger(String s) throws BadValue {
    s = s.strip();
    if (isHexForm(s)) {
      return hexNumber(s, 16, "LongInteger");
    }
    return decimal(s, Long.MIN_VALUE, Long.MAX_VALUE, "LongInteger");
  }

  /** Interval: seconds 0..2^32-1, decimal or 0x-hex. */
  static long interval(String s) throws BadValue {
    s = s.strip();
    if (isHexForm(s)) {
      return hexNumber(s, 8, "Interval");
    }
    return decimal(s, 0, 0xFFFF_FFFFL, "Interval");
  }

  /** Boolean: true/false (xsd:boolean also allows 1/0), or the 8-byte hex form. */
  static boolean bool(String s) throws BadValue {
    switch (s.strip()) {
      case "true", "1", "0x0000000000000001" -> {
        return true;
      }
      case "false", "0", "0x0000000000000000" -> {
        return false;
      }
      default -> throw new BadValue("Boolean must be true or false");
    }
  }

  /** Byte String: hex digits of either case, no prefix; at most maxBytes bytes. */
  static byte[] byteString(String s, int maxBytes) throws BadValue {
    s = s.strip();
    if (s.length() / 2 > maxBytes) {
      throw new BadValue(
          DecodeException.Reason.STRING_TOO_LONG,
          "ByteString of " + s.length() / 2 + " bytes is over the limit of " + maxBytes);
    }
    if ((s.length() & 1) != 0) {
      throw new BadValue("ByteString hex has an odd number of digits");
    }
    return parseHex(s, "ByteString");
  }

  /** Big Integer: two's-complement big-endian hex, with or without 0x; at most maxBytes bytes. */
  static BigInteger bigInteger(String s, int maxBytes) throws BadValue {
    s = s.strip();
    String digits = isHexForm(s) ? s.substring(2) : s;
    if (digits.length() / 2 > maxBytes) {
      throw new BadValue(
          DecodeException.Reason.STRING_TOO_LONG,
          "BigInteger of " + digits.length() / 2 + " bytes is over the limit of " + maxBytes);
    }
    if (digits.isEmpty() || (digits.length() & 1) != 0) {
      throw new BadValue("BigInteger hex must have a non-zero, even number of digits");
    }
    return new BigInteger(parseHex(digits, "BigInteger"));
  }

  private static byte[] parseHex(String digits, String what) throws BadValue {
    for (int i = 0; i < digits.length(); i++) {
      if (hexDigit(digits.charAt(i)) < 0) {
        throw new BadValue(what + " has a character that is not a hex digit");
      }
    }
    return HEX.parseHex(digits);
  }

  /** The value of an ASCII hex digit, or -1 (Character.digit would also take non-ASCII digits). */
  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Lower-case hex of a big integer's two's complement, sign-extended to a multiple of 8 bytes (TTLV). */
  static String bigIntegerHex(BigInteger v) {
    byte[] minimal = v.toByteArray();
    int padded = (minimal.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    byte sign = (byte) (v.signum() < 0 ? 0xFF : 0x00);
    int pad = padded - minimal.length;
    for (int i = 0; i < pad; i++) {
      out[i] = sign;
    }
    System.arraycopy(minimal, 0, out, pad, minimal.length);
    return HEX.formatHex(out);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** "0x" and 8 upper-case hex digits: the written form of 32-bit enumeration and mask values. */
  static String hex8(int v) {
    return String.format("0x%08X", v);
  }

  /** "0x" and 16 upper-case hex digits. */
  static String hex16(long v) {
    return String.format("0x%016X", v);
  }

  /** Date-Time: xsd:dateTime (no offset means UTC) in whole seconds, or 0x and 16 hex digits. */
  static long dateTime(String s) throws BadValue {
    s = s.strip();
    if (isHexForm(s)) {
      return hexNumber(s, 16, "DateTime");
    }
    Instant t = instant(s, "DateTime");
    if (t.getNano() != 0) {
      throw new BadValue("DateTime carries whole seconds; fractions need DateTimeExtended");
    }
    return t.getEpochSecond();
  }

  /** Date-Time Extended: xsd:dateTime to the microsecond, or 0x and 16 hex digits (microseconds). */
  static long dateTimeExtended(String s) throws BadValue {
    s = s.strip();
    if (isHexForm(s)) {
      return hexNumber(s, 16, "DateTimeExtended");
    }
    Instant t = instant(s, "DateTimeExtended");
    if (t.getNano() % 1000 != 0) {
      throw new BadValue("DateTimeExtended is finer than a microsecond");
    }
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new BadValue("DateTimeExtended is out of range");
    }
  }

  private static Instant instant(String s, String what) throws BadValue {
    if (s.length() > MAX_SCALAR_CHARS) {
      throw new BadValue(what + " is not an xsd:dateTime");
    }
    try {
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      if (t instanceof OffsetDateTime odt) {
        return odt.toInstant();
      }
      return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new BadValue(what + " is not an xsd:dateTime such as 2024-05-01T12:00:00+00:00");
    }
  }

  /** Writes seconds as xsd:dateTime in UTC, or in hex when the year has no 4-digit form. */
  static String formatDateTime(long epochSeconds) {
    if (epochSeconds < FIRST_WRITABLE_SECOND || epochSeconds > LAST_WRITABLE_SECOND) {
      return hex16(epochSeconds);
    }
    return DATE_TIME.format(Instant.ofEpochSecond(epochSeconds));
  }

  /** Writes microseconds as xsd:dateTime with 6 fraction digits, or in hex outside years 1..9999. */
  static String formatDateTimeExtended(long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    if (seconds < FIRST_WRITABLE_SECOND || seconds > LAST_WRITABLE_SECOND) {
      return hex16(epochMicros);
    }
    long micros = Math.floorMod(epochMicros, 1_000_000L);
    return DATE_TIME_MICROS.format(Instant.ofEpochSecond(seconds, micros * 1000));
  }

  /** UTF-8 length of a string, without encoding it. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
