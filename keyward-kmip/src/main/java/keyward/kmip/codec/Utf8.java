package keyward.kmip.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 for TTLV text strings (KMIP 1.4 §9.1.1.4: "UTF-8 encoded"). The JDK's decoders
 * replace malformed input with U+FFFD; a server must instead reject it, so validation is done
 * here against the well-formed byte sequences of Unicode Table 3-7 (no overlong forms, no
 * surrogates, nothing above U+10FFFF), and the JDK only builds the String once the bytes are
 * known to be valid.
 */
final class Utf8 {

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private Utf8() {}

  /**
   * Whether the bytes in [from, from + len) are all ASCII. {@code len} must be a multiple of 8
   * and the range inside the array: the reader calls this on a value and its (zero) padding.
   */
  static boolean isAscii8(byte[] b, int from, int len) {
    long acc = 0;
    for (int i = from, end = from + len; i < end; i += 8) {
      acc |= (long) LONG.get(b, i);
    }
    return (acc & HIGH_BITS) == 0;
  }

  /** Index of the first byte of a malformed sequence in [from, to), or -1 when all is valid. */
  static int firstMalformed(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) {
          lo = 0xA0; // below is an overlong 2-byte form
        } else if (c == 0xED) {
          hi = 0x9F; // above are the UTF-16 surrogates D800-DFFF
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) {
          lo = 0x90; // below is an overlong 3-byte form
        } else if (c == 0xF4) {
          hi = 0x8F; // above is beyond U+10FFFF
        }
      } else {
        return i; // C0, C1 (overlong), F5-FF, or a stray continuation byte
      }
      if (to - i <= need) {
        return i; // sequence cut short by the end of the string
      }
      int second = b[i + 1] & 0xFF;
      if (second < lo || second > hi) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }

  /**
   * Number of UTF-8 bytes that {@link #encode} writes for {@code s}.
   *
   * @throws IllegalArgumentException when {@code s} holds an unpaired surrogate, which has no
   *     UTF-8 form (the JDK would silently write '?')
   */
  static long encodedLength(String s) {
    int n = s.length();
    long bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // two chars become four bytes
          i++;
        } else {
          throw unpairedSurrogate(i);
        }
      }
    }
    return bytes;
  }

  /** Writes {@code s} as UTF-8 at {@code pos}; returns the number of bytes written. */
  static int encode(String s, byte[] out, int pos) {
    int n = s.length();
    int p = pos;
    int i = 0;
    // ASCII fast path: the common case for identifiers, names and attribute names.
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      out[p++] = (byte) c;
      i++;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[p++] = (byte) (0xF0 | (cp >> 18));
        out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        throw unpairedSurrogate(i);
      }
    }
    return p - pos;
  }

  private static IllegalArgumentException unpairedSurrogate(int index) {
    return new IllegalArgumentException(
        "text string has an unpaired UTF-16 surrogate at char index " + index);
  }
}
