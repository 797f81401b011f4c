package keyward.server.crypto;

import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * The fields of Cryptographic Parameters (1.4 §3.6, 2.1 §4.13) that symmetric operations read:
 * Block Cipher Mode, Padding Method, Hashing Algorithm, Cryptographic Algorithm, Random IV, IV
 * Length (in bits: the length of a generated IV) and Tag Length (in bytes). Absent fields are
 * null. An enumeration value the spec does not define
 * is Invalid Field.
 */
public record CipherParameters(BlockCipherMode mode, PaddingMethod padding, HashingAlgorithm hashing,
    CryptographicAlgorithm algorithm, boolean randomIv, Integer ivLength, Integer tagLength) {

  public static final CipherParameters NONE = new CipherParameters(null, null, null, null, false, null, null);

  /** Reads a Cryptographic Parameters structure; null gives {@link #NONE}. */
  public static CipherParameters of(Item.Structure p) throws KmipException {
    if (p == null) {
      return NONE;
    }
    Integer mode = enumeration(p, Tag.BLOCK_CIPHER_MODE);
    Integer padding = enumeration(p, Tag.PADDING_METHOD);
    Integer hashing = enumeration(p, Tag.HASHING_ALGORITHM);
    Integer algorithm = enumeration(p, Tag.CRYPTOGRAPHIC_ALGORITHM);
    Item random = p.first(Tag.RANDOM_IV).orElse(null);
    if (random != null && !(random instanceof Item.Boolean)) {
      throw KmipException.invalidField("Random IV must be a Boolean");
    }
    Item tag = p.first(Tag.TAG_LENGTH).orElse(null);
    if (tag != null && !(tag instanceof Item.Integer)) {
      throw KmipException.invalidField("Tag Length must be an Integer");
    }
    Item ivLength = p.first(Tag.IV_LENGTH).orElse(null);
    if (ivLength != null && !(ivLength instanceof Item.Integer)) {
      throw KmipException.invalidField("IV Length must be an Integer");
    }
    return new CipherParameters(
        known(mode, BlockCipherMode.fromValue(mode == null ? 0 : mode), "Block Cipher Mode"),
        known(padding, PaddingMethod.fromValue(padding == null ? 0 : padding), "Padding Method"),
        known(hashing, HashingAlgorithm.fromValue(hashing == null ? 0 : hashing), "Hashing Algorithm"),
        known(algorithm, CryptographicAlgorithm.fromValue(algorithm == null ? 0 : algorithm),
            "Cryptographic Algorithm"),
        random != null && ((Item.Boolean) random).value(),
        ivLength == null ? null : ((Item.Integer) ivLength).value(),
        tag == null ? null : ((Item.Integer) tag).value());
  }

  /** The same parameters with the Tag Length set (a decryption's tag gives it when absent). */
  public CipherParameters withTagLength(int bytes) {
    return new CipherParameters(mode, padding, hashing, algorithm, randomIv, ivLength, bytes);
  }

  /**
   * Bytes of IV to generate: the IV Length when given (a whole number of bytes, 8 to 1024 bits),
   * else the cipher's own.
   */
  public int generatedIvBytes(int cipherDefault) throws KmipException {
    if (ivLength == null || cipherDefault == 0) {
      return cipherDefault;
    }
    if (ivLength % 8 != 0 || ivLength < 8 || ivLength > 1024) {
      throw KmipException.invalidField("IV Length must be a multiple of 8 bits from 8 to 1024");
    }
    return ivLength / 8;
  }

  private static <E> E known(Integer raw, E value, String name) throws KmipException {
    if (raw == null) {
      return null;
    }
    if (value == null) {
      throw KmipException.invalidField("unknown " + name + " 0x" + Integer.toHexString(raw));
    }
    return value;
  }

  private static Integer enumeration(Item.Structure s, int tag) throws KmipException {
    Item i = s.first(tag).orElse(null);
    if (i == null) {
      return null;
    }
    if (!(i instanceof Item.Enumeration e)) {
      throw KmipException.invalidField("a Cryptographic Parameters field has the wrong item type");
    }
    return e.value();
  }
}
