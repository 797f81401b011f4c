package keyward.server.crypto;

import java.security.AsymmetricKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Map;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;
import org.bouncycastle.jcajce.spec.SLHDSAParameterSpec;

/**
 * The asymmetric key pairs the server makes, as KMIP describes them (Cryptographic Algorithm,
 * Cryptographic Length, Recommended Curve) and as the JCA names them. RSA 2048 to 4096 bits;
 * EC on P-256/384/521 (by curve or by length); Ed25519/Ed448; X25519/X448 (EC or ECDH on
 * CURVE25519/CURVE448, 2.0+); and the post-quantum ML-KEM, ML-DSA (JDK) and SLH-DSA (Bouncy
 * Castle), whose Cryptographic Algorithm values are those of the KMIP 3.0 draft. For these the
 * Cryptographic Length is the parameter set's classical security strength (128/192/256): the
 * algorithm value already names the parameter set.
 */
public final class AsymmetricKeys {
  /** A kind of key pair: the KMIP description and the JCA algorithm with its parameters. */
  public record Kind(CryptographicAlgorithm algorithm, int length, RecommendedCurve curve, String jca,
      AlgorithmParameterSpec params, boolean bouncyCastle) {}

  public static final int MIN_RSA_BITS = 2048;
  public static final int MAX_RSA_BITS = 4096;

  private static final Map<RecommendedCurve, String> NIST_CURVES = Map.of(
      RecommendedCurve.P_256, "secp256r1", RecommendedCurve.P_384, "secp384r1", RecommendedCurve.P_521, "secp521r1");

  private AsymmetricKeys() {}

  /**
   * The pair to create for these attribute values (each may be null when absent). A value
   * the algorithm cannot have is Invalid Field; an algorithm or curve the server does not
   * make key pairs for is Feature Not Supported (DSA, DH, binary and Brainpool curves).
   */
  public static Kind kind(Integer algorithm, Integer length, Integer curve) throws KmipException {
    if (algorithm == null) {
      throw KmipException.invalidField("Cryptographic Algorithm is required to create a key pair");
    }
    CryptographicAlgorithm alg = CryptographicAlgorithm.fromValue(algorithm);
    if (alg == null) {
      throw KmipException.invalidField("unknown Cryptographic Algorithm");
    }
    RecommendedCurve rc = curve == null ? null : RecommendedCurve.fromValue(curve);
    if (curve != null && rc == null) {
      throw KmipException.invalidField("unknown Recommended Curve");
    }
    return switch (alg) {
      case RSA -> rsa(length);
      case EC, ECDSA, ECDH -> ec(alg, length, rc);
      case ED25519 -> named(alg, 256, "Ed25519", NamedParameterSpec.ED25519, length, rc);
      case ED448 -> named(alg, 448, "Ed448", NamedParameterSpec.ED448, length, rc);
      case ML_KEM_512 -> named(alg, 128, "ML-KEM", NamedParameterSpec.ML_KEM_512, length, rc);
      case ML_KEM_768 -> named(alg, 192, "ML-KEM", NamedParameterSpec.ML_KEM_768, length, rc);
      case ML_KEM_1024 -> named(alg, 256, "ML-KEM", NamedParameterSpec.ML_KEM_1024, length, rc);
      case ML_DSA_44 -> named(alg, 128, "ML-DSA", NamedParameterSpec.ML_DSA_44, length, rc);
      case ML_DSA_65 -> named(alg, 192, "ML-DSA", NamedParameterSpec.ML_DSA_65, length, rc);
      case ML_DSA_87 -> named(alg, 256, "ML-DSA", NamedParameterSpec.ML_DSA_87, length, rc);
      case SLH_DSA_SHA2_128S -> slh(alg, 128, SLHDSAParameterSpec.slh_dsa_sha2_128s, length, rc);
      case SLH_DSA_SHA2_128F -> slh(alg, 128, SLHDSAParameterSpec.slh_dsa_sha2_128f, length, rc);
      case SLH_DSA_SHA2_192S -> slh(alg, 192, SLHDSAParameterSpec.slh_dsa_sha2_192s, length, rc);
      case SLH_DSA_SHA2_192F -> slh(alg, 192, SLHDSAParameterSpec.slh_dsa_sha2_192f, length, rc);
      case SLH_DSA_SHA2_256S -> slh(alg, 256, SLHDSAParameterSpec.slh_dsa_sha2_256s, length, rc);
      case SLH_DSA_SHA2_256F -> slh(alg, 256, SLHDSAParameterSpec.slh_dsa_sha2_256f, length, rc);
      case SLH_DSA_SHAKE_128S -> slh(alg, 128, SLHDSAParameterSpec.slh_dsa_shake_128s, length, rc);
      case SLH_DSA_SHAKE_128F -> slh(alg, 128, SLHDSAParameterSpec.slh_dsa_shake_128f, length, rc);
      case SLH_DSA_SHAKE_192S -> slh(alg, 192, SLHDSAParameterSpec.slh_dsa_shake_192s, length, rc);
      case SLH_DSA_SHAKE_192F -> slh(alg, 192, SLHDSAParameterSpec.slh_dsa_shake_192f, length, rc);
      case SLH_DSA_SHAKE_256S -> slh(alg, 256, SLHDSAParameterSpec.slh_dsa_shake_256s, length, rc);
      case SLH_DSA_SHAKE_256F -> slh(alg, 256, SLHDSAParameterSpec.slh_dsa_shake_256f, length, rc);
      case DSA -> finiteField(alg, "DSA", length, rc, 2048, 3072);
      case DH -> finiteField(alg, "DH", length, rc, 2048, 3072, 4096);
      case ECMQV -> throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not create " + alg.specName() + " key pairs");
      default -> throw KmipException.invalidField(alg.specName() + " is not an asymmetric algorithm");
    };
  }

  /** A fresh key pair; its randomness comes from the engine's approved generator. */
  public static KeyPair generate(Kind kind, CryptoEngine crypto) throws KmipException {
    try {
      KeyPairGenerator g = kind.bouncyCastle()
          ? KeyPairGenerator.getInstance(kind.jca(), Providers.BC) : KeyPairGenerator.getInstance(kind.jca());
      SecureRandom random = new EngineRandom(crypto);
      if (kind.params() != null) {
        g.initialize(kind.params(), random);
      } else {
        g.initialize(kind.length(), random);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "key pair generation failed");
    }
  }

  /** The Cryptographic Length of an existing key, as {@link #kind} counts it; 0 when unknown. */
  public static int length(Key key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof java.security.interfaces.DSAKey dsa && dsa.getParams() != null) {
      return dsa.getParams().getP().bitLength();
    }
    if (key instanceof javax.crypto.interfaces.DHKey dh) {
      return dh.getParams().getP().bitLength();
    }
    if (key instanceof ECKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    String name = key instanceof AsymmetricKey a && a.getParams() instanceof NamedParameterSpec n
        ? n.getName() : key.getAlgorithm();
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    if (upper.startsWith("SLH-DSA-")) { // SLH-DSA-SHA2-128F: the strength is in the name
      String set = upper.substring(upper.lastIndexOf('-') + 1);
      return set.length() == 4 && Character.isDigit(set.charAt(0)) ? Integer.parseInt(set.substring(0, 3)) : 0;
    }
    return switch (upper) {
      case "ED25519", "X25519" -> 256;
      case "ED448", "X448" -> 448;
      case "ML-KEM-512", "ML-DSA-44" -> 128;
      case "ML-KEM-768", "ML-DSA-65" -> 192;
      case "ML-KEM-1024", "ML-DSA-87" -> 256;
      default -> 0;
    };
  }

  private static Kind rsa(Integer length) throws KmipException {
    if (length == null) {
      throw KmipException.invalidField("Cryptographic Length is required for an RSA key pair");
    }
    if (length < MIN_RSA_BITS || length > MAX_RSA_BITS || length % 8 != 0) {
      throw KmipException.invalidField("RSA key pairs are " + MIN_RSA_BITS + " to " + MAX_RSA_BITS
          + " bits, in whole bytes");
    }
    return new Kind(CryptographicAlgorithm.RSA, length, null, "RSA", null, false);
  }

  /** EC keys: the curve named, else the NIST prime curve of the length; X25519/X448 by curve. */
  private static Kind ec(CryptographicAlgorithm alg, Integer length, RecommendedCurve curve) throws KmipException {
    RecommendedCurve c = curve;
    if (c == null && length != null) {
      c = switch (length) {
        case 256 -> RecommendedCurve.P_256;
        case 384 -> RecommendedCurve.P_384;
        case 521 -> RecommendedCurve.P_521;
        default -> throw KmipException.invalidField("no recommended curve has " + length + " bits");
      };
    }
    if (c == null) {
      throw KmipException.invalidField("an EC key pair needs a Recommended Curve or a Cryptographic Length");
    }
    if (c == RecommendedCurve.CURVE25519 || c == RecommendedCurve.CURVE448) {
      if (alg == CryptographicAlgorithm.ECDSA) {
        throw KmipException.invalidField(c.specName() + " is a key agreement curve, not an ECDSA one");
      }
      int bits = c == RecommendedCurve.CURVE25519 ? 256 : 448;
      return checkLength(new Kind(alg, bits, c, c == RecommendedCurve.CURVE25519 ? "X25519" : "X448",
          c == RecommendedCurve.CURVE25519 ? NamedParameterSpec.X25519 : NamedParameterSpec.X448, false), length);
    }
    String name = NIST_CURVES.get(c);
    if (name == null) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server makes EC key pairs on P-256, P-384, P-521, CURVE25519 and CURVE448");
    }
    int bits = Integer.parseInt(c.specName().substring(2));
    return checkLength(new Kind(alg, bits, c, "EC", new ECGenParameterSpec(name), false), length);
  }

  /**
   * DSA and Diffie-Hellman over a prime field: the length is the prime's (FIPS 186-4 DSA with
   * 2048/3072-bit primes; DH groups of 2048 to 4096 bits). The JDK's generators use their
   * precomputed domain parameters for these sizes, so creating a pair takes no prime search.
   */
  private static Kind finiteField(CryptographicAlgorithm alg, String jca, Integer length, RecommendedCurve curve,
      int... allowed) throws KmipException {
    noCurve(alg, curve);
    if (length == null) {
      throw KmipException.invalidField("Cryptographic Length is required for a " + alg.specName() + " key pair");
    }
    for (int a : allowed) {
      if (a == length) {
        return new Kind(alg, length, null, jca, null, false);
      }
    }
    throw KmipException.invalidField(alg.specName() + " key pairs are " + java.util.Arrays.toString(allowed) + " bits");
  }

  private static Kind named(CryptographicAlgorithm alg, int bits, String jca, NamedParameterSpec spec,
      Integer length, RecommendedCurve curve) throws KmipException {
    noCurve(alg, curve);
    return checkLength(new Kind(alg, bits, null, jca, spec, false), length);
  }

  private static Kind slh(CryptographicAlgorithm alg, int bits, SLHDSAParameterSpec spec, Integer length,
      RecommendedCurve curve) throws KmipException {
    noCurve(alg, curve);
    return checkLength(new Kind(alg, bits, null, "SLH-DSA", spec, true), length);
  }

  private static void noCurve(CryptographicAlgorithm alg, RecommendedCurve curve) throws KmipException {
    if (curve != null) {
      throw KmipException.invalidField(alg.specName() + " takes no Recommended Curve");
    }
  }

  private static Kind checkLength(Kind kind, Integer length) throws KmipException {
    if (length != null && length != kind.length()) {
      throw KmipException.invalidField(kind.algorithm().specName()
          + (kind.curve() != null ? " on " + kind.curve().specName() : "") + " keys are " + kind.length() + " bits");
    }
    return kind;
  }
}
