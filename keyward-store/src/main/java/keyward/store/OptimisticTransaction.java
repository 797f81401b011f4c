package keyward.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * The first run of {@link SqliteObjectStore#inInsertingTransaction}: reads go to the committed
 * state and are remembered, inserts are kept aside. {@link #apply} then re-reads the same things in the
 * write transaction and adds the inserts only if every read would answer the same there, so the
 * outcome is the one the work would have had run under the writer (serialisable).
 */
final class OptimisticTransaction implements StoreTransaction {

  /** The work needs the writer: it updates or deletes, or searches after inserting. */
  static final class NeedsWriter extends RuntimeException {
    NeedsWriter() {
      super("needs the writer", null, false, false);
    }
  }

  private record Read(String uid, long revision) {}

  private record Located(LocateQuery query, LocateResult result) {}

  private final StoreTransaction committed;
  private final List<Read> reads = new ArrayList<>();
  private final List<Located> located = new ArrayList<>();
  private final Map<String, StoredObject> inserts = new LinkedHashMap<>();

  OptimisticTransaction(StoreTransaction committed) {
    this.committed = committed;
  }

  @Override
  public Optional<StoredObject> get(String uniqueIdentifier) throws StoreException {
    return read(uniqueIdentifier, true);
  }

  @Override
  public Optional<StoredObject> getWithoutIndex(String uniqueIdentifier) throws StoreException {
    return read(uniqueIdentifier, false);
  }

  private Optional<StoredObject> read(String uid, boolean withIndex) throws StoreException {
    Objects.requireNonNull(uid, "uniqueIdentifier");
    StoredObject mine = inserts.get(uid);
    if (mine != null) {
      return Optional.of(mine);
    }
    Optional<StoredObject> found = withIndex ? committed.get(uid) : committed.getWithoutIndex(uid);
    reads.add(new Read(uid, found.map(StoredObject::revision).orElse(-1L)));
    return found;
  }

  @Override
  public void insert(StoredObject object) throws StoreException {
    String uid = object.uniqueIdentifier();
    if (object.revision() != 0) {
      throw new IllegalArgumentException("a new object has revision 0, not " + object.revision());
    }
    if (inserts.containsKey(uid)) {
      throw new StoreException("object " + uid + " already exists");
    }
    // Whether the identifier is free is checked where it counts, under the writer: taken by
    // then, the work runs again there and its insert fails as a write transaction's would.
    reads.add(new Read(uid, -1));
    inserts.put(uid, object);
  }

  @Override
  public void update(StoredObject object) {
    throw new NeedsWriter();
  }

  @Override
  public void delete(String uniqueIdentifier) {
    throw new NeedsWriter();
  }

  @Override
  public LocateResult locate(LocateQuery query) throws StoreException {
    if (!inserts.isEmpty()) {
      throw new NeedsWriter(); // the store cannot see this work's own new objects yet
    }
    LocateResult result = committed.locate(query);
    located.add(new Located(query, result));
    return result;
  }

  /**
   * Whether every read answers in {@code tx} as it did in the first run: then what the work
   * decided (an insert, or a refusal) is what it would have decided on that one state.
   */
  boolean unchanged(StoreTransaction tx) throws StoreException {
    for (Read r : reads) {
      long now = tx.getWithoutIndex(r.uid()).map(StoredObject::revision).orElse(-1L);
      if (now != r.revision()) {
        return false;
      }
    }
    for (Located l : located) {
      if (!tx.locate(l.query()).equals(l.result())) {
        return false;
      }
    }
    return true;
  }

  /**
   * In the write transaction: adds the inserts and returns true when every read answers as it
   * did in the first run; changes nothing and returns false otherwise.
   */
  boolean apply(StoreTransaction writer) throws StoreException {
    if (!unchanged(writer)) {
      return false;
    }
    for (StoredObject o : inserts.values()) {
      writer.insert(o);
    }
    return true;
  }
}
