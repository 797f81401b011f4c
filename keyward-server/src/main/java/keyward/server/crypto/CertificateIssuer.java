package keyward.server.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Issuing X.509 v3 certificates with Bouncy Castle's PKIX (no hand-written ASN.1): a subject
 * public key and name, signed by an issuer private key with the signature its algorithm calls
 * for (RSA and ECDSA with SHA-256, -384 or -512 by key size, Ed25519/Ed448, ML-DSA, SLH-DSA),
 * a random 128-bit serial number from the engine. Also reads PKCS#10 requests, checking their
 * self-signature.
 */
public final class CertificateIssuer {
  /** A subject from a PKCS#10 request. */
  public record Request(X500Principal subject, PublicKey publicKey) {}

  private CertificateIssuer() {}

  public static byte[] issue(X500Principal subject, PublicKey subjectKey, X500Principal issuer, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, CryptoEngine crypto) throws KmipException {
    return issue(subject, subjectKey, issuer, issuerKey, notBefore, notAfter, false, crypto);
  }

  /**
   * As above; {@code ca}: the subject may issue certificates itself, so the certificate says so
   * (Basic Constraints cA, critical: RFC 5280 §4.2.1.9), which path validation asks of every
   * issuer below the trust anchor.
   */
  public static byte[] issue(X500Principal subject, PublicKey subjectKey, X500Principal issuer, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, boolean ca, CryptoEngine crypto) throws KmipException {
    byte[] serial = crypto.randomBytes(16);
    serial[0] &= 0x7F; // positive (RFC 5280 §4.1.2.2)
    serial[0] |= 0x01; // and never shorter than 16 bytes
    PrivateKey signer = bouncyCastle(issuerKey);
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(issuer.getEncoded()),
          new BigInteger(serial), Date.from(notBefore), Date.from(notAfter), X500Name.getInstance(subject.getEncoded()),
          subjectKey);
      if (ca) {
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
            new org.bouncycastle.asn1.x509.BasicConstraints(true));
      }
      return builder.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).setProvider(Providers.BC).build(signer))
          .getEncoded();
    } catch (OperatorCreationException | java.io.IOException | IllegalArgumentException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the certificate could not be signed with this key");
    }
  }

  /** A DER PKCS#10 request whose signature verifies; Invalid Field otherwise. */
  public static Request request(byte[] der) throws KmipException {
    try {
      PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
      PublicKey key = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr)
          .setProvider(Providers.BC).getPublicKey();
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.BC).build(key))) {
        throw KmipException.invalidField("the certificate request's signature does not verify");
      }
      return new Request(new X500Principal(csr.getSubject().getEncoded()), key);
    } catch (java.io.IOException | GeneralSecurityException | OperatorCreationException | PKCSException
        | IllegalArgumentException | ClassCastException e) {
      throw KmipException.invalidField("Certificate Request Value is not a valid PKCS#10 request");
    }
  }

  private static String signatureAlgorithm(PrivateKey key) throws KmipException {
    if (key instanceof RSAKey rsa) {
      return hash(rsa.getModulus().bitLength() >= 7680 ? 512 : rsa.getModulus().bitLength() >= 3072 ? 384 : 256)
          + "withRSA";
    }
    if (key instanceof ECKey ec) {
      int bits = ec.getParams().getOrder().bitLength();
      return hash(bits > 384 ? 512 : bits > 256 ? 384 : 256) + "withECDSA";
    }
    String name = key.getAlgorithm();
    if (key instanceof java.security.AsymmetricKey a && a.getParams() instanceof java.security.spec.NamedParameterSpec n) {
      name = n.getName();
    }
    if (name.startsWith("Ed") || name.startsWith("ML-DSA") || name.startsWith("SLH-DSA")) {
      return name;
    }
    throw new KmipException(ResultReason.INVALID_FIELD, "the issuer key does not sign certificates");
  }

  private static String hash(int bits) {
    return "SHA" + bits;
  }

  /** The issuer key as Bouncy Castle's, which its signers take (the JDK's ML-DSA keys are not). */
  private static PrivateKey bouncyCastle(PrivateKey key) throws KmipException {
    if (key.getClass().getName().startsWith("org.bouncycastle")) {
      return key;
    }
    byte[] der = key.getEncoded();
    try {
      String alg = key instanceof ECKey ? "EC" : key.getAlgorithm().equals("EdDSA") ? "EdDSA" : key.getAlgorithm();
      return KeyFactory.getInstance(alg, Providers.BC).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the issuer key is not usable for signing");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }
}
