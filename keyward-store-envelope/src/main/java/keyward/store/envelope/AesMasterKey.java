package keyward.store.envelope;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A master key held in this process (from a file or derived from a passphrase), or any JCA AES
 * key with its provider (an HSM's, see {@link Pkcs11MasterKey}).
 */
public class AesMasterKey implements MasterKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Key key;
  private final Provider provider; // null: the JDK's default
  private final byte[] checkValue;

  protected AesMasterKey(Key key, Provider provider) throws GeneralSecurityException {
    this.key = key;
    this.provider = provider;
    Cipher ecb = cipher("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, key);
    this.checkValue = Arrays.copyOf(ecb.doFinal(new byte[16]), 8);
  }

  /**
   * A master key from 32 raw bytes. The caller's array is zeroed: the key lives on only inside
   * the JDK's key object (whose SecretKeySpec cannot be destroyed, a JDK limit).
   */
  public static AesMasterKey of(byte[] keyBytes) throws GeneralSecurityException {
    try {
      if (keyBytes.length != 32) {
        throw new GeneralSecurityException("a master key is 32 bytes (AES-256), not "
            + keyBytes.length);
      }
      return new AesMasterKey(new SecretKeySpec(keyBytes, "AES"), null);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }

  private Cipher cipher(String transformation) throws GeneralSecurityException {
    return provider == null ? Cipher.getInstance(transformation)
        : Cipher.getInstance(transformation, provider);
  }

  /** The JCA key (an HSM's keys are handles to token objects). */
  protected Key key() {
    return key;
  }

  @Override
  public byte[] checkValue() {
    return checkValue.clone();
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] aad) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    Cipher gcm = cipher("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
    gcm.updateAAD(aad);
    byte[] out = Arrays.copyOf(nonce, WRAPPED_LENGTH);
    int written = gcm.doFinal(dataKey, 0, dataKey.length, out, NONCE_BYTES);
    if (NONCE_BYTES + written != WRAPPED_LENGTH) {
      throw new GeneralSecurityException("unexpected wrapped data key length");
    }
    return out;
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] aad) throws GeneralSecurityException {
    if (wrapped.length != WRAPPED_LENGTH) {
      throw new GeneralSecurityException("a wrapped data key is " + WRAPPED_LENGTH + " bytes");
    }
    Cipher gcm = cipher("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
    gcm.updateAAD(aad);
    return gcm.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
  }

  @Override
  public void close() {
    // A SecretKeySpec refuses destroy() (DestroyFailedException); a token key stays on the token.
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "MasterKey[" + id() + "]";
  }
}
