package keyward.conformance;

import java.util.Set;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * How mismatches show values: in the XML encoding of the test files. Expected values come from
 * the public test data and are shown in full; actual byte strings and big integers (key material,
 * digests of keys) are shown by length only, unless they are identifiers.
 */
final class Render {
  private static final XmlCodec XML = new XmlCodec();
  private static final Set<Integer> PUBLIC_BYTES =
      Set.of(Tag.UNIQUE_BATCH_ITEM_ID, Tag.SHORT_UNIQUE_IDENTIFIER, Tag.ASYNCHRONOUS_CORRELATION_VALUE);

  private Render() {}

  static String name(int tag) {
    TagInfo t = SpecRegistry.tag(tag);
    return t != null ? t.xmlName() : Item.tagHex(tag);
  }

  static String expected(ExpectedNode e, KmipVersion v) {
    if (e.placeholder() != null) {
      return "<" + name(e.tag()) + " type=\"" + e.item().type().xmlName() + "\" value=\"" + e.placeholder() + "\"/>";
    }
    return item(e.item(), v, false);
  }

  static String actual(Item a, KmipVersion v) {
    return item(a, v, true);
  }

  private static String item(Item i, KmipVersion v, boolean fromServer) {
    String name = name(i.tag());
    return switch (i) {
      case Item.Structure s -> "<" + name + "> (a structure of " + s.items().size() + " items)";
      case Item.ByteString b when fromServer && !PUBLIC_BYTES.contains(b.tag()) ->
          "<" + name + " type=\"ByteString\"> of " + b.value().length + " bytes (not shown)";
      case Item.BigInteger b when fromServer ->
          "<" + name + " type=\"BigInteger\"> of " + b.value().bitLength() + " bits (not shown)";
      default -> XML.encode(i, v).strip();
    };
  }
}
