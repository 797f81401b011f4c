package keyward.codegen;

import java.util.List;

/** The KMIP versions the tables cover, oldest first (the same set as keyward-kmip's KmipVersion). */
final class Versions {
  private Versions() {}

  static final List<String> ALL = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "3.0");

  /** The newest OASIS Standard; 3.0 is a committee draft and its source is less reliable. */
  static final String NEWEST_STANDARD = "2.1";

  static int index(String version) {
    int i = ALL.indexOf(version);
    if (i < 0) {
      throw new IllegalArgumentException("unknown KMIP version '" + version + "'");
    }
    return i;
  }

  static boolean isDraft(String version) {
    return index(version) > index(NEWEST_STANDARD);
  }

  /** The KmipVersion constant name, e.g. "V2_1". */
  static String constant(String version) {
    index(version);
    return "V" + version.replace('.', '_');
  }
}
