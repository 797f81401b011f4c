package keyward.client;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.compat.AttributeShapes;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * The client builds every payload in the 2.x shape; this turns requests into the 1.x shape and
 * 1.x answers back, using the attribute conversions of {@link AttributeShapes} and
 * {@link PayloadShapes} (the server's edge uses the same ones the other way round).
 */
final class Shapes {
  private Shapes() {}

  /** An attribute name ("Cryptographic Algorithm", "x-owner") as a 2.x Attribute Reference. */
  static Item reference(String name) {
    try {
      return PayloadShapes.reference(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown attribute name: " + name
          + " (use the spec's name, e.g. \"Cryptographic Algorithm\", or x-Name for a custom one)");
    }
  }

  static Item.Structure requestToV1(Operation op, Item.Structure payload) {
    List<Item> out = new ArrayList<>();
    for (Item child : payload.items()) {
      if (child.tag() == Tag.ATTRIBUTES && child instanceof Item.Structure attrs) {
        if (op == Operation.LOCATE) {
          for (Item a : attrs.items()) {
            out.add(AttributeShapes.toV1(a, 0)); // 1.x Locate lists the Attributes directly
          }
        } else {
          out.add(AttributeShapes.toTemplateAttribute(attrs));
        }
      } else if ((child.tag() == Tag.COMMON_ATTRIBUTES || child.tag() == Tag.PRIVATE_KEY_ATTRIBUTES
          || child.tag() == Tag.PUBLIC_KEY_ATTRIBUTES) && child instanceof Item.Structure attrs) {
        out.add(AttributeShapes.toTemplateAttribute(attrs)); // Create/Re-key Key Pair: the key pair Template-Attributes
      } else if (child.tag() == Tag.NEW_ATTRIBUTE && child instanceof Item.Structure na) {
        out.add(AttributeShapes.toV1(na.items().getFirst(), 0));
      } else if (child.tag() == Tag.ATTRIBUTE_REFERENCE) {
        out.add(new Item.TextString(Tag.ATTRIBUTE_NAME, PayloadShapes.referenceName(child)));
      } else {
        out.add(child);
      }
    }
    return new Item.Structure(payload.tag(), out);
  }

  static Item.Structure responseToV2(Operation op, Item.Structure payload) {
    List<Item> out = new ArrayList<>();
    List<Item> attributes = new ArrayList<>();
    for (Item child : payload.items()) {
      if (child.tag() == Tag.ATTRIBUTE && child instanceof Item.Structure a) {
        attributes.add(AttributeShapes.toV2(a));
      } else if (child.tag() == Tag.TEMPLATE_ATTRIBUTE && child instanceof Item.Structure t) {
        out.add(AttributeShapes.toAttributes(t).attributes());
      } else {
        out.add(child);
      }
    }
    if (op == Operation.GET_ATTRIBUTES) {
      out.add(new Item.Structure(Tag.ATTRIBUTES, attributes));
    }
    return new Item.Structure(payload.tag(), out);
  }
}
