package keyward.spi.store;

/**
 * Durable storage of managed objects. An implementation guarantees that when
 * {@link #inTransaction} returns normally, the transaction's writes are on stable storage.
 */
public interface ObjectStore extends AutoCloseable {

  /** Work run inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(StoreTransaction tx) throws Exception;
  }

  /**
   * Runs the work in one transaction: commits (durably) when it returns, rolls back when it
   * throws, and rethrows. Read-only work may pass {@code readOnly} so implementations can run it
   * concurrently with others. Work must not call {@code inTransaction} for a write from inside
   * a write transaction (implementations may serialise writers): that throws {@link
   * IllegalStateException}.
   */
  <T> T inTransaction(boolean readOnly, Work<T> work) throws Exception;

  /**
   * Runs work whose writes are new objects (Create, Register) with the same outcome as {@code
   * inTransaction(false, work)}, but so that implementations which serialise writers can run the
   * work itself beside them: first reading what is committed, keeping its inserts aside, then,
   * holding the writer only briefly, checking that what it read is unchanged and adding its
   * inserts. When a read changed, or the work updates or deletes, the work runs again as a
   * write transaction: it must have no effect outside the store that a second run would repeat.
   * By default it is a write transaction.
   */
  default <T> T inInsertingTransaction(Work<T> work) throws Exception {
    return inTransaction(false, work);
  }

  @Override
  void close() throws StoreException;
}
