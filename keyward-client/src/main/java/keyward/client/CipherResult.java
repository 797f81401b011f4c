package keyward.client;

import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * The answer to Encrypt or Decrypt: the Data, and after an encryption the IV/Counter/Nonce the
 * server generated (Random IV; null when the request gave one or the mode has none) and the
 * Authenticated Encryption Tag of an AEAD mode (null otherwise). Decrypted data may be
 * secret: clear the array when done.
 *
 * @param uniqueIdentifier the key used
 * @param data the ciphertext (Encrypt) or plaintext (Decrypt)
 * @param ivCounterNonce the IV/Counter/Nonce the server made, or null
 * @param authenticatedEncryptionTag the AEAD tag (Encrypt with GCM, ChaCha20-Poly1305...), or null
 */
public record CipherResult(String uniqueIdentifier, byte[] data, byte[] ivCounterNonce,
    byte[] authenticatedEncryptionTag) {

  static CipherResult from(Item.Structure payload) {
    byte[] data = CryptoPayloads.bytes(payload, Tag.DATA);
    if (data == null) {
      throw new KmipClientException("the answer has no Data", null);
    }
    return new CipherResult(Payloads.uniqueIdentifier(payload), data,
        CryptoPayloads.bytes(payload, Tag.IV_COUNTER_NONCE), CryptoPayloads.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_TAG));
  }

  /** Lengths only: the data may be plaintext. */
  @Override
  public String toString() {
    return "CipherResult[" + uniqueIdentifier + ", " + data.length + " bytes"
        + (ivCounterNonce == null ? "" : ", IV " + ivCounterNonce.length + " bytes")
        + (authenticatedEncryptionTag == null ? "" : ", tag " + authenticatedEncryptionTag.length + " bytes") + "]";
  }
}
