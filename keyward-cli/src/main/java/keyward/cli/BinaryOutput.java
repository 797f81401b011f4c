package keyward.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a command's binary result goes: a new 0600 file ({@code --out}), or, for small results,
 * hex on standard output ({@code --hex}). One of the two is required, so bytes never reach a
 * terminal by accident.
 */
final class BinaryOutput {
  /** The most --hex prints; larger results go to a file. */
  static final int MAX_HEX_BYTES = 4096;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the result to this new file (created 0600; never overwritten).")
  Path out;

  @Option(names = "--hex", description = "Print the result as hex instead (at most " + MAX_HEX_BYTES + " bytes).")
  boolean hex;

  /** Checks the choice before anything is sent. */
  void check() {
    if ((out == null) == !hex) {
      throw new UsageException("give --out FILE or --hex (one of them)");
    }
  }

  /**
   * Writes or prints {@code bytes} (cleared afterwards) with the other fields of the answer
   * ({@code fields}: identifiers, IV, tag; never secret).
   */
  void emit(byte[] bytes, Output o, String what, Map<String, String> fields) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (hex) {
      if (bytes.length > MAX_HEX_BYTES) {
        Arrays.fill(bytes, (byte) 0);
        throw new UsageException("the " + what + " is " + bytes.length + " bytes, more than --hex prints ("
            + MAX_HEX_BYTES + "); use --out FILE");
      }
      all.put(what, HexFormat.of().formatHex(bytes));
      Arrays.fill(bytes, (byte) 0);
    } else {
      int n = bytes.length;
      ObjectFiles.writeNew(out, bytes);
      all.put("file", out.toString());
      all.put("bytes", Integer.toString(n));
    }
    o.record(all);
  }

  /** Hex text from an option, or a usage error naming the option. */
  static byte[] parseHex(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value.strip());
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": not hex (two digits per byte)");
    }
  }
}
