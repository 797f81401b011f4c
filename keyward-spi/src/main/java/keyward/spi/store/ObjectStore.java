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

  @Override
  void close() throws StoreException;
}
