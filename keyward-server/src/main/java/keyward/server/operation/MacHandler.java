package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * MAC (1.4 §4.33, 2.1 §6.1): the MAC Data of the request's Data, with an Active key that may
 * MAC Generate (CS-AC-M-4: HMAC-SHA256 named by the key's Cryptographic Parameters). Rules in
 * {@link MacRequests}.
 */
public final class MacHandler implements OperationHandler {
  @Override
  public Operation operation() {
    return Operation.MAC;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    byte[] mac = MacRequests.mac(context, payload, uid, true);
    return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.MAC_DATA, mac));
  }
}
