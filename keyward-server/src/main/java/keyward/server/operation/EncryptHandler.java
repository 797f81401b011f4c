package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.CipherStreams;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;

/**
 * Encrypt (1.4 §4.29, 2.1 §6.1): Data encrypted with an Active key that may Encrypt, before
 * its Protect Stop Date; it spends the key's Usage Limits. The rules are in {@link CipherRequests}; with a
 * public or private key, {@link AsymmetricEncryption} does the work (RSA).
 */
public final class EncryptHandler implements OperationHandler {
  private final CryptoEngine crypto;
  private final CipherRequests requests;

  public EncryptHandler(CryptoEngine crypto, CipherStreams streams) {
    this.crypto = crypto;
    this.requests = new CipherRequests(crypto, streams);
  }

  @Override
  public Operation operation() {
    return Operation.ENCRYPT;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    if (payload.first(Tag.CORRELATION_VALUE).isEmpty()) { // streams are symmetric only
      String uid = Payloads.uniqueIdentifier(context, payload);
      ManagedObject mo = Payloads.online(context, uid);
      if (AsymmetricEncryption.handles(mo)) {
        return AsymmetricEncryption.encrypt(context, payload, uid, crypto);
      }
    }
    return requests.handle(context, payload, true);
  }
}
