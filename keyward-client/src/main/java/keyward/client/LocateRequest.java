package keyward.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** A Locate being put together: every criterion given must match. */
public final class LocateRequest {
  private final KmipClient client;
  private final List<Item> attributes = new ArrayList<>();
  private Integer maximumItems;

  LocateRequest(KmipClient client) {
    this.client = client;
  }

  /** Objects with this Name. */
  public LocateRequest name(String name) {
    attributes.add(AttributeValues.name(Objects.requireNonNull(name, "name")));
    return this;
  }

  /** Objects of this type. */
  public LocateRequest objectType(ObjectType type) {
    attributes.add(new Item.Enumeration(Tag.OBJECT_TYPE, type.value()));
    return this;
  }

  /** Objects in this state. */
  public LocateRequest state(State state) {
    attributes.add(new Item.Enumeration(Tag.STATE, state.value()));
    return this;
  }

  /** Objects with this attribute value (2.x shape). */
  public LocateRequest attribute(Item attribute) {
    attributes.add(Objects.requireNonNull(attribute, "attribute"));
    return this;
  }

  /** At most this many identifiers. */
  public LocateRequest maximumItems(int n) {
    this.maximumItems = n;
    return this;
  }

  /** Sends the Locate; the matching Unique Identifiers. */
  public List<String> execute() {
    return client.batch().locate(this).execute().item(0).uniqueIdentifiers();
  }

  List<Item> payload() {
    List<Item> p = new ArrayList<>();
    if (maximumItems != null) {
      p.add(new Item.Integer(Tag.MAXIMUM_ITEMS, maximumItems));
    }
    p.add(new Item.Structure(Tag.ATTRIBUTES, attributes));
    return p;
  }
}
