package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.CipherStreams;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;

/**
 * Decrypt (1.4 §4.30, 2.1 §6.1): Data decrypted with an Active, Deactivated or Compromised key
 * that may Decrypt, from its Process Start Date on. The rules are in {@link CipherRequests}; with a
 * public or private key, {@link AsymmetricEncryption} does the work (RSA).
 */
public final class DecryptHandler implements OperationHandler {
  private final CryptoEngine crypto;
  private final CipherRequests requests;

  public DecryptHandler(CryptoEngine crypto, CipherStreams streams) {
    this.crypto = crypto;
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

  /** Decryption writes nothing, except ML-KEM decapsulation, which stores the shared secret. */
  @Override
  public boolean readMostly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    if (payload.first(Tag.CORRELATION_VALUE).isEmpty()) { // streams are symmetric only
      String uid = Payloads.uniqueIdentifier(context, payload);
      ManagedObject mo = Payloads.online(context, uid);
      if (AsymmetricEncryption.handles(mo)) {
        return AsymmetricEncryption.decrypt(context, payload, uid, crypto);
      }
    }
    return requests.handle(context, payload, false);
  }
}
