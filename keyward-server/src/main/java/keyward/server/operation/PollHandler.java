package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * Poll (1.4 §4.28, 2.1 §6.1.37): the answer is the polled item's own response (its operation,
 * status and payload), so the message processor runs it ({@code MessageProcessor}); this handler
 * puts Poll in the dispatch table and holds the pending items.
 */
public final class PollHandler implements OperationHandler {
  private final PendingOperations pending;

  public PollHandler(PendingOperations pending) {
    this.pending = pending;
  }

  public PendingOperations pending() {
    return pending;
  }

  @Override
  public Operation operation() {
    return Operation.POLL;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws KmipException {
    // reached only if a processor did not answer Poll itself: say so rather than answer wrongly
    throw new KmipException(ResultReason.GENERAL_FAILURE, "Poll is answered by the message processor");
  }
}
