package keyward.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * A test double of the store for handler and batch tests: one lock, copy-on-begin
 * transactions (a failed transaction leaves nothing behind), creation order kept. The real
 * stores pass the store contract tests; this one only has to be faithful enough for handlers.
 */
public final class InMemoryObjectStore implements ObjectStore {
  private final ReentrantLock lock = new ReentrantLock();
  private Map<String, StoredObject> objects = new LinkedHashMap<>();
  private int writeTransactions;
  private volatile boolean failCommits;

  /** While true, every write transaction fails at commit, after its work ran: nothing is kept. */
  public void failCommits(boolean fail) {
    failCommits = fail;
  }

  /** How many write (not read-only) transactions ran: what a read path must not take. */
  public int writeTransactions() {
    return writeTransactions;
  }

  @Override
  public <T> T inTransaction(boolean readOnly, Work<T> work) throws Exception {
    lock.lock();
    try {
      Map<String, StoredObject> working = new LinkedHashMap<>(objects);
      if (!readOnly) {
        writeTransactions++;
      }
      T result = work.run(new Tx(working, readOnly));
      if (failCommits && !readOnly) {
        throw new StoreException("commit failed (test)");
      }
      objects = working;
      return result;
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    return objects.size();
  }

  @Override
  public void close() {}

  private record Tx(Map<String, StoredObject> objects, boolean readOnly) implements StoreTransaction {
    private void writing() {
      if (readOnly) {
        throw new IllegalStateException("write in a read-only transaction");
      }
    }

    @Override
    public Optional<StoredObject> get(String uid) {
      return Optional.ofNullable(objects.get(uid));
    }

    @Override
    public void insert(StoredObject o) throws StoreException {
      writing();
      if (objects.putIfAbsent(o.uniqueIdentifier(), o) != null) {
        throw new StoreException.Duplicate(o.uniqueIdentifier());
      }
    }

    @Override
    public void update(StoredObject o) throws StoreException {
      writing();
      StoredObject old = objects.get(o.uniqueIdentifier());
      if (old == null || old.revision() != o.revision()) {
        throw new StoreException.Conflict(o.uniqueIdentifier());
      }
      objects.put(o.uniqueIdentifier(), new StoredObject(o.uniqueIdentifier(), o.objectType(), o.state(),
          o.owner(), o.archived(), o.object(), o.attributes(), o.index(), o.revision() + 1));
    }

    @Override
    public void delete(String uid) {
      writing();
      objects.remove(uid);
    }

    @Override
    public LocateResult locate(LocateQuery q) {
      List<String> matches = new ArrayList<>();
      for (StoredObject o : objects.values()) {
        if ((q.owner() == null || q.owner().equals(o.owner()))
            && (o.archived() ? q.includeArchived() : q.includeLive())
            && q.criteria().stream().allMatch(c -> o.index().stream().anyMatch(e -> matches(c, e)))) {
          matches.add(o.uniqueIdentifier());
        }
      }
      int from = Math.min(q.offset(), matches.size());
      int to = q.maxItems() < 0 ? matches.size() : Math.min(matches.size(), from + q.maxItems());
      return new LocateResult(matches.subList(from, to), matches.size());
    }

    private static boolean matches(Criterion c, IndexEntry e) {
      if (c.tag() != e.tag()) {
        return false;
      }
      return switch (c) {
        case Criterion.TextEquals t -> t.value().equals(e.text());
        case Criterion.NumberEquals n -> e.number() != null && e.number() == n.value();
        case Criterion.NumberBetween b -> e.number() != null && e.number() >= b.min() && e.number() <= b.max();
        case Criterion.BitsSet b -> e.number() != null && (e.number() & b.bits()) == b.bits();
        case Criterion.Present p -> true;
      };
    }
  }
}
