package keyward.kmip.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the committed spec table (src/main/spec, relative to the module directory where surefire
 * runs) independently of the generator, so the tests compare the generated code against the file.
 */
final class SpecTableRows {
  private SpecTableRows() {}

  static final Path SPEC_DIR = Path.of("src/main/spec");

  /** Data rows of a .tsv (comments and the header line dropped), split on tabs. */
  static List<String[]> rows(String file) {
    List<String[]> out = new ArrayList<>();
    boolean header = true;
    for (String line : lines(SPEC_DIR.resolve(file))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      out.add(line.split("\t", -1));
    }
    return out;
  }

  /** Overlay directives of one kind, as argument arrays (the directive word dropped). */
  static List<String[]> overlay(String kind) {
    List<String[]> out = new ArrayList<>();
    for (String line : lines(SPEC_DIR.resolve("overlay.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t+");
      if (f[0].equals(kind)) {
        out.add(Arrays.copyOfRange(f, 1, f.length));
      }
    }
    return out;
  }

  static int hex(String s) {
    return (int) Long.parseLong(s.substring(2), 16);
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p.toAbsolutePath(), e);
    }
  }
}
