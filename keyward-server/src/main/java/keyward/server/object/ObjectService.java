package keyward.server.object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.KmipException;
import keyward.server.access.AccessPolicy;
import keyward.server.access.Grant;
import keyward.spi.store.Criterion;
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
  public interface Factory {
    ObjectService open(StoreTransaction tx, Caller caller, Instant now);

    /** The service for one batch item: access rights are checked against its operation. */
    default ObjectService open(StoreTransaction tx, Caller caller, Instant now, Operation operation) {
      return open(tx, caller, now);
    }

    /** Owners, and the grants on each object; no admins, no groups. */
    static Factory standard() {
      return withAccess(AccessPolicy.OWNER_ONLY);
    }

    /** Owners, grants, and the admins and groups of the policy. */
    static Factory withAccess(AccessPolicy policy) {
      return new Factory() {
        @Override
        public ObjectService open(StoreTransaction tx, Caller caller, Instant now) {
          return new ObjectService(tx, caller, now, policy, null);
        }

        @Override
        public ObjectService open(StoreTransaction tx, Caller caller, Instant now, Operation operation) {
          return new ObjectService(tx, caller, now, policy, operation);
        }
      };
    }
  }

  // Stored objects were encoded by this server: default limits bound a corrupted row.
  private static final TtlvCodec CODEC = new TtlvCodec();

  private final StoreTransaction tx;
  private final Caller caller;
  private final Instant now;
  private final AccessPolicy policy;
  /** The operation rights are checked against; null grants a non-owner nothing. */
  private final Operation operation;
  /** The grants each object had when read, so that save() sees who changes them. */
  private final Map<String, List<String>> grantsRead = new HashMap<>();

  public ObjectService(StoreTransaction tx, Caller caller, Instant now) {
    this(tx, caller, now, AccessPolicy.OWNER_ONLY, null);
  }

  public ObjectService(StoreTransaction tx, Caller caller, Instant now, AccessPolicy policy,
      Operation operation) {
    this.tx = tx;
    this.caller = caller;
    this.now = now;
    this.policy = policy;
    this.operation = operation;
  }

  public Instant now() {
    return now;
  }

  /**
   * The object, or Object Not Found (2.x; 1.x clients get Item Not Found) when it does not
   * exist or the caller may not see it (BL-M-4-21): neither its owner, nor an admin, nor
   * granted any right on it. A caller granted some rights but not the one the operation needs
   * gets Permission Denied: it knows the object exists already.
   */
  public ManagedObject get(String uniqueIdentifier) throws KmipException, StoreException {
    // The server recomputes index entries whenever it writes: reading them back is waste.
    Optional<StoredObject> found = tx.getWithoutIndex(uniqueIdentifier);
    if (found.isEmpty()) {
      throw notFound(uniqueIdentifier);
    }
    ManagedObject mo = decode(found.get());
    if (!manages(mo)) {
      Set<Operation> rights = rights(mo);
      if (rights.isEmpty()) {
        throw notFound(uniqueIdentifier);
      }
      if (operation == null || !rights.contains(operation)) {
        throw new KmipException(ResultReason.PERMISSION_DENIED, "no right to "
            + (operation == null ? "this operation" : operation.specName()) + " on object " + uniqueIdentifier);
      }
    }
    grantsRead.put(uniqueIdentifier, Grant.values(mo.attributes().items()));
    return mo;
  }

  private static KmipException notFound(String uniqueIdentifier) {
    return new KmipException(ResultReason.OBJECT_NOT_FOUND, "object " + uniqueIdentifier + " not found");
  }

  /**
   * The owner and the admins manage an object: every right, and its grants. Only they read the
   * grants: a grantee learns what it may do by doing it, not who else may.
   */
  public boolean manages(ManagedObject mo) {
    return mo.owner().equals(caller.identity()) || policy.isAdmin(caller.identity());
  }

  /** What the object's grants give the caller, directly or through its groups. */
  private Set<Operation> rights(ManagedObject mo) {
    Set<Operation> out = EnumSet.noneOf(Operation.class);
    List<String> principals = policy.principals(caller.identity());
    for (Grant g : Grant.of(mo.attributes().items())) {
      if (principals.contains(g.principal())) {
        out.addAll(g.rights());
      }
    }
    return out;
  }

  /** A fresh Unique Identifier: a time-ordered UUID (see {@link TimeOrderedUuid}). */
  public String newUniqueIdentifier() {
    return TimeOrderedUuid.next().toString();
  }

  /**
   * Stores a new object owned by the caller. The caller of this method has set every attribute,
   * server-set ones included (see {@link ServerAttributes}).
   */
  public ManagedObject insert(String uniqueIdentifier, ObjectType type, Item.Structure object,
      AttributeSet attributes) throws StoreException, KmipException {
    checkGrants(attributes);
    ManagedObject mo = new ManagedObject(uniqueIdentifier, type, caller.identity(), 0, false, object, attributes);
    tx.insert(encode(mo, 0));
    return mo;
  }

  /**
   * Writes the object's changes, setting Last Change Date. A change of its grants is refused
   * (Permission Denied) unless the caller is the owner or an admin.
   */
  public void save(ManagedObject mo) throws StoreException, KmipException {
    List<String> before = grantsRead.getOrDefault(mo.uniqueIdentifier(), List.of());
    if (!before.equals(Grant.values(mo.attributes().items()))) {
      if (!manages(mo)) {
        throw new KmipException(ResultReason.PERMISSION_DENIED,
            "only the owner or an admin may change the grants of object " + mo.uniqueIdentifier());
      }
      checkGrants(mo.attributes());
    }
    mo.attributes().set(new Item.DateTime(Tag.LAST_CHANGE_DATE, now.getEpochSecond()));
    tx.update(encode(mo, mo.revision()));
  }

  public LocateResult locate(LocateQuery query) throws StoreException {
    return tx.locate(query);
  }

  /**
   * Locate over what the caller may locate, whatever owner the query names: its own objects,
   * every object for an admin, and objects granting Locate to it or one of its groups. Without
   * such grants this is the store's own paged query; with them the candidates of each
   * principal are united and paged here, in creation order.
   */
  public LocateResult locateVisible(LocateQuery q) throws StoreException {
    String me = caller.identity();
    if (policy.isAdmin(me)) {
      return tx.locate(new LocateQuery(null, q.criteria(), q.includeLive(), q.includeArchived(),
          q.offset(), q.maxItems()));
    }
    Set<String> visible = new HashSet<>();
    for (String principal : policy.principals(me)) {
      List<Criterion> criteria = new ArrayList<>(q.criteria());
      criteria.add(new Criterion.TextEquals(Tag.ATTRIBUTE, Grant.locateKey(principal)));
      visible.addAll(tx.locate(new LocateQuery(null, criteria, q.includeLive(), q.includeArchived(), 0, -1))
          .uniqueIdentifiers());
    }
    LocateQuery own = new LocateQuery(me, q.criteria(), q.includeLive(), q.includeArchived(), q.offset(),
        q.maxItems());
    if (visible.isEmpty()) {
      return tx.locate(own);
    }
    visible.addAll(tx.locate(new LocateQuery(me, q.criteria(), q.includeLive(), q.includeArchived(), 0, -1))
        .uniqueIdentifiers());
    List<String> ordered = new ArrayList<>();
    for (String uid : tx.locate(new LocateQuery(null, q.criteria(), q.includeLive(), q.includeArchived(), 0, -1))
        .uniqueIdentifiers()) {
      if (visible.contains(uid)) {
        ordered.add(uid);
      }
    }
    int from = Math.min(q.offset(), ordered.size());
    int to = q.maxItems() < 0 ? ordered.size() : (int) Math.min(ordered.size(), (long) from + q.maxItems());
    return new LocateResult(ordered.subList(from, to), ordered.size());
  }

  private static void checkGrants(AttributeSet attributes) throws KmipException {
    try {
      Grant.check(attributes.items());
    } catch (Grant.BadGrantException e) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE, e.getMessage());
    }
  }

  public Caller caller() {
    return caller;
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
