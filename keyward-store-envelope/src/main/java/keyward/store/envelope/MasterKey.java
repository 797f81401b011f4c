package keyward.store.envelope;

import java.security.GeneralSecurityException;

/**
 * The key that wraps every data key (the key-encryption key of envelope encryption). It may live
 * in this process (a file or a passphrase) or in an HSM, where it never leaves the token.
 */
public interface MasterKey extends AutoCloseable {
  /** Length of {@link #wrap}'s output: a 12-byte GCM nonce, the 32-byte data key, a 16-byte tag. */
  int WRAPPED_LENGTH = 12 + 32 + 16;

  /**
   * The key check value: the first 8 bytes of AES(key, 16 zero bytes), the usual way to name a
   * symmetric key without revealing it. Stored with each wrapped data key, so a server started
   * with another master key says so instead of failing to decrypt.
   */
  byte[] checkValue();

  /** The check value in hex, for messages. */
  default String id() {
    return java.util.HexFormat.of().formatHex(checkValue());
  }

  /** AES-256-GCM-encrypts a 32-byte data key with a fresh random nonce, bound to {@code aad}. */
  byte[] wrap(byte[] dataKey, byte[] aad) throws GeneralSecurityException;

  /**
   * The data key inside {@code wrapped}; fails (AEADBadTagException) when either was altered or
   * belongs to another object.
   */
  byte[] unwrap(byte[] wrapped, byte[] aad) throws GeneralSecurityException;

  /** Drops the key material this process holds, as far as the JVM allows. */
  @Override
  void close();
}
