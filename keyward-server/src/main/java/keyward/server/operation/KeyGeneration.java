package keyward.server.operation;

import java.util.Set;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;

/**
 * Which symmetric keys and secret data the server generates, and how long they are. A key is
 * random bytes from the engine's approved generator; Triple DES keys get DES odd parity. What
 * is not a symmetric algorithm, or a length the algorithm does not have, is an incorrect
 * attribute value (Invalid Field, 1.4 §11.1); a symmetric algorithm the server does not offer
 * (legacy ciphers, DES, HMAC-MD5) is Feature Not Supported.
 */
final class KeyGeneration {
  /** A key to generate: Cryptographic Length as stored, and the number of bytes. */
  record Spec(CryptographicAlgorithm algorithm, int length, int bytes) {}

  /** HMAC keys shorter than this are refused (NIST SP 800-131A: at least 112 bits). */
  static final int MIN_HMAC_BITS = 112;
  /** Longest HMAC key or Secret Data generated: bounds the allocation. */
  static final int MAX_BITS = 4096;

  private static final Set<CryptographicAlgorithm> NOT_OFFERED = Set.of(
      CryptographicAlgorithm.DES, CryptographicAlgorithm.HMAC_MD5, CryptographicAlgorithm.BLOWFISH,
      CryptographicAlgorithm.CAST5, CryptographicAlgorithm.IDEA, CryptographicAlgorithm.MARS,
      CryptographicAlgorithm.RC2, CryptographicAlgorithm.RC4, CryptographicAlgorithm.RC5,
      CryptographicAlgorithm.SKIPJACK, CryptographicAlgorithm.TWOFISH,
      CryptographicAlgorithm.GOST_28147_89, CryptographicAlgorithm.GOST_R_34_13_2015,
      CryptographicAlgorithm.ONE_TIME_PAD);

  private KeyGeneration() {}

  /** The key to create for these attribute values (either may be null when absent). */
  static Spec symmetric(Integer algorithm, Integer length) throws KmipException {
    if (algorithm == null) {
      throw KmipException.invalidField("Cryptographic Algorithm is required to create a symmetric key");
    }
    CryptographicAlgorithm alg = CryptographicAlgorithm.fromValue(algorithm);
    if (alg == null) {
      throw KmipException.invalidField("unknown Cryptographic Algorithm");
    }
    if (NOT_OFFERED.contains(alg)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not create " + alg.specName() + " keys");
    }
    return switch (alg) {
      // 512: an XTS-AES-256 key, Key1 || Key2 (IEEE 1619); XTS-AES-128's 256 bits are AES-256's length
      case AES -> fixed(alg, length, null, 128, 192, 256, 512);
      case CAMELLIA, ARIA -> fixed(alg, length, null, 128, 192, 256);
      case SEED, SM4 -> fixed(alg, length, 128, 128);
      case CHACHA20, CHACHA20POLY1305, POLY1305 -> fixed(alg, length, 256, 256);
      case DES3 -> tripleDes(length);
      case HMAC_SHA1 -> hmac(alg, length, 160);
      case HMAC_SHA224, HMAC_SHA3_224 -> hmac(alg, length, 224);
      case HMAC_SHA256, HMAC_SHA3_256 -> hmac(alg, length, 256);
      case HMAC_SHA384, HMAC_SHA3_384 -> hmac(alg, length, 384);
      case HMAC_SHA512, HMAC_SHA3_512 -> hmac(alg, length, 512);
      default -> throw KmipException.invalidField(alg.specName() + " is not a symmetric key algorithm");
    };
  }

  /**
   * Refuses a key marked Quantum Safe (2.0+) that is not: Grover's search halves a symmetric
   * key's strength, so only keys of 256 bits or more (and never Triple DES) qualify. QS-M-2-21
   * answers an AES-128 key asked to be quantum safe with General Failure.
   */
  static void checkQuantumSafe(boolean asked, CryptographicAlgorithm alg, int bits) throws KmipException {
    if (asked && (alg == CryptographicAlgorithm.DES3 || bits < 256)) {
      throw new KmipException(ResultReason.GENERAL_FAILURE,
          "NOT_SAFE: a " + bits + "-bit " + alg.specName() + " key is not quantum safe");
    }
  }

  /** Secret Data of the requested Cryptographic Length in bits (TC-CREATE-SD-1-21). */
  static int secretDataBytes(Integer length) throws KmipException {
    if (length == null) {
      throw KmipException.invalidField("Cryptographic Length is required to create Secret Data");
    }
    if (length <= 0 || length % 8 != 0 || length > MAX_BITS) {
      throw KmipException.invalidField("Secret Data length must be a multiple of 8 bits up to " + MAX_BITS);
    }
    return length / 8;
  }

  /** Fresh key bytes for the spec; the caller owns (and zeroes) the array. */
  static byte[] generate(Spec spec, CryptoEngine crypto) {
    byte[] key = crypto.randomBytes(spec.bytes());
    if (spec.algorithm() == CryptographicAlgorithm.DES3) {
      for (int i = 0; i < key.length; i++) {
        key[i] = oddParity(key[i]);
      }
    }
    return key;
  }

  /** The byte with its low bit set so the byte has an odd number of ones (FIPS 46-3). */
  static byte oddParity(byte b) {
    int high = (b & 0xFE);
    return (byte) (Integer.bitCount(high) % 2 == 0 ? high | 1 : high);
  }

  private static Spec fixed(CryptographicAlgorithm alg, Integer length, Integer dflt, int... allowed)
      throws KmipException {
    Integer len = length != null ? length : dflt;
    if (len == null) {
      throw KmipException.invalidField("Cryptographic Length is required for " + alg.specName());
    }
    for (int a : allowed) {
      if (a == len) {
        return new Spec(alg, len, len / 8);
      }
    }
    throw KmipException.invalidField(alg.specName() + " keys are not " + len + " bits long");
  }

  /**
   * Three-key Triple DES is 168 bits of key in 24 bytes with parity (SKFF-M-4-21 asks for 168;
   * 192 counts the parity bits); two-key is 112 (128 with parity) in 16 bytes.
   */
  private static Spec tripleDes(Integer length) throws KmipException {
    int len = length != null ? length : 168;
    return switch (len) {
      case 168, 192 -> new Spec(CryptographicAlgorithm.DES3, len, 24);
      case 112, 128 -> new Spec(CryptographicAlgorithm.DES3, len, 16);
      default -> throw KmipException.invalidField("Triple DES keys are 112 or 168 bits long");
    };
  }

  /** HMAC keys: as long as asked (in whole bytes), by default the hash's output size. */
  private static Spec hmac(CryptographicAlgorithm alg, Integer length, int hashBits) throws KmipException {
    int len = length != null ? length : hashBits;
    if (len % 8 != 0 || len < MIN_HMAC_BITS || len > MAX_BITS) {
      throw KmipException.invalidField(alg.specName() + " keys must be a multiple of 8 bits from "
          + MIN_HMAC_BITS + " to " + MAX_BITS);
    }
    return new Spec(alg, len, len / 8);
  }
}
