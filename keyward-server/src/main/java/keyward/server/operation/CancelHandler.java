package keyward.server.operation;

import keyward.kmip.spec.CancellationResult;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * Cancel (1.4 §4.27, 2.1 §6.1.6): drops an item the caller sent asynchronously and has not polled
 * yet (Cancellation Result Canceled, TC-32 step 8); for a value the caller has no pending item
 * under (never issued, already polled or canceled, expired, or another identity's), Unavailable.
 */
public final class CancelHandler implements OperationHandler {
  private final PendingOperations pending;

  public CancelHandler(PendingOperations pending) {
    this.pending = pending;
  }

  @Override
  public Operation operation() {
    return Operation.CANCEL;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws KmipException {
    Item value = payload.first(Tag.ASYNCHRONOUS_CORRELATION_VALUE).orElse(null);
    if (!(value instanceof Item.ByteString acv)) {
      throw KmipException.invalidField("Cancel needs the Asynchronous Correlation Value");
    }
    boolean canceled = pending.take(ctx.caller().identity(), acv.value(), ctx.now()) != null;
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, acv,
        new Item.Enumeration(Tag.CANCELLATION_RESULT,
            (canceled ? CancellationResult.CANCELED : CancellationResult.UNAVAILABLE).value()));
  }
}
