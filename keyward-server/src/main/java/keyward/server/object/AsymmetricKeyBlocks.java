package keyward.server.object;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.Providers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Public and private key blocks (1.4 §2.1.7, 2.1 §2.1.7) to JCA keys and back, in the formats
 * the spec defines for them: PKCS#1 (RSA), PKCS#8, X.509 SubjectPublicKeyInfo, ECPrivateKey
 * (SEC1, RFC 5915), Transparent RSA and Transparent EC/ECDSA/ECDH keys. Ed25519/Ed448,
 * X25519/X448, ML-KEM, ML-DSA and SLH-DSA keys are PKCS#8 and X.509 only. A conversion the spec
 * does not define for the key is Key Format Type Not Supported. Malformed key material is
 * Invalid Field, with no key bytes in the message.
 */
public final class AsymmetricKeyBlocks {
  private static final String EC_OID = X9ObjectIdentifiers.id_ecPublicKey.getId();
  /** SubjectPublicKeyInfo / PrivateKeyInfo algorithm OIDs and the JCA name of their keys. */
  private static final Map<String, String> ALGORITHMS = Map.ofEntries(
      Map.entry(PKCSObjectIdentifiers.rsaEncryption.getId(), "RSA"), Map.entry(EC_OID, "EC"),
      Map.entry("1.2.840.10040.4.1", "DSA"), Map.entry("1.2.840.113549.1.3.1", "DH"),
      Map.entry("1.2.840.10046.2.1", "DH"),
      Map.entry("1.3.101.110", "X25519"), Map.entry("1.3.101.111", "X448"),
      Map.entry("1.3.101.112", "Ed25519"), Map.entry("1.3.101.113", "Ed448"),
      Map.entry("2.16.840.1.101.3.4.4.1", "ML-KEM"), Map.entry("2.16.840.1.101.3.4.4.2", "ML-KEM"),
      Map.entry("2.16.840.1.101.3.4.4.3", "ML-KEM"), Map.entry("2.16.840.1.101.3.4.3.17", "ML-DSA"),
      Map.entry("2.16.840.1.101.3.4.3.18", "ML-DSA"), Map.entry("2.16.840.1.101.3.4.3.19", "ML-DSA"));
  /** The SLH-DSA OIDs (FIPS 205, 2.16.840.1.101.3.4.3.20 to .31): Bouncy Castle's keys. */
  private static final String SLH_DSA_ARC = "2.16.840.1.101.3.4.3.";
  /** Named curves as OIDs, for the Transparent EC formats' Recommended Curve. */
  private static final Map<String, RecommendedCurve> CURVES = Map.of(
      "1.2.840.10045.3.1.7", RecommendedCurve.P_256, "1.3.132.0.34", RecommendedCurve.P_384,
      "1.3.132.0.35", RecommendedCurve.P_521, "1.3.132.0.10", RecommendedCurve.SECP256K1);

  private AsymmetricKeyBlocks() {}

  /** The private key a key block holds. */
  public static PrivateKey privateKey(Item.Structure keyBlock) throws KmipException {
    KeyFormatType f = KeyBlocks.format(keyBlock).orElseThrow(AsymmetricKeyBlocks::malformed);
    Item m = KeyBlocks.keyMaterial(keyBlock).orElseThrow(AsymmetricKeyBlocks::malformed);
    try {
      return switch (f) {
        case PKCS_8 -> pkcs8(bytes(m));
        case PKCS_1 -> pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
            DERNull.INSTANCE), ASN1Primitive.fromByteArray(bytes(m))).getEncoded());
        case ECPRIVATEKEY -> {
          var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(bytes(m));
          if (sec1.getParametersObject() == null) {
            throw KmipException.invalidField("the ECPrivateKey names no curve");
          }
          PrivateKey key = pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
              sec1.getParametersObject()), sec1).getEncoded());
          // the same key from its scalar: one PKCS#8 encoding whichever way the key came in
          // (the JDK's keys only: a curve it lacks stays with Bouncy Castle, which signs with it)
          yield key instanceof ECPrivateKey ec && !key.getClass().getName().startsWith("org.bouncycastle")
              ? (PrivateKey) generate("EC", true, new ECPrivateKeySpec(ec.getS(), ec.getParams())) : key;
        }
        case TRANSPARENT_RSA_PRIVATE_KEY -> (PrivateKey) generate("RSA", true, transparentRsaPrivate(struct(m)));
        case TRANSPARENT_DSA_PRIVATE_KEY -> (PrivateKey) generate("DSA", true, new java.security.spec.DSAPrivateKeySpec(
            big(struct(m), Tag.X), big(struct(m), Tag.P), big(struct(m), Tag.Q), big(struct(m), Tag.G)));
        case TRANSPARENT_DH_PRIVATE_KEY -> (PrivateKey) generate("DH", true, new javax.crypto.spec.DHPrivateKeySpec(
            big(struct(m), Tag.X), big(struct(m), Tag.P), big(struct(m), Tag.G)));
        case TRANSPARENT_EC_PRIVATE_KEY, TRANSPARENT_ECDSA_PRIVATE_KEY, TRANSPARENT_ECDH_PRIVATE_KEY ->
            (PrivateKey) generate("EC", true, new ECPrivateKeySpec(big(struct(m), Tag.D), curveSpec(struct(m))));
        default -> throw formatRefused(f, ObjectType.PRIVATE_KEY);
      };
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw malformed();
    }
  }

  /** The public key a key block holds. */
  public static PublicKey publicKey(Item.Structure keyBlock) throws KmipException {
    KeyFormatType f = KeyBlocks.format(keyBlock).orElseThrow(AsymmetricKeyBlocks::malformed);
    Item m = KeyBlocks.keyMaterial(keyBlock).orElseThrow(AsymmetricKeyBlocks::malformed);
    try {
      return switch (f) {
        case X_509 -> x509(bytes(m));
        case PKCS_1 -> x509(new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
            DERNull.INSTANCE), ASN1Primitive.fromByteArray(bytes(m))).getEncoded());
        case TRANSPARENT_DSA_PUBLIC_KEY -> (PublicKey) generate("DSA", false, new java.security.spec.DSAPublicKeySpec(
            big(struct(m), Tag.Y), big(struct(m), Tag.P), big(struct(m), Tag.Q), big(struct(m), Tag.G)));
        case TRANSPARENT_DH_PUBLIC_KEY -> (PublicKey) generate("DH", false, new javax.crypto.spec.DHPublicKeySpec(
            big(struct(m), Tag.Y), big(struct(m), Tag.P), big(struct(m), Tag.G)));
        case TRANSPARENT_RSA_PUBLIC_KEY -> (PublicKey) generate("RSA", false,
            new RSAPublicKeySpec(big(struct(m), Tag.MODULUS), big(struct(m), Tag.PUBLIC_EXPONENT)));
        case TRANSPARENT_EC_PUBLIC_KEY, TRANSPARENT_ECDSA_PUBLIC_KEY, TRANSPARENT_ECDH_PUBLIC_KEY -> {
          ECParameterSpec spec = curveSpec(struct(m));
          yield (PublicKey) generate("EC", false, new ECPublicKeySpec(point(struct(m), spec), spec));
        }
        default -> throw formatRefused(f, ObjectType.PUBLIC_KEY);
      };
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw malformed();
    }
  }

  /** The Key Material of the key in a format; Key Format Type Not Supported when undefined. */
  public static Item material(Key key, KeyFormatType to) throws KmipException {
    key = withoutPrivateValueLength(key);
    boolean isPrivate = key instanceof PrivateKey;
    ObjectType type = isPrivate ? ObjectType.PRIVATE_KEY : ObjectType.PUBLIC_KEY;
    byte[] encoded = key.getEncoded();
    try {
      if (to == (isPrivate ? KeyFormatType.PKCS_8 : KeyFormatType.X_509)) {
        return new Item.ByteString(Tag.KEY_MATERIAL, encoded.clone());
      }
      Item finiteField = finiteField(key, to);
      if (finiteField != null) {
        return finiteField;
      }
      if (key instanceof RSAPrivateKey rsa) {
        return switch (to) {
          case PKCS_1 -> bytes(PrivateKeyInfo.getInstance(encoded).parsePrivateKey().toASN1Primitive().getEncoded("DER"));
          case TRANSPARENT_RSA_PRIVATE_KEY -> transparentRsa(rsa);
          default -> throw formatRefused(to, type);
        };
      }
      if (key instanceof RSAPublicKey rsa) {
        return switch (to) {
          case PKCS_1 -> bytes(SubjectPublicKeyInfo.getInstance(encoded).parsePublicKey().getEncoded("DER"));
          case TRANSPARENT_RSA_PUBLIC_KEY -> new Item.Structure(Tag.KEY_MATERIAL,
              new Item.BigInteger(Tag.MODULUS, rsa.getModulus()),
              new Item.BigInteger(Tag.PUBLIC_EXPONENT, rsa.getPublicExponent()));
          default -> throw formatRefused(to, type);
        };
      }
      if (key instanceof ECPrivateKey ec) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
        return switch (to) {
          case ECPRIVATEKEY -> bytes(new org.bouncycastle.asn1.sec.ECPrivateKey(
              ec.getParams().getOrder().bitLength(), ec.getS(), info.getPrivateKeyAlgorithm().getParameters())
              .getEncoded("DER"));
          case TRANSPARENT_EC_PRIVATE_KEY, TRANSPARENT_ECDSA_PRIVATE_KEY, TRANSPARENT_ECDH_PRIVATE_KEY ->
              new Item.Structure(Tag.KEY_MATERIAL, curve(info.getPrivateKeyAlgorithm(), to, type),
                  new Item.BigInteger(Tag.D, ec.getS()));
          default -> throw formatRefused(to, type);
        };
      }
      if (key instanceof ECPublicKey ec) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(encoded);
        return switch (to) {
          case TRANSPARENT_EC_PUBLIC_KEY, TRANSPARENT_ECDSA_PUBLIC_KEY, TRANSPARENT_ECDH_PUBLIC_KEY ->
              new Item.Structure(Tag.KEY_MATERIAL, curve(info.getAlgorithm(), to, type),
                  new Item.ByteString(Tag.Q_STRING, info.getPublicKeyData().getOctets()));
          default -> throw formatRefused(to, type);
        };
      }
      throw formatRefused(to, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key could not be encoded");
    } finally {
      if (encoded != null && isPrivate) {
        Arrays.fill(encoded, (byte) 0);
      }
    }
  }

  /**
   * The key block in another format: its Key Format Type and Key Material replaced, the rest
   * (algorithm, length) kept. A wrapped block cannot be converted.
   */
  public static Item.Structure convert(ObjectType type, Item.Structure keyBlock, KeyFormatType to)
      throws KmipException {
    if (KeyBlocks.format(keyBlock).orElse(null) == to) {
      return keyBlock;
    }
    if (KeyBlocks.wrapped(keyBlock)) {
      throw formatRefused(to, type);
    }
    Key key = type == ObjectType.PRIVATE_KEY ? privateKey(keyBlock) : publicKey(keyBlock);
    return withMaterial(keyBlock, to, material(key, to));
  }

  /** The key block with a new Key Format Type and Key Material. */
  public static Item.Structure withMaterial(Item.Structure keyBlock, KeyFormatType format, Item material) {
    List<Item> out = new ArrayList<>();
    for (Item i : keyBlock.items()) {
      if (i.tag() == Tag.KEY_FORMAT_TYPE) {
        out.add(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, format.value()));
      } else if (i.tag() == Tag.KEY_VALUE && i instanceof Item.Structure value) {
        out.add(KeyBlocks.replace(value, Tag.KEY_MATERIAL, material));
      } else {
        out.add(i);
      }
    }
    return new Item.Structure(Tag.KEY_BLOCK, out);
  }

  /** The Recommended Curve of an EC key, if it is on a named curve the spec lists. */
  public static Optional<RecommendedCurve> curve(Key key) {
    try {
      AlgorithmIdentifier alg = key instanceof PrivateKey
          ? PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm()
          : SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
      return alg.getParameters() instanceof ASN1ObjectIdentifier oid
          ? Optional.ofNullable(CURVES.get(oid.getId())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws KmipException {
    try {
      String oid = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm().getId();
      return (PrivateKey) generate(jcaName(oid), true, new PKCS8EncodedKeySpec(der));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static PublicKey x509(byte[] der) throws KmipException {
    String oid = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm().getId();
    return (PublicKey) generate(jcaName(oid), false, new X509EncodedKeySpec(der));
  }

  private static String jcaName(String oid) throws KmipException {
    String name = oid.startsWith(SLH_DSA_ARC) && !ALGORITHMS.containsKey(oid) ? "SLH-DSA" : ALGORITHMS.get(oid);
    if (name == null) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "unsupported key algorithm " + oid);
    }
    return name;
  }

  /** The JDK's key, or Bouncy Castle's for what the JDK lacks (SLH-DSA, secp256k1). */
  private static Key generate(String alg, boolean isPrivate, KeySpec spec) throws KmipException {
    if (!alg.equals("SLH-DSA")) {
      try {
        KeyFactory f = KeyFactory.getInstance(alg);
        return isPrivate ? f.generatePrivate(spec) : f.generatePublic(spec);
      } catch (GeneralSecurityException | RuntimeException e) {
        // not the JDK's: a curve it lacks, say; Bouncy Castle may know it
      }
    }
    try {
      KeyFactory f = KeyFactory.getInstance(alg, Providers.BC);
      return isPrivate ? f.generatePrivate(spec) : f.generatePublic(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw malformed();
    }
  }

  private static KeySpec transparentRsaPrivate(Item.Structure s) throws KmipException {
    BigInteger n = big(s, Tag.MODULUS);
    BigInteger d = big(s, Tag.PRIVATE_EXPONENT);
    if (s.first(Tag.P).isPresent()) {
      return new RSAPrivateCrtKeySpec(n, big(s, Tag.PUBLIC_EXPONENT), d, big(s, Tag.P), big(s, Tag.Q),
          big(s, Tag.PRIME_EXPONENT_P), big(s, Tag.PRIME_EXPONENT_Q), big(s, Tag.CRT_COEFFICIENT));
    }
    return new RSAPrivateKeySpec(n, d);
  }

  /**
   * A DH key as its Transparent form can carry it: the JDK's generated keys name a private value
   * length in their parameters, which the KMIP formats have no field for; without it the key is
   * the same and encodes the same whichever format it came in by.
   */
  private static Key withoutPrivateValueLength(Key key) throws KmipException {
    if (key instanceof javax.crypto.interfaces.DHPrivateKey dh && dh.getParams().getL() != 0) {
      return generate("DH", true, new javax.crypto.spec.DHPrivateKeySpec(dh.getX(), dh.getParams().getP(),
          dh.getParams().getG()));
    }
    if (key instanceof javax.crypto.interfaces.DHPublicKey dh && dh.getParams().getL() != 0) {
      return generate("DH", false, new javax.crypto.spec.DHPublicKeySpec(dh.getY(), dh.getParams().getP(),
          dh.getParams().getG()));
    }
    return key;
  }

  /**
   * DSA and DH keys in their Transparent formats (1.4 §2.1.7: P, Q, G, then X or Y for DSA; P, G,
   * then X or Y for DH, whose optional Q and J the JDK's keys do not carry); null for other keys.
   */
  private static Item finiteField(Key key, KeyFormatType to) throws KmipException {
    ObjectType type = key instanceof PrivateKey ? ObjectType.PRIVATE_KEY : ObjectType.PUBLIC_KEY;
    if (key instanceof java.security.interfaces.DSAKey dsa && dsa.getParams() != null) {
      KeyFormatType transparent = type == ObjectType.PRIVATE_KEY
          ? KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY : KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY;
      if (to != transparent) {
        throw formatRefused(to, type);
      }
      var p = dsa.getParams();
      return new Item.Structure(Tag.KEY_MATERIAL, new Item.BigInteger(Tag.P, p.getP()),
          new Item.BigInteger(Tag.Q, p.getQ()), new Item.BigInteger(Tag.G, p.getG()),
          key instanceof java.security.interfaces.DSAPrivateKey x ? new Item.BigInteger(Tag.X, x.getX())
              : new Item.BigInteger(Tag.Y, ((java.security.interfaces.DSAPublicKey) key).getY()));
    }
    if (key instanceof javax.crypto.interfaces.DHKey dh) {
      KeyFormatType transparent = type == ObjectType.PRIVATE_KEY
          ? KeyFormatType.TRANSPARENT_DH_PRIVATE_KEY : KeyFormatType.TRANSPARENT_DH_PUBLIC_KEY;
      if (to != transparent) {
        throw formatRefused(to, type);
      }
      return new Item.Structure(Tag.KEY_MATERIAL, new Item.BigInteger(Tag.P, dh.getParams().getP()),
          new Item.BigInteger(Tag.G, dh.getParams().getG()),
          key instanceof javax.crypto.interfaces.DHPrivateKey x ? new Item.BigInteger(Tag.X, x.getX())
              : new Item.BigInteger(Tag.Y, ((javax.crypto.interfaces.DHPublicKey) key).getY()));
    }
    return null;
  }

  private static Item transparentRsa(RSAPrivateKey rsa) {
    List<Item> f = new ArrayList<>();
    f.add(new Item.BigInteger(Tag.MODULUS, rsa.getModulus()));
    f.add(new Item.BigInteger(Tag.PRIVATE_EXPONENT, rsa.getPrivateExponent()));
    if (rsa instanceof RSAPrivateCrtKey crt) {
      f.add(new Item.BigInteger(Tag.PUBLIC_EXPONENT, crt.getPublicExponent()));
      f.add(new Item.BigInteger(Tag.P, crt.getPrimeP()));
      f.add(new Item.BigInteger(Tag.Q, crt.getPrimeQ()));
      f.add(new Item.BigInteger(Tag.PRIME_EXPONENT_P, crt.getPrimeExponentP()));
      f.add(new Item.BigInteger(Tag.PRIME_EXPONENT_Q, crt.getPrimeExponentQ()));
      f.add(new Item.BigInteger(Tag.CRT_COEFFICIENT, crt.getCrtCoefficient()));
    }
    return new Item.Structure(Tag.KEY_MATERIAL, f);
  }

  private static Item curve(AlgorithmIdentifier alg, KeyFormatType to, ObjectType type) throws KmipException {
    RecommendedCurve c = alg.getParameters() instanceof ASN1ObjectIdentifier oid ? CURVES.get(oid.getId()) : null;
    if (c == null) {
      throw formatRefused(to, type);
    }
    return new Item.Enumeration(Tag.RECOMMENDED_CURVE, c.value());
  }

  private static ECParameterSpec curveSpec(Item.Structure s) throws KmipException {
    Item c = s.first(Tag.RECOMMENDED_CURVE).orElseThrow(AsymmetricKeyBlocks::malformed);
    RecommendedCurve rc = RecommendedCurve.fromValue(((Item.Enumeration) c).value());
    String oid = CURVES.entrySet().stream().filter(e -> e.getValue() == rc).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
            "this server does not know the curve " + (rc == null ? "given" : rc.specName())));
    try {
      AlgorithmParameters p = oid.equals("1.3.132.0.10")
          ? AlgorithmParameters.getInstance("EC", Providers.BC) : AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(oid));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "the curve is not available");
    }
  }

  /** An uncompressed point (SEC1 §2.3.3: 04 || X || Y). */
  private static ECPoint point(Item.Structure s, ECParameterSpec spec) throws KmipException {
    byte[] q = bytes(s.first(Tag.Q_STRING).orElseThrow(AsymmetricKeyBlocks::malformed));
    int n = (spec.getCurve().getField().getFieldSize() + 7) / 8;
    if (q.length != 1 + 2 * n || q[0] != 4) {
      throw KmipException.invalidField("Q String must be an uncompressed point on the curve");
    }
    return new ECPoint(new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + n)),
        new BigInteger(1, Arrays.copyOfRange(q, 1 + n, q.length)));
  }

  private static BigInteger big(Item.Structure s, int tag) throws KmipException {
    Item i = s.first(tag).orElseThrow(AsymmetricKeyBlocks::malformed);
    if (!(i instanceof Item.BigInteger b)) {
      throw malformed();
    }
    return b.value();
  }

  private static Item.Structure struct(Item m) throws KmipException {
    if (!(m instanceof Item.Structure s)) {
      throw malformed();
    }
    return s;
  }

  private static byte[] bytes(Item m) throws KmipException {
    if (!(m instanceof Item.ByteString b)) {
      throw malformed();
    }
    return b.value().clone();
  }

  private static Item bytes(byte[] der) {
    return new Item.ByteString(Tag.KEY_MATERIAL, der);
  }

  private static KmipException malformed() {
    return KmipException.invalidField("the Key Material does not fit its Key Format Type");
  }

  static KmipException formatRefused(KeyFormatType f, ObjectType type) {
    return new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        "this " + type.specName() + " is not available as " + (f == null ? "that format" : f.specName()));
  }
}
