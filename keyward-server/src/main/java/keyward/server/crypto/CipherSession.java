package keyward.server.crypto;

import keyward.server.KmipException;

/**
 * One encryption or decryption under way. A one-shot Encrypt or Decrypt is a session finished at
 * once; a streamed one (Init Indicator ... Final Indicator, 1.4 §4.29) feeds its parts to
 * {@link #update} and the last one to {@link #finish}.
 */
public interface CipherSession {

  /** Processes a middle part; returns what output is ready (possibly empty). */
  byte[] update(byte[] data) throws KmipException;

  /**
   * Processes the last part. For AEAD decryption {@code tag} is the Authenticated Encryption Tag
   * to check (Cryptographic Failure when it does not match); for AEAD encryption the returned
   * tag is set.
   */
  Output finish(byte[] data, byte[] tag) throws KmipException;

  /** True for an AEAD mode: decryption needs the tag, encryption returns one. */
  boolean authenticated();

  /** Output data and, for AEAD encryption, the tag (null otherwise). */
  record Output(byte[] data, byte[] tag) {}
}
