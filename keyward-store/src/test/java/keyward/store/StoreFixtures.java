package keyward.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoredObject;

/** Objects and queries the store tests build; the tags are KMIP's, the store treats them as ints. */
public final class StoreFixtures {
  public static final int ACTIVATION_DATE = 0x420001;
  public static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;
  public static final int CRYPTOGRAPHIC_USAGE_MASK = 0x42002C;
  public static final int NAME = 0x420053;
  public static final int OBJECT_TYPE = 0x420057;

  public static final int SYMMETRIC_KEY = 2;
  public static final int PUBLIC_KEY = 3;
  public static final int ACTIVE = 2;

  /** Put into every object's key bytes; no message or toString may ever contain it. */
  public static final String SECRET_MARKER = "TOP-SECRET-KEY-BYTES";

  private StoreFixtures() {}

  public static byte[] secretBytes(String uid) {
    return (SECRET_MARKER + ":" + uid).getBytes(StandardCharsets.US_ASCII);
  }

  /** The marker as text and as hex, the two ways bytes usually leak into text. */
  public static List<String> secretRenderings() {
    byte[] marker = SECRET_MARKER.getBytes(StandardCharsets.US_ASCII);
    StringBuilder hex = new StringBuilder();
    for (byte b : marker) {
      hex.append(String.format("%02x", b));
    }
    return List.of(SECRET_MARKER, hex.toString(), hex.toString().toUpperCase(),
        Arrays.toString(marker));
  }

  public static StoredObject object(String uid, String owner, IndexEntry... index) {
    return new StoredObject(uid, SYMMETRIC_KEY, ACTIVE, owner, false, secretBytes(uid),
        ("attributes of " + uid).getBytes(StandardCharsets.US_ASCII), List.of(index), 0);
  }

  public static StoredObject archived(StoredObject o) {
    return new StoredObject(o.uniqueIdentifier(), o.objectType(), o.state(), o.owner(), true,
        o.object(), o.attributes(), o.index(), o.revision());
  }

  public static StoredObject withState(StoredObject o, int state, IndexEntry... index) {
    return new StoredObject(o.uniqueIdentifier(), o.objectType(), state, o.owner(), o.archived(),
        o.object(), o.attributes(), List.of(index), o.revision());
  }

  public static StoredObject withAttributes(StoredObject o, byte[] attributes) {
    return new StoredObject(o.uniqueIdentifier(), o.objectType(), o.state(), o.owner(),
        o.archived(), o.object(), attributes, o.index(), o.revision());
  }

  public static IndexEntry name(String value) {
    return IndexEntry.text(NAME, value);
  }

  public static IndexEntry length(long bits) {
    return IndexEntry.number(CRYPTOGRAPHIC_LENGTH, bits);
  }

  public static IndexEntry usage(long mask) {
    return IndexEntry.number(CRYPTOGRAPHIC_USAGE_MASK, mask);
  }

  public static IndexEntry activation(long epochSeconds) {
    return IndexEntry.number(ACTIVATION_DATE, epochSeconds);
  }

  public static IndexEntry type(int objectType) {
    return IndexEntry.number(OBJECT_TYPE, objectType);
  }

  public static void insert(ObjectStore store, StoredObject... objects) throws Exception {
    store.inTransaction(false, tx -> {
      for (StoredObject o : objects) {
        tx.insert(o);
      }
      return null;
    });
  }

  public static StoredObject get(ObjectStore store, String uid) throws Exception {
    return store.inTransaction(true, tx -> tx.get(uid)).orElse(null);
  }

  public static LocateResult locate(ObjectStore store, LocateQuery query) throws Exception {
    return store.inTransaction(true, tx -> tx.locate(query));
  }

  /** Objects of any owner, live or archived, matching all criteria, unpaged. */
  public static List<String> uidsMatching(ObjectStore store, Criterion... criteria)
      throws Exception {
    return locate(store, new LocateQuery(null, List.of(criteria), true, true, 0, -1))
        .uniqueIdentifiers();
  }

  public static List<String> uids(String prefix, int count) {
    List<String> uids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      uids.add(prefix + i);
    }
    return uids;
  }
}
