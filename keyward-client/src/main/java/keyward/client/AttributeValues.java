package keyward.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.EnumValue;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/** Attributes in the 2.x shape from and to text, for callers that hold names and strings. */
public final class AttributeValues {
  private AttributeValues() {}

  /** A Name attribute (Uninterpreted Text String). */
  public static Item name(String value) {
    return new Item.Structure(Tag.NAME, new Item.TextString(Tag.NAME_VALUE, value),
        new Item.Enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value()));
  }

  /** A Link attribute to the object {@code target}. */
  public static Item link(keyward.kmip.spec.LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }

  /**
   * An attribute from its name and a text value: "Name" (a text name), a custom "x-Name" (a
   * Text String), or a standard attribute of a simple type: Text String, Integer, Long Integer,
   * Boolean, Date-Time (ISO-8601), Enumeration (by the value's spec name, e.g. "AES") or a mask
   * (names joined by "|", e.g. "Encrypt|Decrypt").
   *
   * @throws IllegalArgumentException for an unknown name, a structured attribute or a bad value
   */
  public static Item parse(String attributeName, String value) {
    if (attributeName.equalsIgnoreCase("Name")) {
      return name(value);
    }
    if (attributeName.length() > 2 && (attributeName.startsWith("x-") || attributeName.startsWith("y-"))) {
      return new Item.Structure(Tag.ATTRIBUTE,
          new Item.TextString(Tag.VENDOR_IDENTIFICATION, attributeName.substring(0, 1)),
          new Item.TextString(Tag.ATTRIBUTE_NAME, attributeName.substring(2)),
          new Item.TextString(Tag.ATTRIBUTE_VALUE, value));
    }
    TagInfo info = SpecRegistry.tagByXmlName(SpecRegistry.xmlName(attributeName));
    if (info == null) {
      throw new IllegalArgumentException("unknown attribute: " + attributeName);
    }
    int tag = info.tag();
    try {
      return switch (info.type()) {
        case TEXT_STRING -> new Item.TextString(tag, value);
        case INTEGER -> {
          EnumInfo e = SpecRegistry.enumerationOf(tag);
          yield new Item.Integer(tag, e != null && e.mask() ? maskBits(e, value) : Integer.parseInt(value));
        }
        case LONG_INTEGER -> new Item.LongInteger(tag, Long.parseLong(value));
        case BOOLEAN -> new Item.Boolean(tag, parseBoolean(value));
        case DATE_TIME -> new Item.DateTime(tag, Instant.parse(value).getEpochSecond());
        case ENUMERATION -> new Item.Enumeration(tag, enumValue(SpecRegistry.enumerationOf(tag), value));
        default -> throw new IllegalArgumentException(info.name() + " is a " + info.type()
            + " attribute; it cannot be given as text");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("bad value for " + info.name() + ": " + value);
    }
  }

  /** The 1.x-style name of a 2.x-shaped attribute ("Cryptographic Algorithm", "x-owner"). */
  public static String nameOf(Item attribute) {
    if (attribute.tag() == Tag.ATTRIBUTE && attribute instanceof Item.Structure s) {
      return text(s, Tag.VENDOR_IDENTIFICATION) + "-" + text(s, Tag.ATTRIBUTE_NAME);
    }
    TagInfo info = SpecRegistry.tag(attribute.tag());
    return info == null ? Item.tagHex(attribute.tag()) : info.name();
  }

  /** A short readable value; byte strings as hex (attributes hold digests, not key material). */
  public static String display(Item attribute) {
    return switch (attribute) {
      case Item.Structure s when s.tag() == Tag.NAME -> text(s, Tag.NAME_VALUE);
      case Item.Structure s when s.tag() == Tag.ATTRIBUTE ->
          s.first(Tag.ATTRIBUTE_VALUE).map(AttributeValues::display).orElse("");
      case Item.Structure s -> {
        List<String> parts = new ArrayList<>();
        for (Item c : s.items()) {
          parts.add(nameOf(c) + "=" + display(c));
        }
        yield "{" + String.join(", ", parts) + "}";
      }
      case Item.Enumeration e -> {
        EnumInfo info = SpecRegistry.enumerationOf(e.tag());
        EnumValue v = info == null ? null : info.byValue(e.value());
        yield v == null ? "0x" + Integer.toHexString(e.value()) : v.specName();
      }
      case Item.Integer i -> {
        EnumInfo info = SpecRegistry.enumerationOf(i.tag());
        if (info != null && info.mask()) {
          List<String> bits = new ArrayList<>();
          for (EnumValue v : info.values()) {
            if ((i.value() & v.value()) != 0 && !bits.contains(v.specName())) {
              bits.add(v.specName());
            }
          }
          yield String.join("|", bits);
        }
        yield Integer.toString(i.value());
      }
      case Item.LongInteger l -> Long.toString(l.value());
      case Item.BigInteger b -> b.value().toString();
      case Item.Boolean b -> Boolean.toString(b.value());
      case Item.TextString t -> t.value();
      case Item.ByteString b -> HexFormat.of().formatHex(b.value());
      case Item.DateTime d -> Instant.ofEpochSecond(d.epochSeconds()).toString();
      case Item.DateTimeExtended d -> Instant.EPOCH.plusNanos(d.epochMicros() * 1000).toString();
      case Item.Interval i -> i.seconds() + "s";
      default -> attribute.type().toString();
    };
  }

  private static int maskBits(EnumInfo e, String value) {
    int bits = 0;
    for (String part : value.split("[|,]")) {
      bits |= enumValue(e, part.trim());
    }
    return bits;
  }

  private static int enumValue(EnumInfo e, String value) {
    if (e == null) {
      throw new IllegalArgumentException("no enumeration for this attribute");
    }
    for (EnumValue v : e.values()) {
      if (v.specName().equalsIgnoreCase(value) || v.xmlName().equalsIgnoreCase(value)) {
        return v.value();
      }
    }
    throw new IllegalArgumentException("unknown " + e.name() + " value: " + value);
  }

  private static boolean parseBoolean(String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException("expected true or false, not " + v);
  }

  private static String text(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value()).orElse("");
  }
}
