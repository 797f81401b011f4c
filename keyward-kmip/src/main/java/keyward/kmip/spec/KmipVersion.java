package keyward.kmip.spec;

/** The KMIP protocol versions Keyward knows, oldest first; order is meaningful (compareTo). */
public enum KmipVersion {
  V1_0(1, 0),
  V1_1(1, 1),
  V1_2(1, 2),
  V1_3(1, 3),
  V1_4(1, 4),
  V2_0(2, 0),
  V2_1(2, 1),
  V3_0(3, 0);

  private final int major;
  private final int minor;

  KmipVersion(int major, int minor) {
    this.major = major;
    this.minor = minor;
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  /** The version for a major/minor pair, or null when Keyward does not know it. */
  public static KmipVersion of(int major, int minor) {
    for (KmipVersion v : values()) {
      if (v.major == major && v.minor == minor) {
        return v;
      }
    }
    return null;
  }

  /** Parses "1.4" / "2.1". */
  public static KmipVersion parse(String text) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("not a KMIP version: " + text);
    }
    KmipVersion v =
        of(Integer.parseInt(text.substring(0, dot).trim()), Integer.parseInt(text.substring(dot + 1).trim()));
    if (v == null) {
      throw new IllegalArgumentException("unknown KMIP version: " + text);
    }
    return v;
  }

  public boolean atLeast(KmipVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
