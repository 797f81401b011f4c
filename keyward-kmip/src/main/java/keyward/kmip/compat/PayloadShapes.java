package keyward.kmip.compat;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * Request and response payloads between the 1.x shapes and the shape handlers work in: the
 * 2.x shape, plus a few internal fields the 1.x answers need (named below), which
 * {@link #responseToV2} strips. This is the only place that knows both shapes.
 *
 * <p>Internal fields: a 1.x Attribute Index travels as an Attribute Index child of the
 * payload; the names of Templates a 1.x Template-Attribute refers to travel as a Template-Attribute
 * of those Names, first in the converted attributes, for the server to resolve; Add/Modify/Delete Attribute responses carry the affected attribute as New Attribute
 * (with its index as Attribute Index) because 1.x answers with it and 2.x does not.
 */
public final class PayloadShapes {
  private PayloadShapes() {}

  /** 1.x request payload to the handler shape. */
  public static Item.Structure requestToV2(Operation op, Item.Structure payload) {
    List<Item> out = new ArrayList<>();
    List<Item> locateAttributes = new ArrayList<>();
    for (Item child : payload.items()) {
      int tag = child.tag();
      if (isTemplateAttribute(tag) && child instanceof Item.Structure t) {
        AttributeShapes.Converted c = AttributeShapes.toAttributes(t);
        if (c.templateNames().isEmpty()) {
          out.add(c.attributes());
        } else {
          // the server resolves the named Templates (it needs the store): they travel as an
          // internal Template-Attribute of Names leading the converted attributes
          List<Item> withNames = new ArrayList<>();
          withNames.add(new Item.Structure(Tag.TEMPLATE_ATTRIBUTE, c.templateNames()));
          withNames.addAll(c.attributes().items());
          out.add(new Item.Structure(c.attributes().tag(), withNames));
        }
      } else if (tag == Tag.ATTRIBUTE && child instanceof Item.Structure a) {
        switch (op) {
          case LOCATE -> locateAttributes.add(AttributeShapes.toV2(a));
          case ADD_ATTRIBUTE, MODIFY_ATTRIBUTE -> {
            out.add(new Item.Structure(Tag.NEW_ATTRIBUTE, AttributeShapes.toV2(a)));
            a.first(Tag.ATTRIBUTE_INDEX).ifPresent(out::add);
          }
          default -> throw new IllegalArgumentException("unexpected Attribute in " + op);
        }
      } else if (tag == Tag.ATTRIBUTE_NAME && child instanceof Item.TextString name
          && (op == Operation.GET_ATTRIBUTES || op == Operation.DELETE_ATTRIBUTE)) {
        out.add(reference(name.value()));
      } else {
        out.add(child);
      }
    }
    if (op == Operation.LOCATE) {
      out.add(new Item.Structure(Tag.ATTRIBUTES, locateAttributes));
    }
    return new Item.Structure(payload.tag(), out);
  }

  /** Handler-shape response payload to the 1.x shape. */
  public static Item.Structure responseToV1(Operation op, Item.Structure payload) {
    if (payload == null) {
      return null;
    }
    List<Item> out = new ArrayList<>();
    Integer index = payload.first(Tag.ATTRIBUTE_INDEX)
        .filter(Item.Integer.class::isInstance).map(i -> ((Item.Integer) i).value()).orElse(0);
    for (Item child : payload.items()) {
      int tag = child.tag();
      if (tag == Tag.ATTRIBUTES && child instanceof Item.Structure attrs && op == Operation.GET_ATTRIBUTES) {
        out.addAll(AttributeShapes.toTemplateAttribute(attrs).items());
      } else if (isAttributes(tag) && child instanceof Item.Structure attrs) {
        out.add(AttributeShapes.toTemplateAttribute(attrs));
      } else if (tag == Tag.ATTRIBUTE_REFERENCE && op == Operation.GET_ATTRIBUTE_LIST) {
        out.add(new Item.TextString(Tag.ATTRIBUTE_NAME, referenceName(child)));
      } else if (tag == Tag.NEW_ATTRIBUTE && child instanceof Item.Structure na) {
        out.add(AttributeShapes.toV1(na.items().getFirst(), index));
      } else if (tag != Tag.ATTRIBUTE_INDEX) {
        out.add(child);
      }
    }
    return new Item.Structure(payload.tag(), out);
  }

  /** Strips the internal fields from a handler-shape response for a 2.x client. */
  public static Item.Structure responseToV2(Operation op, Item.Structure payload) {
    if (payload == null) {
      return null;
    }
    boolean internal = false;
    for (Item child : payload.items()) {
      if (child.tag() == Tag.NEW_ATTRIBUTE || child.tag() == Tag.ATTRIBUTE_INDEX) {
        internal = true;
        break;
      }
    }
    if (!internal) {
      return payload;
    }
    List<Item> out = new ArrayList<>();
    for (Item child : payload.items()) {
      if (child.tag() != Tag.NEW_ATTRIBUTE && child.tag() != Tag.ATTRIBUTE_INDEX) {
        out.add(child);
      }
    }
    return new Item.Structure(payload.tag(), out);
  }

  /**
   * A 1.x attribute name as a 2.x Attribute Reference: the attribute's tag as an enumeration,
   * or for custom (x-/y-) names a structure { Vendor Identification, Attribute Name }.
   */
  public static Item reference(String name) {
    if (AttributeShapes.isCustomName(name)) {
      int dash = name.indexOf('-');
      return new Item.Structure(Tag.ATTRIBUTE_REFERENCE,
          new Item.TextString(Tag.VENDOR_IDENTIFICATION, name.substring(0, dash)),
          new Item.TextString(Tag.ATTRIBUTE_NAME, name.substring(dash + 1)));
    }
    return new Item.Enumeration(Tag.ATTRIBUTE_REFERENCE, AttributeShapes.attributeTag(name).tag());
  }

  /** The 1.x name of a 2.x Attribute Reference. */
  public static String referenceName(Item reference) {
    if (reference instanceof Item.Enumeration e) {
      TagInfo info = SpecRegistry.tag(e.value());
      if (info == null) {
        throw new IllegalArgumentException("unknown attribute reference " + Item.tagHex(e.value()));
      }
      return info.name();
    }
    if (reference instanceof Item.Structure s) {
      String vendor = ((Item.TextString) s.first(Tag.VENDOR_IDENTIFICATION).orElseThrow()).value();
      String name = ((Item.TextString) s.first(Tag.ATTRIBUTE_NAME).orElseThrow()).value();
      return vendor + "-" + name;
    }
    throw new IllegalArgumentException("malformed Attribute Reference");
  }


  private static boolean isTemplateAttribute(int tag) {
    return tag == Tag.TEMPLATE_ATTRIBUTE || tag == Tag.COMMON_TEMPLATE_ATTRIBUTE
        || tag == Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE || tag == Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE;
  }

  private static boolean isAttributes(int tag) {
    return tag == Tag.ATTRIBUTES || tag == Tag.COMMON_ATTRIBUTES
        || tag == Tag.PRIVATE_KEY_ATTRIBUTES || tag == Tag.PUBLIC_KEY_ATTRIBUTES;
  }
}
