package keyward.server.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.DigitalSignatureAlgorithm;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * Signing and verifying with a public/private key as the Cryptographic Parameters say (2.1
 * §6.1.50 Sign, §6.1.51 Signature Verify): RSA with PKCS#1 v1.5 or PSS (MGF1; the default salt
 * is the hash length, a verify without a Salt Length also accepts the longest salt, which is
 * what CS-AC-M-1 signs with), ECDSA, EdDSA (Ed25519/Ed448: the message itself), ML-DSA (JDK) and
 * SLH-DSA (Bouncy Castle). RSA and ECDSA hash with SHA-256 when no hash is named. Digested
 * Data (the hash computed by the client) is signed with RSA PKCS#1 v1.5 and ECDSA only.
 */
public final class Signatures {
  private static final java.util.Set<keyward.kmip.spec.RecommendedCurve> JDK_CURVES = java.util.EnumSet.of(
      keyward.kmip.spec.RecommendedCurve.P_256, keyward.kmip.spec.RecommendedCurve.P_384,
      keyward.kmip.spec.RecommendedCurve.P_521);

  private Signatures() {}

  public static byte[] sign(PrivateKey key, AsymmetricParameters p, byte[] data, boolean digested)
      throws KmipException {
    try {
      key = (PrivateKey) usable(key);
      Signature s = instance(key, p, digested, null);
      s.initSign(key);
      s.update(digested ? prepareDigest(key, p, data) : data);
      return s.sign();
    } catch (GeneralSecurityException | IOException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "signing failed with these parameters");
    }
  }

  /** True when the signature is valid for the data under the key. */
  public static boolean verify(PublicKey key, AsymmetricParameters p, byte[] data, boolean digested, byte[] signature)
      throws KmipException {
    List<Integer> salts = new ArrayList<>();
    salts.add(null);
    if (isPss(key, p) && p.saltLength() == null) {
      salts.add(maxSalt((RSAKey) key, hash(key, p)));
    }
    for (Integer salt : salts) {
      try {
        key = (PublicKey) usable(key);
        Signature s = instance(key, p, digested, salt);
        s.initVerify(key);
        s.update(digested ? prepareDigest(key, p, data) : data);
        if (s.verify(signature)) {
          return true;
        }
      } catch (java.security.SignatureException e) {
        // a malformed signature is an invalid one
      } catch (GeneralSecurityException | IOException e) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "verifying failed with these parameters");
      }
    }
    return false;
  }

  /**
   * Starts a streamed Sign (Init Indicator ... Final Indicator): RSA (PKCS#1 v1.5, PSS) and
   * ECDSA hash the message as it comes, so a stream holds only the hash state. EdDSA, ML-DSA
   * and SLH-DSA sign the whole message at once and are refused (Feature Not Supported).
   */
  public static Session signer(PrivateKey key, AsymmetricParameters p) throws KmipException {
    streamable(key);
    try {
      key = (PrivateKey) usable(key);
      Signature s = instance(key, p, false, null);
      s.initSign(key);
      return new Session(List.of(s), true);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "signing failed with these parameters");
    }
  }

  /** Starts a streamed Signature Verify; see {@link #signer} for the algorithms. */
  public static Session verifier(PublicKey key, AsymmetricParameters p) throws KmipException {
    streamable(key);
    List<Integer> salts = new ArrayList<>();
    salts.add(null);
    if (isPss(key, p) && p.saltLength() == null) {
      salts.add(maxSalt((RSAKey) key, hash(key, p)));
    }
    List<Signature> candidates = new ArrayList<>();
    try {
      key = (PublicKey) usable(key);
      for (Integer salt : salts) {
        Signature s = instance(key, p, false, salt);
        s.initVerify(key);
        candidates.add(s);
      }
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "verifying failed with these parameters");
    }
    return new Session(candidates, false);
  }

  private static void streamable(Key key) throws KmipException {
    if (!(key instanceof RSAKey) && !(key instanceof ECKey)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          key.getAlgorithm() + " signs the whole message: send it in one request, not streamed");
    }
  }

  /**
   * A Sign or Signature Verify fed part by part. Verifying a PSS signature without a Salt
   * Length feeds one verifier per accepted salt (as {@link #verify} tries them).
   */
  public static final class Session implements CipherSession {
    private final List<Signature> signatures;
    private final boolean sign;

    private Session(List<Signature> signatures, boolean sign) {
      this.signatures = signatures;
      this.sign = sign;
    }

    @Override
    public byte[] update(byte[] data) throws KmipException {
      try {
        for (Signature s : signatures) {
          s.update(data);
        }
      } catch (java.security.SignatureException e) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the signature could not take this part");
      }
      return new byte[0];
    }

    /** Sign: the last part's data, then the signature (returned as the output data). */
    @Override
    public Output finish(byte[] data, byte[] tag) throws KmipException {
      if (!sign) {
        throw new IllegalStateException("a verifying session ends with verify()");
      }
      update(data);
      try {
        return new Output(signatures.get(0).sign(), null);
      } catch (java.security.SignatureException e) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "signing failed with these parameters");
      }
    }

    /** Signature Verify: the last part's data, then whether {@code signature} is valid. */
    public boolean verify(byte[] data, byte[] signature) throws KmipException {
      if (sign) {
        throw new IllegalStateException("a signing session ends with finish()");
      }
      update(data);
      boolean valid = false;
      for (Signature s : signatures) {
        try {
          valid |= s.verify(signature);
        } catch (java.security.SignatureException e) {
          // a malformed signature is an invalid one
        }
      }
      return valid;
    }

    @Override
    public boolean authenticated() {
      return false;
    }

    /** True for a Sign stream, false for a Signature Verify one. */
    public boolean signs() {
      return sign;
    }
  }

  private static Signature instance(Key key, AsymmetricParameters p, boolean digested, Integer saltOverride)
      throws GeneralSecurityException, KmipException {
    String alg = key.getAlgorithm();
    if (key instanceof RSAKey rsa) {
      String hash = hash(key, p);
      if (isPss(key, p)) {
        if (digested) {
          throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "PSS signatures over Digested Data are not supported");
        }
        String mgfHash = p.maskGeneratorHashing() != null ? AsymmetricParameters.digestName(p.maskGeneratorHashing()) : hash;
        int salt = saltOverride != null ? saltOverride
            : p.saltLength() != null ? p.saltLength() : java.security.MessageDigest.getInstance(hash).getDigestLength();
        if (salt < 0 || salt > maxSalt(rsa, hash)) {
          throw KmipException.invalidField("Salt Length does not fit the key");
        }
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), salt, 1));
        return s;
      }
      if (p.padding() != null && p.padding() != PaddingMethod.PKCS1_V1_5.value()) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "RSA signatures are PKCS#1 v1.5 or PSS");
      }
      return Signature.getInstance(digested ? "NONEwithRSA" : AsymmetricParameters.signatureDigest(hash) + "withRSA");
    }
    if (key instanceof ECKey) {
      String name = digested ? "NONEwithECDSA" : AsymmetricParameters.signatureDigest(hash(key, p)) + "withECDSA";
      // Bouncy Castle's keys (curves the JDK lacks, secp256k1) sign with Bouncy Castle
      return key.getClass().getName().startsWith("org.bouncycastle")
          ? Signature.getInstance(name, Providers.BC) : Signature.getInstance(name);
    }
    if (digested) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, alg + " signs the message, not a digest");
    }
    if (key instanceof java.security.interfaces.DSAKey) { // FIPS 186-4 DSA, SHA-256 unless named
      return Signature.getInstance(AsymmetricParameters.signatureDigest(hash(key, p)) + "withDSA");
    }
    if (alg.startsWith("SLH-DSA")) { // Bouncy Castle names the parameter set: SLH-DSA-SHA2-128F
      return Signature.getInstance("SLH-DSA", Providers.BC);
    }
    return switch (alg) {
      case "EdDSA", "Ed25519", "Ed448", "ML-DSA" -> Signature.getInstance(alg);
      default -> throw new KmipException(ResultReason.INVALID_FIELD, "this key does not sign");
    };
  }

  /**
   * The key as a provider signs with it: an EC key the JDK parsed on a curve it does not sign
   * on (secp256k1: CS-AC-M-3-ECC-13) becomes Bouncy Castle's.
   */
  private static Key usable(Key key) throws GeneralSecurityException {
    if (!(key instanceof ECKey) || key.getClass().getName().startsWith("org.bouncycastle")
        || JDK_CURVES.contains(keyward.server.object.AsymmetricKeyBlocks.curve(key).orElse(null))) {
      return key;
    }
    java.security.KeyFactory f = java.security.KeyFactory.getInstance("EC", Providers.BC);
    byte[] der = key.getEncoded();
    try {
      return key instanceof PrivateKey ? f.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der))
          : f.generatePublic(new java.security.spec.X509EncodedKeySpec(der));
    } finally {
      if (key instanceof PrivateKey) {
        java.util.Arrays.fill(der, (byte) 0);
      }
    }
  }

  /** PKCS#1 v1.5 over a digest: the DigestInfo the JCA "NONEwithRSA" expects. */
  private static byte[] prepareDigest(Key key, AsymmetricParameters p, byte[] digest) throws IOException, KmipException {
    if (!(key instanceof RSAKey)) {
      return digest;
    }
    String hash = hash(key, p);
    AlgorithmIdentifier id = new DefaultDigestAlgorithmIdentifierFinder().find(hash);
    return new DigestInfo(new AlgorithmIdentifier(id.getAlgorithm(), DERNull.INSTANCE), digest).getEncoded("DER");
  }

  private static boolean isPss(Key key, AsymmetricParameters p) {
    if (!(key instanceof RSAKey)) {
      return false;
    }
    Integer dsa = p.signatureAlgorithm();
    return p.padding() != null && p.padding() == PaddingMethod.PSS.value()
        || dsa != null && (dsa == DigitalSignatureAlgorithm.RSASSA_PSS.value());
  }

  /** The hash: Hashing Algorithm, else the Digital Signature Algorithm's, else SHA-256. */
  private static String hash(Key key, AsymmetricParameters p) throws KmipException {
    if (p.hashing() != null) {
      return AsymmetricParameters.digestName(p.hashing());
    }
    if (p.signatureAlgorithm() != null) {
      DigitalSignatureAlgorithm d = DigitalSignatureAlgorithm.fromValue(p.signatureAlgorithm());
      String n = d == null ? "" : d.specName().toUpperCase(java.util.Locale.ROOT).replace("-", "");
      for (String h : List.of("SHA3256", "SHA3384", "SHA3512", "SHA224", "SHA256", "SHA384", "SHA512", "SHA1")) {
        if (n.contains(h)) {
          return h.startsWith("SHA3") ? "SHA3-" + h.substring(4) : "SHA-" + h.substring(3);
        }
      }
    }
    return AsymmetricParameters.digestName(HashingAlgorithm.SHA_256.value());
  }

  /** The longest PSS salt for the key and hash (RFC 8017 §9.1.1: emLen - hLen - 2). */
  private static int maxSalt(RSAKey key, String hash) throws KmipException {
    try {
      int emLen = (key.getModulus().bitLength() - 1 + 7) / 8;
      return emLen - java.security.MessageDigest.getInstance(hash).getDigestLength() - 2;
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "unknown hash");
    }
  }
}
