package keyward.server.object;

import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * Which attribute a request means (2.x Attribute Reference, §7.x): a standard attribute by its
 * tag, or a vendor attribute by Vendor Identification and Attribute Name ({@code tag} is then
 * {@link Tag#ATTRIBUTE}). Every value of the attribute matches the reference.
 */
public record AttributeRef(int tag, String vendor, String name) {

  public static AttributeRef standard(int tag) {
    return new AttributeRef(tag, null, null);
  }

  public boolean isVendor() {
    return vendor != null;
  }

  /** Parses an Attribute Reference item: the tag as an Enumeration, or the vendor structure. */
  public static AttributeRef of(Item reference) throws KmipException {
    switch (reference) {
      case Item.Enumeration e -> {
        return standard(e.value());
      }
      case Item.Integer i -> {
        return standard(i.value());
      }
      case Item.Structure s -> {
        String vendor = text(s, Tag.VENDOR_IDENTIFICATION);
        String name = text(s, Tag.ATTRIBUTE_NAME);
        if (vendor == null || name == null) {
          throw KmipException.invalidField("Attribute Reference needs Vendor Identification and Attribute Name");
        }
        return new AttributeRef(Tag.ATTRIBUTE, vendor, name);
      }
      default -> throw KmipException.invalidField("malformed Attribute Reference");
    }
  }

  /** The reference naming the attribute this value belongs to. */
  public static AttributeRef kindOf(Item attribute) {
    if (attribute.tag() == Tag.ATTRIBUTE && attribute instanceof Item.Structure s) {
      return new AttributeRef(Tag.ATTRIBUTE, text(s, Tag.VENDOR_IDENTIFICATION), text(s, Tag.ATTRIBUTE_NAME));
    }
    return standard(attribute.tag());
  }

  public boolean matches(Item attribute) {
    if (attribute.tag() != tag) {
      return false;
    }
    if (!isVendor()) {
      return tag != Tag.ATTRIBUTE;
    }
    return attribute instanceof Item.Structure s
        && vendor.equals(text(s, Tag.VENDOR_IDENTIFICATION)) && name.equals(text(s, Tag.ATTRIBUTE_NAME));
  }

  /** This reference as a 2.x Attribute Reference item. */
  public Item toItem() {
    if (isVendor()) {
      return new Item.Structure(Tag.ATTRIBUTE_REFERENCE,
          new Item.TextString(Tag.VENDOR_IDENTIFICATION, vendor),
          new Item.TextString(Tag.ATTRIBUTE_NAME, name));
    }
    return new Item.Enumeration(Tag.ATTRIBUTE_REFERENCE, tag);
  }

  /** For messages: the spec name or "vendor-name". */
  public String label() {
    return isVendor() ? vendor + "-" + name : AttributeRules.name(tag);
  }

  private static String text(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value()).orElse(null);
  }
}
