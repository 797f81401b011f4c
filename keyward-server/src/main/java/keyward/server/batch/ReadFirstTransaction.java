package keyward.server.batch;

import java.util.Optional;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * A read-only transaction for an operation that only sometimes writes (Get clears Fresh the
 * first time an object is served): the first write attempt stops the work with
 * {@link WriteNeeded}, and the processor runs it again on a write transaction. The common case
 * then stays off the single writer.
 */
final class ReadFirstTransaction implements StoreTransaction {
  /** The work wanted to write; nothing it did is kept. */
  static final class WriteNeeded extends RuntimeException {
    WriteNeeded() {
      super("write needed", null, false, false);
    }
  }

  private final StoreTransaction read;
  private final boolean dropWrites;

  ReadFirstTransaction(StoreTransaction read) {
    this(read, false);
  }

  /**
   * @param dropWrites when the store cannot take writes (disk full, read-only): the operation's
   *     writes are bookkeeping (Get's Fresh flag) that must not stop it serving what is stored,
   *     so they are skipped instead of stopping the work
   */
  ReadFirstTransaction(StoreTransaction read, boolean dropWrites) {
    this.read = read;
    this.dropWrites = dropWrites;
  }

  private void write() {
    if (!dropWrites) {
      throw new WriteNeeded();
    }
  }

  @Override
  public Optional<StoredObject> get(String uniqueIdentifier) throws StoreException {
    return read.get(uniqueIdentifier);
  }

  @Override
  public Optional<StoredObject> getWithoutIndex(String uniqueIdentifier) throws StoreException {
    return read.getWithoutIndex(uniqueIdentifier);
  }

  @Override
  public void insert(StoredObject object) {
    write();
  }

  @Override
  public void update(StoredObject object) {
    write();
  }

  @Override
  public void delete(String uniqueIdentifier) {
    write();
  }

  @Override
  public LocateResult locate(LocateQuery query) throws StoreException {
    return read.locate(query);
  }
}
