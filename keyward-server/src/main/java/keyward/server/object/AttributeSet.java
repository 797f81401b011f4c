package keyward.server.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * An object's attributes in the 2.x shape: each attribute an item tagged by the attribute
 * (Cryptographic Algorithm, Name, ...), vendor attributes as Attribute { Vendor Identification,
 * Attribute Name, Attribute Value }. Multi-valued attributes appear once per value, in the
 * order they were added (that order is the 1.x Attribute Index).
 */
public final class AttributeSet {
  private final List<Item> items;

  public AttributeSet() {
    this.items = new ArrayList<>();
  }

  public AttributeSet(List<Item> items) {
    this.items = new ArrayList<>(items);
  }

  public static AttributeSet of(Item.Structure attributes) {
    return new AttributeSet(attributes.items());
  }

  public Item.Structure toStructure(int tag) {
    return new Item.Structure(tag, items);
  }

  public List<Item> items() {
    return List.copyOf(items);
  }

  public Optional<Item> first(int tag) {
    for (Item i : items) {
      if (i.tag() == tag) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  public List<Item> all(int tag) {
    List<Item> out = new ArrayList<>();
    for (Item i : items) {
      if (i.tag() == tag) {
        out.add(i);
      }
    }
    return out;
  }

  public boolean has(int tag) {
    return first(tag).isPresent();
  }

  /** Replaces every value of the attribute with this one (single-valued attributes). */
  public void set(Item value) {
    int at = indexOfFirst(value.tag());
    if (at < 0) {
      items.add(value);
      return;
    }
    items.set(at, value); // keeps the attribute's place; drops any further values of it
    for (int i = items.size() - 1; i > at; i--) {
      if (items.get(i).tag() == value.tag()) {
        items.remove(i);
      }
    }
  }

  /** Adds a value (multi-valued attributes). */
  public void add(Item value) {
    items.add(value);
  }

  /** Removes every value of the attribute; true if there was one. */
  public boolean remove(int tag) {
    return items.removeIf(i -> i.tag() == tag);
  }

  /** Removes one value equal to this one; true if found. */
  public boolean removeValue(Item value) {
    return items.remove(value);
  }

  /** Replaces one value equal to {@code current} by {@code next}; true if found. */
  public boolean replaceValue(Item current, Item next) {
    int i = items.indexOf(current);
    if (i < 0) {
      return false;
    }
    items.set(i, next);
    return true;
  }

  /** Vendor attributes (Attribute structures with a Vendor Identification), in order. */
  public List<Item.Structure> vendorAttributes() {
    List<Item.Structure> out = new ArrayList<>();
    for (Item i : items) {
      if (i.tag() == Tag.ATTRIBUTE && i instanceof Item.Structure s) {
        out.add(s);
      }
    }
    return out;
  }

  /** The values of one attribute (standard or vendor), in order: index i is 1.x Attribute Index i. */
  public List<Item> instances(AttributeRef ref) {
    List<Item> out = new ArrayList<>();
    for (Item i : items) {
      if (ref.matches(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Replaces the index-th value of the attribute; false when there is no such value. */
  public boolean replaceInstance(AttributeRef ref, int index, Item next) {
    int at = position(ref, index);
    if (at < 0) {
      return false;
    }
    items.set(at, next);
    return true;
  }

  /** Removes the index-th value of the attribute; false when there is no such value. */
  public boolean removeInstance(AttributeRef ref, int index) {
    int at = position(ref, index);
    if (at < 0) {
      return false;
    }
    items.remove(at);
    return true;
  }

  private int position(AttributeRef ref, int index) {
    int seen = 0;
    for (int i = 0; i < items.size(); i++) {
      if (ref.matches(items.get(i)) && seen++ == index) {
        return i;
      }
    }
    return -1;
  }

  private int indexOfFirst(int tag) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).tag() == tag) {
        return i;
      }
    }
    return -1;
  }
}
