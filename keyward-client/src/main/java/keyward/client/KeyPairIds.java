package keyward.client;

import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * The two halves Create Key Pair or Re-key Key Pair made: each links to the other (Public Key
 * Link on the private key, Private Key Link on the public key).
 *
 * @param privateKeyUniqueIdentifier the new Private Key
 * @param publicKeyUniqueIdentifier the new Public Key
 */
public record KeyPairIds(String privateKeyUniqueIdentifier, String publicKeyUniqueIdentifier) {

  static KeyPairIds from(Item.Structure payload) {
    String priv = CryptoPayloads.text(payload, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String pub = CryptoPayloads.text(payload, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    if (priv == null || pub == null) {
      throw new KmipClientException("the answer lacks the Private or Public Key Unique Identifier", null);
    }
    return new KeyPairIds(priv, pub);
  }
}
