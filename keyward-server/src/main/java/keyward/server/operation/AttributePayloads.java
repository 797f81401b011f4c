package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;

/** Request and response pieces the attribute operations share (2.x shapes, see PayloadShapes). */
final class AttributePayloads {
  private AttributePayloads() {}

  /** The object the request names, or the ID Placeholder's. */
  static ManagedObject target(OperationContext ctx, Item.Structure payload) throws Exception {
    String uid = payload.first(Tag.UNIQUE_IDENTIFIER)
        .filter(Item.TextString.class::isInstance).map(i -> ((Item.TextString) i).value()).orElse(null);
    return ctx.objects().get(ctx.uniqueIdentifierOrPlaceholder(uid));
  }

  /** The one attribute inside a New Attribute / Current Attribute wrapper, or null if absent. */
  static Item wrapped(Item.Structure payload, int wrapperTag) throws KmipException {
    Item w = payload.first(wrapperTag).orElse(null);
    if (w == null) {
      return null;
    }
    if (!(w instanceof Item.Structure s) || s.items().size() != 1) {
      throw KmipException.invalidField("a " + (wrapperTag == Tag.NEW_ATTRIBUTE ? "New" : "Current")
          + " Attribute holds exactly one attribute");
    }
    return s.items().getFirst();
  }

  /** The attribute inside New Attribute; Missing Data when the payload has none. */
  static Item newAttribute(Item.Structure payload) throws KmipException {
    Item value = wrapped(payload, Tag.NEW_ATTRIBUTE);
    if (value == null) {
      throw KmipException.missingData("New Attribute missing");
    }
    return value;
  }

  /**
   * A Name being added, or replacing {@code replaced}, must not be in use by any live object of
   * the caller, this one included (BL-M-8-21); replacing a Name by the same value is no change.
   */
  static void checkNewName(OperationContext ctx, Item name, Item replaced) throws Exception {
    String value = Names.value(name);
    if (replaced != null && value.equals(Names.value(replaced))) {
      return;
    }
    Names.checkUnique(ctx.objects(), List.of(name), null);
  }

  /** The 1.x Attribute Index PayloadShapes carries as an internal field, or -1 when absent. */
  static int attributeIndex(Item.Structure payload) throws KmipException {
    Item i = payload.first(Tag.ATTRIBUTE_INDEX).orElse(null);
    if (i == null) {
      return -1;
    }
    if (!(i instanceof Item.Integer n) || n.value() < 0) {
      throw KmipException.invalidField("Attribute Index must be a non-negative Integer");
    }
    return n.value();
  }

  /**
   * Response: Unique Identifier, plus for 1.x answers the affected attribute as internal New
   * Attribute and its Attribute Index (PayloadShapes turns them into the 1.x Attribute and
   * strips them for 2.x clients).
   */
  static Item.Structure response(ManagedObject mo, Item affected, int index) {
    List<Item> out = new ArrayList<>();
    out.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, mo.uniqueIdentifier()));
    if (affected != null) {
      out.add(new Item.Structure(Tag.NEW_ATTRIBUTE, affected));
      if (index > 0) {
        out.add(new Item.Integer(Tag.ATTRIBUTE_INDEX, index));
      }
    }
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, out);
  }
}
