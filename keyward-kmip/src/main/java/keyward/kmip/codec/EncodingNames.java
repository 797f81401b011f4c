package keyward.kmip.codec;

import java.util.HashMap;
import java.util.Map;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.EnumValue;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * Names of tags, enumeration values and mask bits in the XML and JSON encodings (KMIP Additional
 * Message Encodings v1.0 §4.1.2-§4.1.5, §6.1.2-§6.1.5), looked up in the spec registry.
 *
 * <p>Reading accepts the normalised name of any version (or "0x"-hex); writing uses the name the
 * given version defines, else the newest name, else hex, so every value survives a round trip.
 */
final class EncodingNames {
  private EncodingNames() {}

  /**
   * For each tag, the newest of its names that reads back as the same tag. Some names are
   * shared (the "Reserved" rows), and a name that reads back as another tag must not be written.
   */
  private static final Map<java.lang.Integer, String> TAG_NAME = tagNamesByTag();

  private static Map<java.lang.Integer, String> tagNamesByTag() {
    Map<java.lang.Integer, TagInfo> best = new HashMap<>();
    for (TagInfo t : SpecRegistry.tags()) {
      TagInfo old = best.get(t.tag());
      if (readsBack(t) && (old == null || t.until().compareTo(old.until()) > 0)) {
        best.put(t.tag(), t);
      }
    }
    Map<java.lang.Integer, String> names = new HashMap<>();
    best.forEach((tag, info) -> names.put(tag, info.xmlName()));
    return Map.copyOf(names);
  }

  private static boolean readsBack(TagInfo t) {
    TagInfo back = SpecRegistry.tagByXmlName(t.xmlName());
    return back != null && back.tag() == t.tag();
  }

  /**
   * The element name for a tag: the name the version gives it, else its newest name; null when
   * the registry has no name that reads back as this tag.
   */
  static String tagName(int tag, KmipVersion version) {
    TagInfo t = version == null ? null : SpecRegistry.tag(tag, version);
    if (t != null && readsBack(t)) {
      return t.xmlName();
    }
    return TAG_NAME.get(tag);
  }

  /** A tag from its normalised name, or from "0x" and 6 hex digits. */
  static int tag(String text) throws BadValue {
    if (EncodingValues.isHexForm(text)) {
      if (text.length() != 8) {
        throw new BadValue(DecodeException.Reason.BAD_TAG, "a hex tag is 0x and 6 hex digits");
      }
      try {
        return (int) EncodingValues.hexNumber(text, 6, "tag");
      } catch (BadValue e) {
        throw new BadValue(DecodeException.Reason.BAD_TAG, e.getMessage());
      }
    }
    TagInfo t = SpecRegistry.tagByXmlName(text);
    if (t == null) {
      throw new BadValue(DecodeException.Reason.BAD_TAG, "unknown tag name " + quote(text));
    }
    return t.tag();
  }

  /**
   * The enumeration (or mask) whose names an Enumeration or Integer item may carry. For the KMIP
   * 1.x Attribute Value, it is the one of the attribute that the sibling Attribute Name names
   * (AME §4.1.5, §6.1.5); attributeName is that name, or null when there is none.
   */
  static EnumInfo enumerationFor(int tag, String attributeName) {
    if (tag == Tag.ATTRIBUTE_VALUE && attributeName != null) {
      TagInfo attribute = SpecRegistry.tagByXmlName(attributeName);
      return attribute == null ? null : enumerationFor(attribute.tag(), null);
    }
    // For Attribute Reference (KMIP 2.x) this is the registry's "Tag" enumeration: its value is a tag.
    return SpecRegistry.enumerationOf(tag);
  }

  /** The written form of an enumeration value: its name, or 0x and 8 hex digits. */
  static String enumValue(EnumInfo e, int value, KmipVersion version) {
    EnumValue v = e == null ? null : name(e, value, version);
    return v == null ? EncodingValues.hex8(value) : v.xmlName();
  }

  /** The value's name in the version, else its newest name that reads back as the same value. */
  private static EnumValue name(EnumInfo e, int value, KmipVersion version) {
    EnumValue v = version == null ? null : e.byValue(value, version);
    if (v != null && readsBack(e, v)) {
      return v;
    }
    EnumValue best = null;
    for (EnumValue c : e.values()) {
      if (c.value() == value && readsBack(e, c) && (best == null || c.until().compareTo(best.until()) > 0)) {
        best = c;
      }
    }
    return best;
  }

  private static boolean readsBack(EnumInfo e, EnumValue v) {
    EnumValue back = e.byName(v.xmlName());
    return back != null && back.value() == v.value();
  }

  /** Reads an enumeration value written as a name of e or as 0x-hex. */
  static int parseEnumValue(EnumInfo e, String text) throws BadValue {
    text = text.strip();
    if (EncodingValues.isHexForm(text)) {
      return (int) EncodingValues.hexNumber(text, 8, "Enumeration");
    }
    if (e == null) {
      throw new BadValue("Enumeration value " + quote(text) + " needs the 0x-hex form here: no enumeration is known for this tag");
    }
    EnumValue v = e.byName(text);
    if (v == null) {
      throw new BadValue(quote(text) + " is not a value of " + e.name());
    }
    return v.value();
  }

  /**
   * The written form of a mask: the names of its bits, then any bits without a name as one hex
   * value, joined by the separator (" " in XML, "|" in JSON). Zero is written as hex.
   */
  static String maskValue(EnumInfo e, int value, KmipVersion version, String separator) {
    StringBuilder sb = new StringBuilder();
    int unnamed = 0;
    for (int bit = 0; bit < 32; bit++) {
      int b = 1 << bit;
      if ((value & b) == 0) {
        continue;
      }
      EnumValue v = name(e, b, version);
      if (v == null) {
        unnamed |= b;
      } else {
        if (!sb.isEmpty()) {
          sb.append(separator);
        }
        sb.append(v.xmlName());
      }
    }
    if (unnamed != 0 || sb.isEmpty()) {
      if (!sb.isEmpty()) {
        sb.append(separator);
      }
      sb.append(EncodingValues.hex8(unnamed));
    }
    return sb.toString();
  }

  /** Reads a mask: names and/or numbers (0x-hex or decimal), split on whitespace and '|'. */
  static int parseMask(EnumInfo e, String text) throws BadValue {
    int value = 0;
    int tokens = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && isMaskSeparator(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isMaskSeparator(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      value |= maskToken(e, text.substring(start, i));
      tokens++;
    }
    if (tokens == 0) {
      throw new BadValue(e.name() + " value is empty");
    }
    return value;
  }

  private static boolean isMaskSeparator(char c) {
    return c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static int maskToken(EnumInfo e, String token) throws BadValue {
    if (EncodingValues.isHexForm(token)) {
      return (int) EncodingValues.hexNumber(token, 8, e.name());
    }
    char c = token.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-') {
      return (int) EncodingValues.decimal(token, java.lang.Integer.MIN_VALUE, 0xFFFF_FFFFL, e.name());
    }
    EnumValue v = e.byName(token);
    if (v == null) {
      throw new BadValue(quote(token) + " names no bit of " + e.name());
    }
    return v.value();
  }

  /** The text of an Attribute Name child, which sets the enumeration of the next Attribute Value. */
  static String attributeName(Item child) {
    return child.tag() == Tag.ATTRIBUTE_NAME && child instanceof Item.TextString t ? t.value() : null;
  }

  /** A name or token from the input for an error message: cut short, control characters replaced. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    int max = Math.min(s.length(), 48);
    for (int i = 0; i < max; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    if (s.length() > max) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
