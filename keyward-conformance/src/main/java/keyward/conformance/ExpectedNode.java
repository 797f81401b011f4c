package keyward.conformance;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.ttlv.Item;

/**
 * One element of an expected response: the item the file gives and, when its value was a
 * placeholder, the placeholder text ("$UNIQUE_IDENTIFIER_0", "$NOW"); the item's value is then
 * a stand-in of the right type that is never compared.
 */
record ExpectedNode(Item item, String placeholder, List<ExpectedNode> children) {
  ExpectedNode {
    children = List.copyOf(children);
  }

  int tag() {
    return item.tag();
  }

  /** The expected message: placeholders replaced by typed stand-ins for the decoder, and kept beside. */
  static ExpectedNode of(XmlNode message, XmlCodec codec) throws ReplayException {
    XmlNode standIns = message.mapValues(n -> n.isPlaceholder() ? n.withValue(standIn(n.type())) : n);
    Item decoded;
    try {
      decoded = codec.decode(standIns.toXml());
    } catch (DecodeException e) {
      throw new ReplayException("the expected <" + message.element() + "> does not decode: " + e.getMessage(), e);
    }
    return pair(message, decoded);
  }

  private static ExpectedNode pair(XmlNode node, Item item) {
    List<ExpectedNode> kids = new ArrayList<>();
    if (item instanceof Item.Structure s) {
      if (s.items().size() != node.children().size()) {
        throw new IllegalStateException("decoded <" + node.element() + "> has another number of children than the file");
      }
      for (int i = 0; i < s.items().size(); i++) {
        kids.add(pair(node.children().get(i), s.items().get(i)));
      }
    }
    return new ExpectedNode(item, node.isPlaceholder() ? node.value() : null, kids);
  }

  /** A value of the type that the decoder accepts and nothing compares. */
  private static String standIn(String type) {
    if (type == null) {
      return "0";
    }
    return switch (type) {
      case "ByteString", "BigInteger" -> "00";
      case "DateTime", "DateTimeExtended" -> "1970-01-01T00:00:00+00:00";
      case "Integer", "LongInteger", "Enumeration" -> "0x00000000";
      case "Interval" -> "0";
      case "Boolean" -> "false";
      default -> "\u0024placeholder"; // text types keep a text stand-in
    };
  }
}
