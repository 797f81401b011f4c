package keyward.server.crypto;

import java.security.DrbgParameters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import keyward.spi.crypto.CryptoEngine;

/** The CryptoEngine on the JDK's providers: DRBG for randomness, MessageDigest for hashes. */
public final class JcaCryptoEngine implements CryptoEngine {
  private final SecureRandom random;

  public JcaCryptoEngine() {
    try {
      this.random = SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no DRBG", e);
    }
  }

  @Override
  public byte[] randomBytes(int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  @Override
  public byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("no digest " + algorithm, e);
    }
  }

  /**
   * Reseeds the DRBG with the data as additional input (SP 800-90A §9.2): the DRBG draws fresh
   * entropy as well, so the data adds to its state and cannot set it.
   */
  @Override
  public int seed(byte[] data) {
    random.reseed(DrbgParameters.reseed(false, data));
    return data.length;
  }

  @Override
  public String rngName() {
    return "NIST SP 800-90A Hash_DRBG (JDK DRBG)";
  }
}
