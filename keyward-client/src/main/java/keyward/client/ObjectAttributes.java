package keyward.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * The attributes of one object as Get Attributes answered them, in the 2.x shape (each
 * attribute an item tagged by itself; custom ones as Attribute { Vendor Identification,
 * Attribute Name, Attribute Value }), whatever version was spoken.
 */
public record ObjectAttributes(String uniqueIdentifier, List<Item> attributes) {
  /** The attributes, copied. */
  public ObjectAttributes {
    attributes = List.copyOf(attributes);
  }

  static ObjectAttributes fromResponse(Item.Structure payload) {
    String uid = Payloads.uniqueIdentifier(payload);
    List<Item> attrs = payload.first(Tag.ATTRIBUTES).filter(Item.Structure.class::isInstance)
        .map(i -> ((Item.Structure) i).items()).orElse(List.of());
    return new ObjectAttributes(uid, attrs);
  }

  /** The first attribute with this tag. */
  public Optional<Item> first(int tag) {
    return attributes.stream().filter(a -> a.tag() == tag).findFirst();
  }

  /** Attribute name to displayed value(s) in order; repeated attributes joined by ", ". */
  public Map<String, String> display() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Item a : attributes) {
      out.merge(AttributeValues.nameOf(a), AttributeValues.display(a), (x, y) -> x + ", " + y);
    }
    return out;
  }
}
