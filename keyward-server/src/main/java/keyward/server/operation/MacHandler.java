package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.CipherStreams;

/**
 * MAC (1.4 §4.33, 2.1 §6.1): the MAC Data of the request's Data, with an Active key that may
 * MAC Generate (CS-AC-M-4: HMAC-SHA256 named by the key's Cryptographic Parameters); a streamed
 * MAC answers its middle parts with the Correlation Value only. Rules in {@link MacRequests}.
 */
public final class MacHandler implements OperationHandler {
  private final CipherStreams streams;

  public MacHandler(CipherStreams streams) {
    this.streams = streams;
  }

  @Override
  public Operation operation() {
    return Operation.MAC;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    MacRequests.Result r = MacRequests.mac(context, payload, uid, true, streams);
    return r.mac() == null
        ? Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.CORRELATION_VALUE, r.correlation()))
        : Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.MAC_DATA, r.mac()));
  }
}
