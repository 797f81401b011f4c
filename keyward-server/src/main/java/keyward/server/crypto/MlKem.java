package keyward.server.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;
import javax.crypto.SecretKey;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;

/**
 * ML-KEM (FIPS 203) encapsulation and decapsulation on the JDK's provider (JEP 496). The shared
 * secret is 32 bytes (FIPS 203 §3.3: K is a 256-bit key usable directly as a symmetric key); the
 * caller owns and wipes it. A ciphertext of the right length but not made for the key gives a
 * pseudo-random secret, not an error (FIPS 203 §6.3, implicit rejection).
 */
public final class MlKem {
  /** The encapsulation (the ciphertext for the holder of the private key) and the shared secret. */
  public record Encapsulated(byte[] encapsulation, byte[] secret) {}

  private MlKem() {}

  public static boolean isMlKem(Key key) {
    return key.getAlgorithm().startsWith("ML-KEM");
  }

  public static Encapsulated encapsulate(PublicKey key, CryptoEngine crypto) throws KmipException {
    try {
      KEM.Encapsulated e = KEM.getInstance("ML-KEM").newEncapsulator(key, new EngineRandom(crypto)).encapsulate();
      return new Encapsulated(e.encapsulation(), raw(e.key()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key does not suit ML-KEM encapsulation");
    }
  }

  public static byte[] decapsulate(PrivateKey key, byte[] encapsulation) throws KmipException {
    KEM.Decapsulator d;
    try {
      d = KEM.getInstance("ML-KEM").newDecapsulator(key);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key does not suit ML-KEM decapsulation");
    }
    if (encapsulation.length != d.encapsulationSize()) {
      throw KmipException.invalidField("an encapsulation for this key is " + d.encapsulationSize() + " bytes");
    }
    try {
      return raw(d.decapsulate(encapsulation));
    } catch (DecapsulateException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "ML-KEM decapsulation failed");
    }
  }

  private static byte[] raw(SecretKey k) throws KmipException {
    byte[] b = k.getEncoded();
    if (b == null || b.length != 32) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the provider gave no 32-byte shared secret");
    }
    return b;
  }
}
