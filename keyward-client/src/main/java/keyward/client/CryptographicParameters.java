package keyward.client;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.DigitalSignatureAlgorithm;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Cryptographic Parameters (KMIP 1.4 §3.6, 2.1 §4.13) for Encrypt, Decrypt, Sign, Signature
 * Verify, MAC, MAC Verify, Hash and Derive Key: each field may be null (not sent; the server
 * then uses the key's own Cryptographic Parameters attribute, or its default).
 *
 * <pre>{@code
 * CryptographicParameters gcm = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.GCM)
 *     .tagLength(16).randomIv(true);
 * }</pre>
 *
 * @param blockCipherMode e.g. CBC, GCM, CTR
 * @param paddingMethod e.g. PKCS5, None, OAEP, PSS
 * @param hashingAlgorithm e.g. SHA-256 (Hash, RSA signatures and OAEP, key derivation)
 * @param digitalSignatureAlgorithm e.g. SHA256withRSAEncryption, ECDSA with SHA256
 * @param cryptographicAlgorithm e.g. AES; must match the key's where a key is used
 * @param randomIv true: the server makes the IV/Counter/Nonce and returns it (encryption)
 * @param tagLength the AEAD tag length in bytes (GCM)
 */
public record CryptographicParameters(BlockCipherMode blockCipherMode, PaddingMethod paddingMethod,
    HashingAlgorithm hashingAlgorithm, DigitalSignatureAlgorithm digitalSignatureAlgorithm,
    CryptographicAlgorithm cryptographicAlgorithm, Boolean randomIv, Integer tagLength) {

  /** No field given: the key's own parameters (or the server's defaults) apply. */
  public static final CryptographicParameters NONE = new CryptographicParameters(null, null, null, null, null, null, null);

  /** Only a Hashing Algorithm (what Hash needs). */
  public static CryptographicParameters hashing(HashingAlgorithm h) {
    return NONE.hashingAlgorithm(h);
  }

  /** With this Block Cipher Mode. */
  public CryptographicParameters blockCipherMode(BlockCipherMode m) {
    return new CryptographicParameters(m, paddingMethod, hashingAlgorithm, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, tagLength);
  }

  /** With this Padding Method. */
  public CryptographicParameters paddingMethod(PaddingMethod p) {
    return new CryptographicParameters(blockCipherMode, p, hashingAlgorithm, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, tagLength);
  }

  /** With this Hashing Algorithm. */
  public CryptographicParameters hashingAlgorithm(HashingAlgorithm h) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, h, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, tagLength);
  }

  /** With this Digital Signature Algorithm. */
  public CryptographicParameters digitalSignatureAlgorithm(DigitalSignatureAlgorithm d) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, d,
        cryptographicAlgorithm, randomIv, tagLength);
  }

  /** With this Cryptographic Algorithm. */
  public CryptographicParameters cryptographicAlgorithm(CryptographicAlgorithm a) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, digitalSignatureAlgorithm,
        a, randomIv, tagLength);
  }

  /** With Random IV set (true: the server makes the IV/Counter/Nonce), or unset (null). */
  public CryptographicParameters randomIv(Boolean r) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, digitalSignatureAlgorithm,
        cryptographicAlgorithm, r, tagLength);
  }

  /** With this AEAD Tag Length in bytes, or none (null). */
  public CryptographicParameters tagLength(Integer bytes) {
    return new CryptographicParameters(blockCipherMode, paddingMethod, hashingAlgorithm, digitalSignatureAlgorithm,
        cryptographicAlgorithm, randomIv, bytes);
  }

  /** Whether no field is set (then nothing is sent). */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The Cryptographic Parameters structure, fields in the spec's order. */
  public Item.Structure toItem() {
    List<Item> f = new ArrayList<>();
    if (blockCipherMode != null) {
      f.add(new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, blockCipherMode.value()));
    }
    if (paddingMethod != null) {
      f.add(new Item.Enumeration(Tag.PADDING_METHOD, paddingMethod.value()));
    }
    if (hashingAlgorithm != null) {
      f.add(new Item.Enumeration(Tag.HASHING_ALGORITHM, hashingAlgorithm.value()));
    }
    if (digitalSignatureAlgorithm != null) {
      f.add(new Item.Enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, digitalSignatureAlgorithm.value()));
    }
    if (cryptographicAlgorithm != null) {
      f.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, cryptographicAlgorithm.value()));
    }
    if (randomIv != null) {
      f.add(new Item.Boolean(Tag.RANDOM_IV, randomIv));
    }
    if (tagLength != null) {
      f.add(new Item.Integer(Tag.TAG_LENGTH, tagLength));
    }
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, f);
  }
}
