package keyward.server.object;

import java.util.List;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.StoreException;

/**
 * A Name identifies one object (KMIP 1.4 §3.2, 2.1 §4.x Name): no two of the caller's objects
 * that are still in use (not destroyed) share a Name Value, and no object has the same value
 * twice. Refused with Non Unique Name Attribute (1.x: Invalid Field), as BL-M-8-21 expects.
 */
public final class UniqueNames {
  private UniqueNames() {}

  /**
   * @param self the object getting the name (null when it does not exist yet)
   * @param name the new Name value
   * @param replaced the Name instance the new one replaces (Modify/Set), or null
   */
  public static void check(ObjectService objects, ManagedObject self, Item name, Item replaced)
      throws KmipException, StoreException {
    String value = nameValue(name);
    if (value == null) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE, "Name needs a Name Value");
    }
    LocateQuery q = new LocateQuery(objects.caller().identity(), List.of(
        new Criterion.TextEquals(Tag.NAME, value),
        new Criterion.NumberBetween(Tag.STATE, State.PRE_ACTIVE.value(), State.COMPROMISED.value())),
        true, true, 0, 2);
    String selfId = self == null ? null : self.uniqueIdentifier();
    for (String uid : objects.locate(q).uniqueIdentifiers()) {
      if (!uid.equals(selfId)) {
        throw nonUnique();
      }
    }
    if (self != null) {
      boolean skipped = false;
      for (Item existing : self.attributes().all(Tag.NAME)) {
        if (!skipped && existing.equals(replaced)) {
          skipped = true; // the instance being replaced may carry the same value
        } else if (value.equals(nameValue(existing))) {
          throw nonUnique();
        }
      }
    }
  }

  private static KmipException nonUnique() {
    return new KmipException(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE, "the Name is already in use");
  }

  static String nameValue(Item name) {
    if (name instanceof Item.Structure s && s.first(Tag.NAME_VALUE).orElse(null) instanceof Item.TextString t) {
      return t.value();
    }
    return null;
  }
}
