package keyward.server.crypto;

import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;

/** Tag rules shared by the AEAD ciphers (GCM, ChaCha20-Poly1305). */
final class Aead {
  static final int MIN_TAG = 12;
  static final int MAX_TAG = 16;

  private Aead() {}

  /**
   * The Tag Length in bytes: 16 by default, 12 to 16 otherwise. CS-BC-M-GCM-1 and
   * CS-BC-M-CHACHA20POLY1305-1 answer 1 and 32 with General Failure.
   */
  static int tagLength(CipherParameters p) throws KmipException {
    return tagLength(p, MIN_TAG);
  }

  /** The same with another shortest tag (CCM allows 4, NIST SP 800-38C §A.1). */
  static int tagLength(CipherParameters p, int min) throws KmipException {
    Integer t = p.tagLength();
    if (t == null) {
      return MAX_TAG;
    }
    if (t < min || t > MAX_TAG) {
      throw new KmipException(ResultReason.GENERAL_FAILURE,
          "invalid-tag-length: the Tag Length is " + min + " to " + MAX_TAG + " bytes");
    }
    return t;
  }

  /** The tag a decryption was given: present and of the Tag Length. */
  static void checkTag(byte[] tag, int tagLength) throws KmipException {
    if (tag == null) {
      throw KmipException.missingData("Authenticated Encryption Tag is required to decrypt");
    }
    if (tag.length != tagLength) {
      throw KmipException.invalidField("the Authenticated Encryption Tag is not Tag Length bytes long");
    }
  }
}
