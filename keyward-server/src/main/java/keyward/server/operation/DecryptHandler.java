package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.CipherStreams;
import keyward.spi.crypto.CryptoEngine;

/**
 * Decrypt (1.4 §4.30, 2.1 §6.1): Data decrypted with an Active, Deactivated or Compromised key
 * that may Decrypt, from its Process Start Date on. The rules are in {@link CipherRequests}.
 */
public final class DecryptHandler implements OperationHandler {
  private final CipherRequests requests;

  public DecryptHandler(CryptoEngine crypto, CipherStreams streams) {
    this.requests = new CipherRequests(crypto, streams);
  }

  @Override
  public Operation operation() {
    return Operation.DECRYPT;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    return requests.handle(context, payload, false);
  }
}
