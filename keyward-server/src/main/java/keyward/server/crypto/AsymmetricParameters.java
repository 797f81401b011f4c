package keyward.server.crypto;

import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * The parts of Cryptographic Parameters (1.4 §3.6, 2.1 §4.13) that asymmetric signing and RSA
 * encryption read: Padding Method, Hashing Algorithm, Digital Signature Algorithm, Salt Length,
 * Mask Generator Hashing Algorithm and P Source. Absent fields are null.
 */
public record AsymmetricParameters(Integer padding, Integer hashing, Integer signatureAlgorithm,
    Integer saltLength, Integer maskGeneratorHashing, byte[] pSource) {

  public static final AsymmetricParameters NONE = new AsymmetricParameters(null, null, null, null, null, null);

  /** Reads a Cryptographic Parameters structure (null: none given). */
  public static AsymmetricParameters of(Item.Structure p) throws KmipException {
    if (p == null) {
      return NONE;
    }
    if (p.first(Tag.MASK_GENERATOR).filter(Item.Enumeration.class::isInstance)
        .map(i -> ((Item.Enumeration) i).value() != keyward.kmip.spec.MaskGenerator.MGF1.value()).orElse(false)) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "MGF1 is the only Mask Generator");
    }
    return new AsymmetricParameters(enumeration(p, Tag.PADDING_METHOD), enumeration(p, Tag.HASHING_ALGORITHM),
        enumeration(p, Tag.DIGITAL_SIGNATURE_ALGORITHM), integer(p, Tag.SALT_LENGTH),
        enumeration(p, Tag.MASK_GENERATOR_HASHING_ALGORITHM),
        p.first(Tag.P_SOURCE).filter(Item.ByteString.class::isInstance).map(i -> ((Item.ByteString) i).value())
            .orElse(null));
  }

  /** The JCA digest name of a Hashing Algorithm value ("SHA-256"). */
  public static String digestName(int hashing) throws KmipException {
    HashingAlgorithm h = HashingAlgorithm.fromValue(hashing);
    String name = h == null ? null : switch (h) {
      case SHA_1 -> "SHA-1";
      case SHA_224 -> "SHA-224";
      case SHA_256 -> "SHA-256";
      case SHA_384 -> "SHA-384";
      case SHA_512 -> "SHA-512";
      case SHA_512_224 -> "SHA-512/224";
      case SHA_512_256 -> "SHA-512/256";
      case SHA_3_224, SHA3_224 -> "SHA3-224";
      case SHA_3_256, SHA3_256 -> "SHA3-256";
      case SHA_3_384, SHA3_384 -> "SHA3-384";
      case SHA_3_512, SHA3_512 -> "SHA3-512";
      default -> null;
    };
    if (name == null) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
          "this server does not use " + (h == null ? "that hashing algorithm" : h.specName()));
    }
    return name;
  }

  /** The JCA signature-name form of a digest ("SHA256", "SHA3-256"). */
  static String signatureDigest(String digestName) {
    return digestName.startsWith("SHA3-") ? digestName : digestName.replace("-", "").replace("/", "");
  }

  private static Integer enumeration(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value()).orElse(null);
  }

  private static Integer integer(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Integer.class::isInstance).map(i -> ((Item.Integer) i).value()).orElse(null);
  }

  @Override
  public String toString() {
    return "AsymmetricParameters[padding=" + padding + ", hashing=" + hashing + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AsymmetricParameters p && java.util.Objects.equals(padding, p.padding)
        && java.util.Objects.equals(hashing, p.hashing) && java.util.Objects.equals(signatureAlgorithm, p.signatureAlgorithm)
        && java.util.Objects.equals(saltLength, p.saltLength)
        && java.util.Objects.equals(maskGeneratorHashing, p.maskGeneratorHashing)
        && java.util.Arrays.equals(pSource, p.pSource);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(padding, hashing, signatureAlgorithm, saltLength, maskGeneratorHashing)
        + java.util.Arrays.hashCode(pSource);
  }
}
