package keyward.kmip.codec;

import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/**
 * Writes an item tree in the KMIP XML encoding (AME §6.1), two spaces per level, one element per
 * line. Tags the registry does not know are written in the generic {@code <TTLV tag="0x...">}
 * form, enumeration values without a name in hex.
 */
final class XmlWriter {
  private final StringBuilder out;
  private final KmipVersion version;

  XmlWriter(StringBuilder out, KmipVersion version) {
    this.out = out;
    this.version = version;
  }

  void write(Item item, int depth, String siblingAttributeName) {
    out.repeat("  ", depth);
    String name = EncodingNames.tagName(item.tag(), version);
    String element = name == null ? XmlCodec.GENERIC : name;
    out.append('<').append(element);
    if (name == null) {
      out.append(" tag=\"").append(Item.tagHex(item.tag())).append('"');
    }
    if (item instanceof Item.Structure s) {
      if (s.items().isEmpty()) {
        out.append("/>\n");
        return;
      }
      out.append(">\n");
      String attributeName = null;
      for (Item child : s.items()) {
        write(child, depth + 1, attributeName);
        String n = EncodingNames.attributeName(child);
        if (n != null) {
          attributeName = n;
        }
      }
      out.repeat("  ", depth).append("</").append(element).append(">\n");
      return;
    }
    out.append(" type=\"").append(item.type().xmlName()).append("\" value=\"");
    attribute(value(item, siblingAttributeName), item);
    out.append("\"/>\n");
  }

  private String value(Item item, String siblingAttributeName) {
    return switch (item) {
      case Item.Integer i -> {
        EnumInfo e = EncodingNames.enumerationFor(i.tag(), siblingAttributeName);
        yield e != null && e.mask()
            ? EncodingNames.maskValue(e, i.value(), version, " ")
            : java.lang.Integer.toString(i.value());
      }
      case Item.LongInteger l -> Long.toString(l.value());
      case Item.BigInteger b -> EncodingValues.bigIntegerHex(b.value());
      case Item.Enumeration e ->
          EncodingNames.enumValue(
              EncodingNames.enumerationFor(e.tag(), siblingAttributeName), e.value(), version);
      case Item.Boolean b -> java.lang.Boolean.toString(b.value());
      case Item.TextString t -> t.value();
      case Item.ByteString b -> EncodingValues.hex(b.value());
      case Item.DateTime d -> EncodingValues.formatDateTime(d.epochSeconds());
      case Item.Interval i -> Long.toString(i.seconds());
      case Item.DateTimeExtended d -> EncodingValues.formatDateTimeExtended(d.epochMicros());
      case Item.Identifier i -> i.value();
      case Item.Reference r -> r.value();
      case Item.NameReference n -> n.value();
      case Item.Structure s -> throw new IllegalStateException("structures have no value");
    };
  }

  /**
   * Appends an attribute value, escaped so that a parser reads back the same string: tab, line
   * feed and carriage return as character references, since attribute-value normalisation would
   * otherwise turn them into spaces.
   */
  private void attribute(String v, Item item) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\t' -> out.append("&#x9;");
        case '\n' -> out.append("&#xA;");
        case '\r' -> out.append("&#xD;");
        default -> {
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            throw unwritable(item, "U+" + String.format("%04X", (int) c));
          }
          if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < v.length()
                && Character.isLowSurrogate(v.charAt(i + 1))) {
              out.append(c).append(v.charAt(++i));
            } else {
              throw unwritable(item, "an unpaired surrogate");
            }
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static IllegalArgumentException unwritable(Item item, String what) {
    return new IllegalArgumentException(
        item.type().xmlName()
            + " at tag "
            + Item.tagHex(item.tag())
            + " holds "
            + what
            + ", which XML 1.0 cannot carry; use the TTLV or JSON encoding");
  }
}
