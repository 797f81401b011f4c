package keyward.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-maintained overlay (keyward-kmip/src/main/spec/overlay.tsv): what the source tables
 * lack or get wrong. '#' lines are comments (they give the reasons); every other line is a
 * directive and its tab-separated arguments:
 *
 * <pre>
 * mask              enumeration                           a bit mask, carried in Integer items
 * same-enumeration  table-name  enumeration               a renamed table: same enumeration
 * fix-name          enumeration  0xVALUE  source  name    an extraction artefact in a value name
 * rename            enumeration|Tag  0xVALUE  old  new    a name change that keeps the meaning
 * carry             enumeration  version                  the version's source lacks the table
 * early             enumeration  0xFROM..0xTO  version      newer values served from that version on
 * link              tag-name  enumeration                 the tag carries the enumeration
 * unlink            tag-name  enumeration                 drop a wrong link from the Thales JSON
 * type              tag-name  type|varies [since [until]] the tag's item type (overrides mining)
 * </pre>
 */
final class Overlay {
  record Directive(Path file, int line, String kind, List<String> args) {
    String arg(int i) {
      return args.get(i);
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(file + ":" + line + ": " + kind + ": " + message);
    }

    String where() {
      return file.getFileName() + ":" + line;
    }
  }

  final List<Directive> directives = new ArrayList<>();

  List<Directive> all(String kind) {
    return directives.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  static Overlay read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Overlay o = new Overlay();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank() || text.startsWith("#")) {
        continue;
      }
      String[] f = text.split("\t+");
      List<String> args = new ArrayList<>();
      for (int k = 1; k < f.length; k++) {
        args.add(f[k].strip());
      }
      Directive d = new Directive(file, i + 1, f[0].strip(), List.copyOf(args));
      int[] arity =
          switch (d.kind()) {
            case "mask" -> new int[] {1, 1};
            case "same-enumeration", "carry", "link", "unlink" -> new int[] {2, 2};
            case "fix-name", "rename" -> new int[] {4, 4};
            case "early" -> new int[] {3, 3};
            case "type" -> new int[] {2, 4};
            default -> throw d.error("unknown directive");
          };
      if (args.size() < arity[0] || args.size() > arity[1]) {
        throw d.error("expected " + arity[0] + (arity[1] > arity[0] ? ".." + arity[1] : "")
            + " arguments, found " + args.size());
      }
      o.directives.add(d);
    }
    return o;
  }
}
