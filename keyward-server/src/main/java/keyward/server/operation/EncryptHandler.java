package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.CipherStreams;
import keyward.spi.crypto.CryptoEngine;

/**
 * Encrypt (1.4 §4.29, 2.1 §6.1): Data encrypted with an Active key that may Encrypt, before
 * its Protect Stop Date; it spends the key's Usage Limits. The rules are in {@link CipherRequests}.
 */
public final class EncryptHandler implements OperationHandler {
  private final CipherRequests requests;

  public EncryptHandler(CryptoEngine crypto, CipherStreams streams) {
    this.requests = new CipherRequests(crypto, streams);
  }

  @Override
  public Operation operation() {
    return Operation.ENCRYPT;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    return requests.handle(context, payload, true);
  }
}
