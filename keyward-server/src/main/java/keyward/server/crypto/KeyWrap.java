package keyward.server.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;

/**
 * AES key wrapping of bytes (NIST SP 800-38F): KW, RFC 3394 (Block Cipher Mode NIST Key Wrap),
 * and KWP, RFC 5649 (AES Key Wrap Padding), with the JDK's "AES/KW/NoPadding" and
 * "AES/KWP/NoPadding"; and AES-GCM (NIST SP 800-38D), whose output is the ciphertext followed by
 * the tag (C || T), the IV travelling apart (KMIP: IV/Counter/Nonce of the Key Wrapping Data).
 * RSA wrapping is {@link RsaCipher}.
 */
public final class KeyWrap {
  /** RFC 3394 (padding: false) or RFC 5649 (padding: true). */
  public enum Mode { KW, KWP }

  private KeyWrap() {}

  public static byte[] wrap(Mode mode, byte[] kek, byte[] plain) throws KmipException {
    if (mode == Mode.KW && (plain.length % 8 != 0 || plain.length < 16)) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
          "NIST Key Wrap takes a multiple of 8 bytes, at least 16: use AES Key Wrap Padding");
    }
    return run(Cipher.ENCRYPT_MODE, mode, kek, plain);
  }

  public static byte[] unwrap(Mode mode, byte[] kek, byte[] wrapped) throws KmipException {
    return run(Cipher.DECRYPT_MODE, mode, kek, wrapped);
  }

  private static byte[] run(int op, Mode mode, byte[] kek, byte[] in) throws KmipException {
    if (kek.length != 16 && kek.length != 24 && kek.length != 32) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "an AES key wrapping key is 128, 192 or 256 bits");
    }
    SecretKeySpec key = new SecretKeySpec(kek, "AES");
    try {
      Cipher c = Cipher.getInstance(mode == Mode.KW ? "AES/KW/NoPadding" : "AES/KWP/NoPadding");
      c.init(op, key);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
          op == Cipher.ENCRYPT_MODE ? "key wrapping failed" : "the wrapped key does not unwrap with this key");
    } finally {
      try {
        key.destroy();
      } catch (javax.security.auth.DestroyFailedException e) {
        // SecretKeySpec cannot be destroyed; the caller zeroes its copy of the key
      }
    }
  }

  /** AES-GCM encryption of key bytes: ciphertext || tag, {@code tagBytes} 12 to 16. */
  public static byte[] gcmWrap(byte[] kek, byte[] iv, int tagBytes, byte[] plain) throws KmipException {
    return gcm(Cipher.ENCRYPT_MODE, kek, iv, tagBytes, plain);
  }

  /** The inverse of {@link #gcmWrap}: a wrong key, IV, tag or altered bytes fail authentication. */
  public static byte[] gcmUnwrap(byte[] kek, byte[] iv, int tagBytes, byte[] sealed) throws KmipException {
    if (sealed.length < tagBytes) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the wrapped key is shorter than its tag");
    }
    return gcm(Cipher.DECRYPT_MODE, kek, iv, tagBytes, sealed);
  }

  private static byte[] gcm(int op, byte[] kek, byte[] iv, int tagBytes, byte[] in) throws KmipException {
    if (kek.length != 16 && kek.length != 24 && kek.length != 32) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "an AES key wrapping key is 128, 192 or 256 bits");
    }
    if (tagBytes < 12 || tagBytes > 16) {
      throw new KmipException(ResultReason.INVALID_FIELD, "the GCM Tag Length is 12 to 16 bytes");
    }
    if (iv == null || iv.length == 0) {
      throw new KmipException(ResultReason.MISSING_DATA, "GCM needs an IV/Counter/Nonce");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(op, new SecretKeySpec(kek, "AES"), new javax.crypto.spec.GCMParameterSpec(tagBytes * 8, iv));
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
          op == Cipher.ENCRYPT_MODE ? "key wrapping failed" : "the wrapped key does not authenticate with this key and IV");
    }
  }

  /** Zeroes a copy of key bytes. */
  public static void zero(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
