package keyward.codegen;

/** A line buffer with indentation for writing Java source (two spaces per level). */
final class JavaWriter {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  /** Appends one line at the current indentation; "" gives an empty line. */
  JavaWriter line(String text) {
    if (!text.isEmpty()) {
      out.append("  ".repeat(indent)).append(text);
    }
    out.append('\n');
    return this;
  }

  JavaWriter line(String format, Object... args) {
    return line(String.format(java.util.Locale.ROOT, format, args));
  }

  /** Appends the line, then indents what follows (for a line ending in "{"). */
  JavaWriter open(String text) {
    line(text);
    indent++;
    return this;
  }

  /** Outdents, then appends the line (for a line starting with "}"). */
  JavaWriter close(String text) {
    indent--;
    return line(text);
  }

  /** A Javadoc comment; each element is one line of text. */
  JavaWriter javadoc(String... lines) {
    if (lines.length == 1) {
      return line("/** " + lines[0] + " */");
    }
    line("/**");
    for (String l : lines) {
      line(l.isEmpty() ? " *" : " * " + l);
    }
    return line(" */");
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A Java string literal for arbitrary text. */
  static String literal(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7E) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Text for a Javadoc comment: HTML-escaped, and with no backslash (javac reads unicode escapes
   * in comments too) and no comment terminator.
   */
  static String doc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\\", "&#92;")
        .replace("*/", "*&#47;")
        .replace("@", "&#64;");
  }
}
