package keyward.server.operation;

import java.security.PrivateKey;
import java.security.PublicKey;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.MlKem;
import keyward.server.crypto.RsaCipher;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;

/**
 * Encrypt with a Public Key and Decrypt with a Private Key (RSA, {@link RsaCipher}; ML-KEM keys
 * encapsulate and decapsulate instead, {@link KeyEncapsulation}): what an
 * Encrypt or Decrypt handler calls when the key it is given is asymmetric. One-shot only; the
 * answer is the Unique Identifier and the Data.
 */
final class AsymmetricEncryption {
  private AsymmetricEncryption() {}

  /** True when the object is a key this class handles (so the caller dispatches here). */
  static boolean handles(ManagedObject mo) {
    return mo.objectType() == ObjectType.PUBLIC_KEY || mo.objectType() == ObjectType.PRIVATE_KEY;
  }

  static Item.Structure encrypt(OperationContext context, Item.Structure payload, String uid, CryptoEngine crypto)
      throws Exception {
    KeyUse.noStreaming(payload);
    ManagedObject key = KeyUse.check(context, uid, ObjectType.PUBLIC_KEY, CryptographicUsageMask.ENCRYPT, true);
    PublicKey publicKey = AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(key.object()).orElseThrow());
    if (MlKem.isMlKem(publicKey)) {
      return KeyEncapsulation.encapsulate(context, payload, key, publicKey, crypto);
    }
    byte[] data = KeyUse.bytes(payload, Tag.DATA, "Data");
    CryptoKeys.spend(context, key, data.length, true); // counted in this transaction, before any output
    byte[] out = RsaCipher.encrypt(publicKey, KeyUse.parameters(payload, key), data, crypto);
    return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.DATA, out));
  }

  static Item.Structure decrypt(OperationContext context, Item.Structure payload, String uid, CryptoEngine crypto)
      throws Exception {
    KeyUse.noStreaming(payload);
    ManagedObject key = KeyUse.check(context, uid, ObjectType.PRIVATE_KEY, CryptographicUsageMask.DECRYPT, false);
    PrivateKey privateKey = AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(key.object()).orElseThrow());
    if (MlKem.isMlKem(privateKey)) {
      return KeyEncapsulation.decapsulate(context, payload, key, privateKey, crypto);
    }
    byte[] out = RsaCipher.decrypt(privateKey, KeyUse.parameters(payload, key), KeyUse.bytes(payload, Tag.DATA, "Data"),
        crypto);
    return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.DATA, out));
  }
}
