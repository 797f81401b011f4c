package keyward.kmip.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the golden vectors in src/test/resources/vectors/ (layout described in each file). */
final class TtlvVectors {

  private TtlvVectors() {}

  /** The bytes of a vector file: comments after '#' dropped, '|' and whitespace ignored. */
  static byte[] load(String name) {
    try (InputStream in = TtlvVectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] parse(String text) {
    StringBuilder hex = new StringBuilder();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String data = hash >= 0 ? line.substring(0, hash) : line;
      for (int i = 0; i < data.length(); i++) {
        char c = data.charAt(i);
        if (Character.digit(c, 16) >= 0) {
          hex.append(c);
        } else if (c != '|' && !Character.isWhitespace(c)) {
          throw new IllegalArgumentException("unexpected '" + c + "' in vector line: " + line);
        }
      }
    }
    return HexFormat.of().parseHex(hex);
  }

  /** Hex in the same loose layout, for building inputs inline in tests. */
  static byte[] hex(String layout) {
    return parse(layout);
  }
}
