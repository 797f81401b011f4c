package keyward.kmip.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Look-ups over the KMIP spec table (every tag and enumeration of KMIP 1.0 to 2.1 and the 3.0
 * draft). The data is generated ({@code SpecData}, from src/main/spec/*.tsv); the indexes are
 * built once, when this class loads, and every look-up is an array index or one hash probe.
 *
 * <p>Besides the enumerations of enumerations.tsv, {@link #enumerations()} holds "Tag": the tag
 * table seen as an enumeration (value = tag number), which KMIP 2.x Attribute Reference carries.
 */
public final class SpecRegistry {
  private SpecRegistry() {}

  /** Spec tags are 0x42xxxx; they are indexed by their offset from this base. */
  private static final int SPEC_TAG_BASE = 0x420000;

  /** The name of the pseudo-enumeration whose values are the tags. */
  static final String TAG_ENUMERATION = "Tag";

  private static final List<TagInfo> TAGS;
  private static final TagInfo[][] ROWS;
  private static final TagInfo[] NEWEST;
  private static final EnumInfo[] CARRIED;
  private static final Map<String, TagInfo> TAG_BY_NAME;
  private static final List<EnumInfo> ENUMERATIONS;
  private static final Map<String, EnumInfo> ENUM_BY_NAME;

  static {
    TagInfo[] rows = SpecData.tagRows();
    TAGS = List.of(rows);
    int size = 0;
    for (TagInfo t : rows) {
      if (t.tag() < SPEC_TAG_BASE || t.tag() > 0x42FFFF) {
        throw new IllegalStateException("spec table holds a tag outside 0x42xxxx: " + Integer.toHexString(t.tag()));
      }
      size = Math.max(size, t.tag() - SPEC_TAG_BASE + 1);
    }
    ROWS = new TagInfo[size][];
    NEWEST = new TagInfo[size];
    for (TagInfo t : rows) {
      int i = t.tag() - SPEC_TAG_BASE;
      ROWS[i] = ROWS[i] == null ? new TagInfo[] {t} : append(ROWS[i], t);
      if (NEWEST[i] == null || newer(t, NEWEST[i])) {
        NEWEST[i] = t;
      }
    }

    List<EnumInfo> enumerations = new ArrayList<>(List.of(SpecData.enumerations()));
    enumerations.add(tagEnumeration(rows));
    ENUMERATIONS = List.copyOf(enumerations);
    Map<String, EnumInfo> enumByName = new HashMap<>();
    for (EnumInfo e : ENUMERATIONS) {
      enumByName.put(e.name(), e);
      enumByName.putIfAbsent(e.xmlName(), e);
    }
    ENUM_BY_NAME = Map.copyOf(enumByName);

    CARRIED = new EnumInfo[size];
    Map<String, TagInfo> byName = new HashMap<>();
    // Newest rows first, so that a name maps to the newest row that has it.
    List<TagInfo> newestFirst = new ArrayList<>(TAGS);
    newestFirst.sort((a, b) -> newer(a, b) ? -1 : newer(b, a) ? 1 : 0);
    for (TagInfo t : newestFirst) {
      byName.putIfAbsent(t.xmlName(), t);
      int i = t.tag() - SPEC_TAG_BASE;
      if (CARRIED[i] == null && t.enumeration() != null) {
        CARRIED[i] = Objects.requireNonNull(ENUM_BY_NAME.get(t.enumeration()), t.enumeration());
      }
    }
    for (TagInfo t : newestFirst) {
      byName.putIfAbsent(t.name(), t);
    }
    TAG_BY_NAME = Map.copyOf(byName);
  }

  /** The newest row for a tag number (latest version), or null when the tag is unknown. */
  public static TagInfo tag(int tag) {
    int i = tag - SPEC_TAG_BASE;
    return i >= 0 && i < NEWEST.length ? NEWEST[i] : null;
  }

  /** The row that defines the tag in that version, or null when the version does not define it. */
  public static TagInfo tag(int tag, KmipVersion version) {
    int i = tag - SPEC_TAG_BASE;
    if (i < 0 || i >= ROWS.length || ROWS[i] == null) {
      return null;
    }
    for (TagInfo t : ROWS[i]) {
      if (t.definedIn(version)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The tag with this normalised XML/JSON name ("ActivationDate") or spec name ("Activation Date"),
   * in any version: the newest row under that name. Null when no tag has the name.
   */
  public static TagInfo tagByXmlName(String name) {
    return name == null ? null : TAG_BY_NAME.get(name);
  }

  /** The enumeration or mask with this spec name ("Object Type") or XML name ("ObjectType"); null if none. */
  public static EnumInfo enumeration(String name) {
    return name == null ? null : ENUM_BY_NAME.get(name);
  }

  /**
   * The enumeration or mask whose values the tag carries (in the newest version where it carries
   * one), or null. E.g. Mask Generator Hashing Algorithm carries Hashing Algorithm.
   */
  public static EnumInfo enumerationOf(int tag) {
    int i = tag - SPEC_TAG_BASE;
    return i >= 0 && i < CARRIED.length ? CARRIED[i] : null;
  }

  /** Every tag row, ordered by tag then version. */
  public static List<TagInfo> tags() {
    return TAGS;
  }

  /** Every enumeration and mask, ordered by name, then the "Tag" pseudo-enumeration. */
  public static List<EnumInfo> enumerations() {
    return ENUMERATIONS;
  }

  /**
   * The name the XML and JSON encodings use for spec text (KMIP Additional Message Encodings v1.0
   * §6.1.3): round brackets become spaces; a character other than a letter, digit or underscore
   * followed by a letter and a lower-case letter becomes a space ("Re-key" → "Re key"); any other
   * such character except white space becomes '_' ("PKCS#11" → "PKCS_11"); leading digits of the
   * first word move to its end ("3DES" → "DES3"); then each word is capitalised and the words
   * joined ("Create Key Pair" → "CreateKeyPair").
   */
  public static String xmlName(String specName) {
    char[] c = specName.strip().toCharArray();
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch == '(' || ch == ')') {
        c[i] = ' ';
      } else if (!isWordChar(ch) && !Character.isWhitespace(ch)) {
        boolean beforeWord = i + 2 < c.length && isLetter(c[i + 1]) && c[i + 2] >= 'a' && c[i + 2] <= 'z';
        c[i] = beforeWord ? ' ' : '_';
      }
    }
    StringBuilder out = new StringBuilder(c.length);
    boolean first = true;
    for (String word : new String(c).split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (first) {
        int digits = 0;
        while (digits < word.length() && Character.isDigit(word.charAt(digits))) {
          digits++;
        }
        word = word.substring(digits) + word.substring(0, digits);
        first = false;
      }
      out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
    }
    return out.toString();
  }

  private static boolean isWordChar(char ch) {
    return isLetter(ch) || (ch >= '0' && ch <= '9') || ch == '_';
  }

  private static boolean isLetter(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }

  /** True when a row covers later versions than b (then, for equal ends, starts later). */
  private static boolean newer(TagInfo a, TagInfo b) {
    int c = a.until().compareTo(b.until());
    return c != 0 ? c > 0 : a.since().compareTo(b.since()) > 0;
  }

  private static TagInfo[] append(TagInfo[] rows, TagInfo t) {
    TagInfo[] out = Arrays.copyOf(rows, rows.length + 1);
    out[rows.length] = t;
    return out;
  }

  /** The tag table as an enumeration: one value per tag name, over the versions it had that name. */
  private static EnumInfo tagEnumeration(TagInfo[] rows) {
    Map<String, EnumValue> byName = new LinkedHashMap<>();
    for (TagInfo t : rows) {
      byName.merge(t.tag() + " " + t.name(),
          new EnumValue(t.tag(), t.name(), t.xmlName(), t.since(), t.until()),
          (a, b) -> new EnumValue(a.value(), a.name(), a.xmlName(),
              a.since().compareTo(b.since()) <= 0 ? a.since() : b.since(),
              a.until().compareTo(b.until()) >= 0 ? a.until() : b.until()));
    }
    return new EnumInfo(TAG_ENUMERATION, TAG_ENUMERATION, false, List.copyOf(byName.values()));
  }
}
