package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;

/**
 * Decrypt (2.1 §6.1.14): with a private key (RSA), {@link AsymmetricEncryption} does the work; symmetric
 * keys are not handled here (Feature Not Supported): a symmetric Decrypt handler dispatches
 * to AsymmetricEncryption for public and private keys instead.
 */
public final class DecryptHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public DecryptHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.DECRYPT;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    if (!AsymmetricEncryption.handles(mo)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "this server decrypts with public and private keys only");
    }
    return AsymmetricEncryption.decrypt(context, payload, uid, crypto);
  }
}
