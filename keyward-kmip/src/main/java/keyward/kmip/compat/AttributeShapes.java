package keyward.kmip.compat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * The one place where KMIP 1.x attribute shapes meet 2.x ones. Keyward's core speaks the 2.x
 * shape: an Attributes structure whose children are the attributes themselves, tagged by
 * attribute. 1.x carries each attribute as Attribute { Attribute Name, Attribute Index?,
 * Attribute Value } inside a Template-Attribute.
 *
 * <p>Custom attributes: 1.x "x-Name"/"y-Name" become 2.x Attribute { Vendor Identification "x",
 * Attribute Name "Name", Attribute Value } (as in the 2.1 TL profile cases), and back.
 */
public final class AttributeShapes {

  private AttributeShapes() {}

  /** What a 1.x Template-Attribute holds, split: template names and the 2.x-shaped attributes. */
  public record Converted(List<Item> templateNames, Item.Structure attributes) {}

  /**
   * 1.x Template-Attribute (or Common/Private Key/Public Key Template-Attribute) to the 2.x
   * Attributes structure with the matching tag.
   */
  public static Converted toAttributes(Item.Structure templateAttribute) {
    int target = v2TagFor(templateAttribute.tag());
    List<Item> names = new ArrayList<>();
    List<Item> attrs = new ArrayList<>();
    for (Item child : templateAttribute.items()) {
      if (child.tag() == Tag.NAME) {
        names.add(child);
      } else if (child.tag() == Tag.ATTRIBUTE && child instanceof Item.Structure a) {
        attrs.add(toV2(a));
      } else {
        throw new IllegalArgumentException(
            "unexpected " + Item.tagHex(child.tag()) + " in a Template-Attribute");
      }
    }
    return new Converted(names, new Item.Structure(target, attrs));
  }

  /** One 1.x Attribute to its 2.x form: the value re-tagged as the attribute itself. */
  public static Item toV2(Item.Structure attribute) {
    String name = text(attribute, Tag.ATTRIBUTE_NAME);
    Item value = attribute.first(Tag.ATTRIBUTE_VALUE)
        .orElseThrow(() -> new IllegalArgumentException("Attribute without Attribute Value"));
    if (isCustomName(name)) {
      int dash = name.indexOf('-');
      return new Item.Structure(
          Tag.ATTRIBUTE,
          new Item.TextString(Tag.VENDOR_IDENTIFICATION, name.substring(0, dash)),
          new Item.TextString(Tag.ATTRIBUTE_NAME, name.substring(dash + 1)),
          value);
    }
    TagInfo info = attributeTag(name);
    return Items.retag(value, info.tag());
  }

  /**
   * A 2.x attribute to a 1.x Attribute. {@code index} is the 1.x Attribute Index, written only
   * when above 0 (an index of 0 may be omitted).
   */
  public static Item.Structure toV1(Item attribute, int index) {
    List<Item> parts = new ArrayList<>(3);
    Item value;
    if (attribute.tag() == Tag.ATTRIBUTE && attribute instanceof Item.Structure s
        && s.first(Tag.VENDOR_IDENTIFICATION).isPresent()) {
      String vendor = text(s, Tag.VENDOR_IDENTIFICATION);
      parts.add(new Item.TextString(Tag.ATTRIBUTE_NAME, vendor + "-" + text(s, Tag.ATTRIBUTE_NAME)));
      value = s.first(Tag.ATTRIBUTE_VALUE)
          .orElseThrow(() -> new IllegalArgumentException("vendor attribute without value"));
    } else {
      TagInfo info = SpecRegistry.tag(attribute.tag());
      if (info == null) {
        throw new IllegalArgumentException("unknown attribute " + Item.tagHex(attribute.tag()));
      }
      parts.add(new Item.TextString(Tag.ATTRIBUTE_NAME, info.name()));
      value = Items.retag(attribute, Tag.ATTRIBUTE_VALUE);
    }
    if (index > 0) {
      parts.add(new Item.Integer(Tag.ATTRIBUTE_INDEX, index));
    }
    parts.add(value);
    return new Item.Structure(Tag.ATTRIBUTE, parts);
  }

  /**
   * 2.x Attributes (or Common/Private Key/Public Key Attributes) to the 1.x Template-Attribute
   * with the matching tag; repeated attributes get indices 0, 1, 2... in order.
   */
  public static Item.Structure toTemplateAttribute(Item.Structure attributes) {
    int target = v1TagFor(attributes.tag());
    Map<String, Integer> seen = new HashMap<>();
    List<Item> out = new ArrayList<>();
    for (Item a : attributes.items()) {
      String key = a.tag() == Tag.ATTRIBUTE && a instanceof Item.Structure s
          ? "v:" + text(s, Tag.VENDOR_IDENTIFICATION) + "-" + text(s, Tag.ATTRIBUTE_NAME)
          : "t:" + a.tag();
      int index = seen.merge(key, 1, Integer::sum) - 1;
      out.add(toV1(a, index));
    }
    return new Item.Structure(target, out);
  }

  /** The tag of a standard attribute named in 1.x form ("Cryptographic Algorithm"). */
  public static TagInfo attributeTag(String name) {
    TagInfo info = SpecRegistry.tagByXmlName(SpecRegistry.xmlName(name));
    if (info == null) {
      throw new IllegalArgumentException("unknown attribute name");
    }
    return info;
  }

  /** 1.x custom attribute names start with "x-" (client) or "y-" (server). */
  public static boolean isCustomName(String name) {
    return name.length() > 2 && (name.startsWith("x-") || name.startsWith("y-"));
  }

  private static int v2TagFor(int v1Tag) {
    if (v1Tag == Tag.TEMPLATE_ATTRIBUTE) {
      return Tag.ATTRIBUTES;
    }
    if (v1Tag == Tag.COMMON_TEMPLATE_ATTRIBUTE) {
      return Tag.COMMON_ATTRIBUTES;
    }
    if (v1Tag == Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE) {
      return Tag.PRIVATE_KEY_ATTRIBUTES;
    }
    if (v1Tag == Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE) {
      return Tag.PUBLIC_KEY_ATTRIBUTES;
    }
    throw new IllegalArgumentException("not a Template-Attribute: " + Item.tagHex(v1Tag));
  }

  private static int v1TagFor(int v2Tag) {
    if (v2Tag == Tag.ATTRIBUTES) {
      return Tag.TEMPLATE_ATTRIBUTE;
    }
    if (v2Tag == Tag.COMMON_ATTRIBUTES) {
      return Tag.COMMON_TEMPLATE_ATTRIBUTE;
    }
    if (v2Tag == Tag.PRIVATE_KEY_ATTRIBUTES) {
      return Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE;
    }
    if (v2Tag == Tag.PUBLIC_KEY_ATTRIBUTES) {
      return Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE;
    }
    throw new IllegalArgumentException("not an Attributes structure: " + Item.tagHex(v2Tag));
  }

  private static String text(Item.Structure s, int tag) {
    return s.first(tag)
        .filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value())
        .orElseThrow(() -> new IllegalArgumentException("missing " + Item.tagHex(tag)));
  }
}
