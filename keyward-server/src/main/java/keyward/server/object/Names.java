package keyward.server.object;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.StoreException;

/**
 * Name uniqueness (1.4 §3.2: a Name identifies one object): a new Name may not be one another
 * of the caller's objects already carries. Refused with Non Unique Name Attribute; 1.x clients
 * get Invalid Field, as the 1.4 Create/Register error tables (§11.2, §11.4) say for "a new
 * object with the same Name attribute value as an existing object".
 *
 * <p>Destroyed objects keep their metadata but no longer hold the name: their Name is a
 * tombstone, and a client may reuse it (a Destroy followed by a Register of the same name is
 * how the interop cases are re-run).
 */
public final class Names {
  private Names() {}

  /** The Name Value of a Name attribute; Invalid Attribute Value when it is malformed. */
  public static String value(Item name) throws KmipException {
    if (name instanceof Item.Structure s
        && s.first(Tag.NAME_VALUE).orElse(null) instanceof Item.TextString v
        && s.first(Tag.NAME_TYPE).orElse(null) instanceof Item.Enumeration) {
      return v.value();
    }
    throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE, "a Name needs a Name Value and a Name Type");
  }

  /**
   * Refuses names that repeat within the list or that another live object of the caller
   * (other than {@code except}, which may be null) already has.
   */
  public static void checkUnique(ObjectService objects, List<Item> names, String except)
      throws KmipException, StoreException {
    Set<String> seen = new HashSet<>();
    for (Item name : names) {
      String value = value(name);
      if (!seen.add(value)) {
        throw nonUnique();
      }
      LocateQuery q = new LocateQuery(objects.caller().identity(),
          List.of(new Criterion.TextEquals(Tag.NAME, value)), true, true, 0, -1);
      for (String uid : objects.locate(q).uniqueIdentifiers()) {
        if (uid.equals(except)) {
          continue;
        }
        State s = objects.get(uid).storedState();
        if (s != State.DESTROYED && s != State.DESTROYED_COMPROMISED) {
          throw nonUnique();
        }
      }
    }
  }

  private static KmipException nonUnique() {
    return new KmipException(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE, "the Name is already in use");
  }
}
