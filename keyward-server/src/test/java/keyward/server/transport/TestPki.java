package keyward.server.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA for tests: issues server and client certificates in memory. */
final class TestPki {

  /** A key with its certificate chain (leaf first, CA last). */
  record Issued(PrivateKey key, List<X509Certificate> chain) {
    X509Certificate cert() {
      return chain.getFirst();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  final KeyPair caKeys;
  final X509Certificate caCert;

  private TestPki(KeyPair caKeys, X509Certificate caCert) {
    this.caKeys = caKeys;
    this.caCert = caCert;
  }

  static TestPki create(String caName) throws Exception {
    KeyPair kp = ec();
    X500Name name = new X500Name("CN=" + caName);
    X509v3CertificateBuilder b = builder(name, name, kp);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(Extension.subjectKeyIdentifier, false,
        ext.createSubjectKeyIdentifier(kp.getPublic()));
    return new TestPki(kp, sign(b, kp.getPrivate()));
  }

  static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  /** A server certificate for localhost and 127.0.0.1. */
  Issued server(KeyPair kp) throws Exception {
    GeneralNames san = new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
    return issue("CN=localhost", kp, KeyPurposeId.id_kp_serverAuth, san);
  }

  Issued server() throws Exception {
    return server(ec());
  }

  Issued client(String subjectDn) throws Exception {
    return issue(subjectDn, ec(), KeyPurposeId.id_kp_clientAuth, null);
  }

  Issued issue(String subjectDn, KeyPair kp, KeyPurposeId purpose, GeneralNames san)
      throws Exception {
    Instant now = Instant.now();
    return issue(subjectDn, kp, purpose, san, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)));
  }

  /** A certificate valid from {@code notBefore} to {@code notAfter}; no EKU when purpose is null. */
  Issued issue(String subjectDn, KeyPair kp, KeyPurposeId purpose, GeneralNames san, Instant notBefore,
      Instant notAfter) throws Exception {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
        new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
        new X500Name(subjectDn), kp.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    if (purpose != null) {
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    b.addExtension(Extension.authorityKeyIdentifier, false,
        ext.createAuthorityKeyIdentifier(caCert));
    if (san != null) {
      b.addExtension(Extension.subjectAlternativeName, false, san);
    }
    return new Issued(kp.getPrivate(), List.of(sign(b, caKeys.getPrivate()), caCert));
  }

  SSLContext serverContext(Issued server) throws GeneralSecurityException {
    return TlsContexts.server(server.key(), server.chain(), List.of(caCert));
  }

  /** A client context presenting {@code client}, trusting servers issued by {@code serverCa}. */
  static SSLContext clientContext(Issued client, TestPki serverCa)
      throws GeneralSecurityException {
    return TlsContexts.client(client.key(), client.chain(), List.of(serverCa.caCert));
  }

  /**
   * Like {@link #clientContext} but presents its certificate even when the server's list of
   * acceptable CAs does not name the issuer (JSSE's own key manager would then send none), so
   * that the server's verification, not the client's courtesy, is what refuses it.
   */
  static SSLContext insistentClientContext(Issued client, TestPki serverCa) throws Exception {
    X509KeyManager km = new X509ExtendedKeyManager() {
      @Override
      public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return "key";
      }

      @Override
      public String chooseEngineClientAlias(String[] keyType, Principal[] issuers,
          SSLEngine engine) {
        return "key";
      }

      @Override
      public X509Certificate[] getCertificateChain(String alias) {
        return client.chain().toArray(new X509Certificate[0]);
      }

      @Override
      public PrivateKey getPrivateKey(String alias) {
        return client.key();
      }

      @Override
      public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {"key"};
      }

      @Override
      public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
      }
    };
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", serverCa.caCert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new KeyManager[] {km}, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair kp) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
        subject, kp.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws Exception {
    String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    ContentSigner signer = new JcaContentSignerBuilder(alg).build(key);
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }
}
