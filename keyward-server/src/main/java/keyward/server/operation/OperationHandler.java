package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * One KMIP operation. A handler reads its request payload (already in the 2.x shape: the batch
 * engine converts 1.x shapes at the edge) and returns the response payload in the 2.x shape.
 */
public interface OperationHandler {

  Operation operation();

  /** True when the operation changes nothing, so it can run on a read-only transaction. */
  default boolean readOnly() {
    return false;
  }

  /**
   * True when the operation usually changes nothing but sometimes does (Get clears Fresh): it
   * runs on a read-only transaction and, when it tries to write, again on a write transaction.
   * Its handle() must have no effect outside the store before its last write, and its writes
   * must be bookkeeping: when the store cannot take writes (disk full, read-only) it runs once
   * more with its writes skipped, so stored objects are still served.
   */
  default boolean readMostly() {
    return false;
  }

  /**
   * True when the operation's writes are new objects (Create, Register): it runs in the store's
   * inserting transaction ({@link keyward.spi.store.ObjectStore#inInsertingTransaction}), beside
   * other writers, and again as a write transaction when what it read changed meanwhile. Its
   * handle() must have no effect outside the store that a second run would repeat.
   */
  default boolean insertsNew() {
    return false;
  }

  Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception;

  /** Thrown out of handle() as the failure the client sees. */
  default KmipException fail(keyward.kmip.spec.ResultReason reason, String message) {
    return new KmipException(reason, message);
  }
}
