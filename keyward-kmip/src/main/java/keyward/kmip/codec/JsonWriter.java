package keyward.kmip.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/**
 * Writes an item tree in the KMIP JSON encoding (AME §4.1). Numbers that a JSON reader holding
 * them as doubles could round (beyond ±2^52) are written as 0x-hex strings instead.
 */
final class JsonWriter {
  private static final long JSON_SAFE = 1L << 52;
  private static final BigInteger JSON_SAFE_BIG = BigInteger.valueOf(JSON_SAFE);

  private final JsonGenerator g;
  private final KmipVersion version;

  private JsonWriter(JsonGenerator g, KmipVersion version) {
    this.g = g;
    this.version = version;
  }

  static void write(JsonFactory factory, Writer out, Item item, KmipVersion version, boolean pretty)
      throws IOException {
    try (JsonGenerator g = factory.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      new JsonWriter(g, version).item(item, null);
    }
  }

  private void item(Item item, String siblingAttributeName) throws IOException {
    g.writeStartObject();
    String name = EncodingNames.tagName(item.tag(), version);
    g.writeStringField("tag", name != null ? name : Item.tagHex(item.tag()));
    if (item instanceof Item.Structure s) {
      g.writeArrayFieldStart("value");
      String attributeName = null;
      for (Item child : s.items()) {
        item(child, attributeName);
        String n = EncodingNames.attributeName(child);
        if (n != null) {
          attributeName = n;
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      return;
    }
    g.writeStringField("type", item.type().xmlName());
    g.writeFieldName("value");
    switch (item) {
      case Item.Integer i -> {
        EnumInfo e = EncodingNames.enumerationFor(i.tag(), siblingAttributeName);
        if (e != null && e.mask()) {
          g.writeString(EncodingNames.maskValue(e, i.value(), version, "|"));
        } else {
          g.writeNumber(i.value());
        }
      }
      case Item.LongInteger l -> {
        if (l.value() > -JSON_SAFE && l.value() < JSON_SAFE) {
          g.writeNumber(l.value());
        } else {
          g.writeString(EncodingValues.hex16(l.value()));
        }
      }
      case Item.BigInteger b -> {
        if (b.value().abs().compareTo(JSON_SAFE_BIG) < 0) {
          g.writeNumber(b.value().longValueExact());
        } else {
          g.writeString("0x" + EncodingValues.bigIntegerHex(b.value()));
        }
      }
      case Item.Enumeration e ->
          g.writeString(
              EncodingNames.enumValue(
                  EncodingNames.enumerationFor(e.tag(), siblingAttributeName), e.value(), version));
      case Item.Boolean b -> g.writeBoolean(b.value());
      case Item.TextString t -> g.writeString(t.value());
      case Item.ByteString b -> g.writeString(EncodingValues.hex(b.value()));
      case Item.DateTime d -> g.writeString(EncodingValues.formatDateTime(d.epochSeconds()));
      case Item.Interval i -> g.writeNumber(i.seconds());
      case Item.DateTimeExtended d -> g.writeString(EncodingValues.formatDateTimeExtended(d.epochMicros()));
      case Item.Identifier i -> g.writeString(i.value());
      case Item.Reference r -> g.writeString(r.value());
      case Item.NameReference n -> g.writeString(n.value());
      case Item.Structure s -> throw new IllegalStateException("written above");
    }
    g.writeEndObject();
  }
}
