package keyward.server.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.GMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The MAC table: HMAC with SHA-1, SHA-2 and SHA-3 (JDK), and CMAC with AES (NIST SP 800-38B;
 * Bouncy Castle, as an explicit provider: the JDK has no CMAC). The algorithm is the
 * Cryptographic Algorithm of the Cryptographic Parameters, else the key's: CS-AC-M-4 registers
 * an AES key whose parameters say HMAC-SHA256, and the key bytes are the HMAC key. AES means
 * CMAC, or GMAC when the Block Cipher Mode is GCM ({@link #gmac}).
 */
public final class Macs {
  /** Bouncy Castle as an explicit provider (never installed globally), for CMAC and CCM. */
  static final Provider BC = new BouncyCastleProvider();
  private static final Map<CryptographicAlgorithm, String> TABLE = Map.ofEntries(
      Map.entry(CryptographicAlgorithm.HMAC_SHA1, "HmacSHA1"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA224, "HmacSHA224"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA256, "HmacSHA256"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA384, "HmacSHA384"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA512, "HmacSHA512"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA3_224, "HmacSHA3-224"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA3_256, "HmacSHA3-256"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA3_384, "HmacSHA3-384"),
      Map.entry(CryptographicAlgorithm.HMAC_SHA3_512, "HmacSHA3-512"),
      Map.entry(CryptographicAlgorithm.AES, "AESCMAC"));

  private Macs() {}

  public static boolean offered(CryptographicAlgorithm algorithm) {
    return TABLE.containsKey(algorithm);
  }

  /** The JCA Mac name of an HMAC algorithm (for derivations), if it is one. */
  public static Optional<String> hmacName(CryptographicAlgorithm algorithm) {
    return algorithm == CryptographicAlgorithm.AES ? Optional.empty() : Optional.ofNullable(TABLE.get(algorithm));
  }

  /** The MAC of the data under the key bytes (the caller keeps and wipes them). */
  public static byte[] mac(CryptographicAlgorithm algorithm, byte[] key, byte[] data) throws KmipException {
    return start(algorithm, key).doFinal(data);
  }

  /**
   * A MAC under way, as a session a stream can hold: parts go in with update (no output), the
   * MAC comes out of finish.
   */
  public static CipherSession session(CryptographicAlgorithm algorithm, byte[] key) throws KmipException {
    Mac mac = start(algorithm, key);
    return new CipherSession() {
      @Override
      public byte[] update(byte[] data) {
        mac.update(data);
        return new byte[0];
      }

      @Override
      public Output finish(byte[] data, byte[] tag) {
        return new Output(mac.doFinal(data), null);
      }

      @Override
      public boolean authenticated() {
        return false;
      }
    };
  }

  /**
   * GMAC (NIST SP 800-38D §3: GCM with only additional data): KMIP has no GMAC algorithm value,
   * so it is Cryptographic Algorithm AES with Block Cipher Mode GCM. The data is authenticated,
   * the tag ({@code tagBytes}, 12 to 16, SP 800-38D §5.2.1.2) is the MAC. The IV is required:
   * reusing one under a key breaks GMAC, so the caller generates it when the client asks.
   */
  public static CipherSession gmac(byte[] key, byte[] iv, int tagBytes) throws KmipException {
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "GMAC takes an AES key of 128, 192 or 256 bits");
    }
    if (iv.length == 0) {
      throw KmipException.invalidField("the GMAC IV is empty");
    }
    if (tagBytes < 12 || tagBytes > 16) {
      throw KmipException.invalidField("a GMAC tag is 12 to 16 bytes");
    }
    GMac mac = new GMac(GCMBlockCipher.newInstance(AESEngine.newInstance()), tagBytes * 8);
    mac.init(new ParametersWithIV(new KeyParameter(key), iv));
    return new CipherSession() {
      @Override
      public byte[] update(byte[] data) {
        mac.update(data, 0, data.length);
        return new byte[0];
      }

      @Override
      public Output finish(byte[] data, byte[] tag) {
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return new Output(out, null);
      }

      @Override
      public boolean authenticated() {
        return false;
      }
    };
  }

  private static Mac start(CryptographicAlgorithm algorithm, byte[] key) throws KmipException {
    String name = TABLE.get(algorithm);
    if (name == null) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not MAC with " + (algorithm == null ? "no algorithm" : algorithm.specName()));
    }
    if (key.length == 0) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key is empty");
    }
    try {
      Mac mac = algorithm == CryptographicAlgorithm.AES ? Mac.getInstance(name, BC) : Mac.getInstance(name);
      mac.init(new SecretKeySpec(key, name));
      return mac;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key does not suit " + algorithm.specName());
    }
  }
}
