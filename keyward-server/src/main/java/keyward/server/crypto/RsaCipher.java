package keyward.server.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;

/**
 * RSA encryption with a public key and decryption with the private key (2.1 §6.1.18 Encrypt,
 * §6.1.14 Decrypt), as the Cryptographic Parameters say: OAEP (RFC 8017 §7.1; MGF1; Hashing
 * Algorithm and Mask Generator Hashing Algorithm each SHA-256 when not named, P Source as the
 * label: CS-AC-M-OAEP-10) or PKCS#1 v1.5. Without a Padding Method, OAEP. An Encrypt or Decrypt
 * handler dispatches here for Public and Private Keys.
 *
 * <p>PKCS#1 v1.5 decryption never reports bad padding: a ciphertext whose padding is wrong
 * decrypts to a synthetic message ({@link Pkcs1ImplicitRejection}), so the Decrypt operation is
 * no padding oracle (Bleichenbacher). A caller that decrypts with the wrong key or a damaged
 * ciphertext under PKCS#1 v1.5 therefore gets random-looking data, not an error: OAEP, whose
 * failures are safe to report, is the padding to choose.
 */
public final class RsaCipher {
  private RsaCipher() {}

  public static byte[] encrypt(PublicKey key, AsymmetricParameters p, byte[] data, CryptoEngine crypto)
      throws KmipException {
    Cipher c = cipher(key, p, Cipher.ENCRYPT_MODE, crypto);
    try {
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the data is too long for the key and padding");
    }
  }

  public static byte[] decrypt(PrivateKey key, AsymmetricParameters p, byte[] data, CryptoEngine crypto)
      throws KmipException {
    if (key instanceof RSAPrivateKey rsa && p.padding() != null && p.padding() == PaddingMethod.PKCS1_V1_5.value()) {
      try {
        return Pkcs1ImplicitRejection.decrypt(rsa, data);
      } catch (GeneralSecurityException e) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the data is not an RSA ciphertext for this key");
      }
    }
    Cipher c = cipher(key, p, Cipher.DECRYPT_MODE, crypto);
    try {
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "decryption failed");
    }
  }

  private static Cipher cipher(Key key, AsymmetricParameters p, int mode, CryptoEngine crypto) throws KmipException {
    if (!(key instanceof RSAKey)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "public-key encryption is RSA only (" + key.getAlgorithm() + " keys do not encrypt here)");
    }
    int padding = p.padding() != null ? p.padding() : PaddingMethod.OAEP.value();
    try {
      if (padding == PaddingMethod.PKCS1_V1_5.value()) {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(mode, key, new EngineRandom(crypto));
        return c;
      }
      if (padding != PaddingMethod.OAEP.value()) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "RSA encryption pads with OAEP or PKCS#1 v1.5");
      }
      String hash = AsymmetricParameters.digestName(p.hashing() != null ? p.hashing()
          : keyward.kmip.spec.HashingAlgorithm.SHA_256.value());
      String mgfHash = p.maskGeneratorHashing() != null ? AsymmetricParameters.digestName(p.maskGeneratorHashing()) : hash;
      PSource label = p.pSource() != null ? new PSource.PSpecified(p.pSource()) : PSource.PSpecified.DEFAULT;
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(mode, key, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), label),
          new EngineRandom(crypto));
      return c;
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "these RSA parameters are not usable");
    }
  }
}
