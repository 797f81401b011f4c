package keyward.spi.crypto;

/**
 * The cryptography the server needs, behind one interface so a JCA engine and a PKCS#11 (HSM)
 * engine can stand in for each other. Grows with the cryptographic operations.
 */
public interface CryptoEngine {

  /** Fresh key material or random data from the engine's approved generator. */
  byte[] randomBytes(int length);

  /** A message digest, e.g. "SHA-256". */
  byte[] digest(String algorithm, byte[] data);

  /**
   * Offers client seed data to the generator (KMIP RNG Seed) and returns how many bytes were
   * accepted. An engine whose generator takes no outside input accepts none.
   */
  default int seed(byte[] data) {
    return 0;
  }

  /** Name of the random number generator, for the Random Number Generator attribute. */
  String rngName();

  /**
   * The generator behind {@link #randomBytes}, for the Random Number Generator attribute of the
   * objects it makes: it must describe the generator really used.
   */
  default RngParameters rng() {
    return RngParameters.UNSPECIFIED;
  }
}
