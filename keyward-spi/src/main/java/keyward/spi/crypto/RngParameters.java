package keyward.spi.crypto;

/**
 * A random number generator described in the terms of KMIP's RNG Parameters (KMIP 2.1 §2.1.18,
 * the Random Number Generator attribute), each a spec name or null when it does not apply.
 *
 * @param rngAlgorithm "DRBG", "ANSI X9.31", ... ("Unspecified" when not known)
 * @param cryptographicAlgorithm the block cipher under the generator, e.g. "AES"
 * @param cryptographicLength that cipher's key length in bits
 * @param hashingAlgorithm the hash under a Hash or HMAC DRBG, e.g. "SHA-256"
 * @param drbgAlgorithm "Hash", "HMAC" or "CTR" for a DRBG
 * @param predictionResistance whether every request reseeds (SP 800-90A prediction resistance)
 */
public record RngParameters(String rngAlgorithm, String cryptographicAlgorithm, Integer cryptographicLength,
    String hashingAlgorithm, String drbgAlgorithm, Boolean predictionResistance) {

  public static final RngParameters UNSPECIFIED = new RngParameters("Unspecified", null, null, null, null, null);
}
