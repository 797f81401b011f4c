package keyward.server.crypto;

import java.util.Map;
import java.util.Optional;
import keyward.kmip.spec.CryptographicAlgorithm;

/**
 * The cipher table: which Cryptographic Algorithm encrypts and decrypts how. Encrypt and Decrypt
 * look the key's (or the request's) algorithm up here, so a new algorithm (RSA, say) is one more
 * entry, not a branch in each handler.
 */
public final class Ciphers {
  private static final Map<CryptographicAlgorithm, CipherAlgorithm> TABLE = Map.of(
      CryptographicAlgorithm.AES, BlockCiphers.AES,
      CryptographicAlgorithm.DES3, BlockCiphers.TRIPLE_DES,
      CryptographicAlgorithm.CHACHA20, ChaChaCiphers.CHACHA20,
      CryptographicAlgorithm.CHACHA20POLY1305, ChaChaCiphers.CHACHA20_POLY1305);

  private Ciphers() {}

  public static Optional<CipherAlgorithm> forAlgorithm(CryptographicAlgorithm algorithm) {
    return Optional.ofNullable(TABLE.get(algorithm));
  }
}
