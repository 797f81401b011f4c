package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.CipherStreams;
import keyward.spi.crypto.CryptoEngine;

/**
 * MAC (1.4 §4.33, 2.1 §6.1): the MAC Data of the request's Data, with an Active key that may
 * MAC Generate (CS-AC-M-4: HMAC-SHA256 named by the key's Cryptographic Parameters); a streamed
 * MAC answers its middle parts with the Correlation Value only. A GMAC IV the server generated
 * comes back as IV/Counter/Nonce. Rules in {@link MacRequests}.
 */
public final class MacHandler implements OperationHandler {
  private final CryptoEngine crypto;
  private final CipherStreams streams;

  public MacHandler(CryptoEngine crypto, CipherStreams streams) {
    this.crypto = crypto;
    this.streams = streams;
  }

  @Override
  public Operation operation() {
    return Operation.MAC;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    MacRequests.Result r = MacRequests.mac(context, payload, uid, true, streams, crypto);
    List<Item> out = new ArrayList<>();
    out.add(Payloads.uid(uid));
    out.add(r.mac() == null ? new Item.ByteString(Tag.CORRELATION_VALUE, r.correlation())
        : new Item.ByteString(Tag.MAC_DATA, r.mac()));
    if (r.generatedIv() != null) {
      out.add(new Item.ByteString(Tag.IV_COUNTER_NONCE, r.generatedIv())); // GMAC: needed to verify
    }
    return Payloads.response(out.toArray(Item[]::new));
  }
}
