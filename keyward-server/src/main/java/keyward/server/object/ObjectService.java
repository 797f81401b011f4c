package keyward.server.object;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.KmipException;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * Managed objects inside one store transaction, as one caller sees them: an object the caller
 * may not see is reported as not found, so existence does not leak.
 */
public final class ObjectService {

  /** Opens the service over a transaction for one caller and one clock reading. */
  @FunctionalInterface
  public interface Factory {
    ObjectService open(StoreTransaction tx, Caller caller, Instant now);

    static Factory standard() {
      return ObjectService::new;
    }
  }

  // Stored objects were encoded by this server: default limits bound a corrupted row.
  private static final TtlvCodec CODEC = new TtlvCodec();

  private final StoreTransaction tx;
  private final Caller caller;
  private final Instant now;

  public ObjectService(StoreTransaction tx, Caller caller, Instant now) {
    this.tx = tx;
    this.caller = caller;
    this.now = now;
  }

  public Instant now() {
    return now;
  }

  /**
   * The object, or Object Not Found (2.x; 1.x clients get Item Not Found) when it does not
   * exist or the caller may not see it (BL-M-4-21).
   */
  public ManagedObject get(String uniqueIdentifier) throws KmipException, StoreException {
    Optional<StoredObject> found = tx.get(uniqueIdentifier);
    if (found.isEmpty() || !visible(found.get())) {
      throw new KmipException(ResultReason.OBJECT_NOT_FOUND, "object " + uniqueIdentifier + " not found");
    }
    return decode(found.get());
  }

  /** A fresh Unique Identifier. */
  public String newUniqueIdentifier() {
    return UUID.randomUUID().toString();
  }

  /**
   * Stores a new object owned by the caller. The caller of this method has set every attribute,
   * server-set ones included (see {@link ServerAttributes}).
   */
  public ManagedObject insert(String uniqueIdentifier, ObjectType type, Item.Structure object,
      AttributeSet attributes) throws StoreException {
    ManagedObject mo = new ManagedObject(uniqueIdentifier, type, caller.identity(), 0, false, object, attributes);
    tx.insert(encode(mo, 0));
    return mo;
  }

  /** Writes the object's changes, setting Last Change Date. */
  public void save(ManagedObject mo) throws StoreException {
    mo.attributes().set(new Item.DateTime(Tag.LAST_CHANGE_DATE, now.getEpochSecond()));
    tx.update(encode(mo, mo.revision()));
  }

  public LocateResult locate(LocateQuery query) throws StoreException {
    return tx.locate(query);
  }

  public Caller caller() {
    return caller;
  }

  private boolean visible(StoredObject o) {
    return o.owner().equals(caller.identity());
  }

  private StoredObject encode(ManagedObject mo, long revision) {
    byte[] object = mo.object() == null ? null : CODEC.encode(mo.object());
    byte[] attributes = CODEC.encode(mo.attributes().toStructure(Tag.ATTRIBUTES));
    State state = mo.storedState();
    return new StoredObject(mo.uniqueIdentifier(), mo.objectType().value(), state.value(), mo.owner(),
        mo.archived(), object, attributes, Indexer.entries(mo), revision);
  }

  private ManagedObject decode(StoredObject o) throws StoreException {
    try {
      Item.Structure object = o.object() == null ? null : (Item.Structure) CODEC.decode(o.object());
      Item.Structure attributes = (Item.Structure) CODEC.decode(o.attributes());
      return new ManagedObject(o.uniqueIdentifier(), ObjectType.fromValue(o.objectType()), o.owner(),
          o.revision(), o.archived(), object, AttributeSet.of(attributes));
    } catch (DecodeException | ClassCastException e) {
      throw new StoreException("stored object " + o.uniqueIdentifier() + " is unreadable", e);
    }
  }
}
