package keyward.server.object;

import java.security.AsymmetricKey;
import java.security.Key;
import java.security.spec.NamedParameterSpec;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;

/**
 * Which Key Format Types a public or private key can be read from and given out in
 * ({@link AsymmetricKeyBlocks} does the work), and the KMIP Cryptographic Algorithm of a key.
 */
public final class AsymmetricFormats {
  private static final Set<KeyFormatType> PRIVATE = EnumSet.of(KeyFormatType.PKCS_1, KeyFormatType.PKCS_8,
      KeyFormatType.ECPRIVATEKEY, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY,
      KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY, KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY,
      KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, KeyFormatType.TRANSPARENT_DH_PRIVATE_KEY);
  private static final Set<KeyFormatType> PUBLIC = EnumSet.of(KeyFormatType.PKCS_1, KeyFormatType.X_509,
      KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY, KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY, KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY, KeyFormatType.TRANSPARENT_DH_PUBLIC_KEY);

  private AsymmetricFormats() {}

  /** True when the server parses keys of this type in this format. */
  public static boolean readable(ObjectType type, KeyFormatType format) {
    return type == ObjectType.PRIVATE_KEY ? PRIVATE.contains(format)
        : type == ObjectType.PUBLIC_KEY && PUBLIC.contains(format);
  }

  /** The Cryptographic Algorithm value for a JCA key (EC keys: EC), if KMIP has one. */
  public static Optional<CryptographicAlgorithm> algorithm(Key key) {
    String name = key instanceof AsymmetricKey a && a.getParams() instanceof NamedParameterSpec n
        ? n.getName() : key.getAlgorithm();
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.startsWith("SLH-DSA-")) { // Bouncy Castle: SLH-DSA-SHA2-128F and so on
      try {
        return Optional.of(CryptographicAlgorithm.valueOf(upper.replace('-', '_')));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(switch (upper) {
      case "RSA" -> CryptographicAlgorithm.RSA;
      case "DSA" -> CryptographicAlgorithm.DSA;
      case "DH", "DIFFIEHELLMAN" -> CryptographicAlgorithm.DH;
      case "EC", "ECDSA", "X25519", "X448", "XDH" -> CryptographicAlgorithm.EC;
      case "ED25519" -> CryptographicAlgorithm.ED25519;
      case "ED448" -> CryptographicAlgorithm.ED448;
      case "ML-KEM-512" -> CryptographicAlgorithm.ML_KEM_512;
      case "ML-KEM-768" -> CryptographicAlgorithm.ML_KEM_768;
      case "ML-KEM-1024" -> CryptographicAlgorithm.ML_KEM_1024;
      case "ML-DSA-44" -> CryptographicAlgorithm.ML_DSA_44;
      case "ML-DSA-65" -> CryptographicAlgorithm.ML_DSA_65;
      case "ML-DSA-87" -> CryptographicAlgorithm.ML_DSA_87;
      default -> null;
    });
  }
}
