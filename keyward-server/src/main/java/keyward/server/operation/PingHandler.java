package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** Ping (2.1 §6.1.39... 2.0+): an empty answer that proves the server is there. */
public final class PingHandler implements OperationHandler {
  @Override
  public Operation operation() {
    return Operation.PING;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) {
    return new Item.Structure(Tag.RESPONSE_PAYLOAD);
  }
}
