package keyward.server.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Builds the {@link SSLContext}s for mutual TLS: the server's (its key and chain, plus the CAs
 * whose client certificates it accepts) and a client's (its key and chain, plus the CAs it
 * trusts for the server), from PEM files, a PKCS#12 file or objects already in memory.
 *
 * <p>Key managers are "SunX509": the "PKIX" factory re-reads the key store on every handshake
 * and costs about 4 ms of CPU each (measured, JAVA-STACK.md §3). Trust managers are "PKIX",
 * which checks the chain, validity dates and the extended key usage of the peer's role.
 *
 * <p>A context checks certificates only. A client must also check that the server's
 * certificate names the host it dialled: set {@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}
 * on its socket.
 */
public final class TlsContexts {

  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /** A server context from a PEM chain (leaf first), a PEM private key and a PEM CA bundle. */
  public static SSLContext serverFromPem(Path certificateChain, Path privateKey, Path clientCas)
      throws IOException, GeneralSecurityException {
    return server(readPrivateKey(privateKey), readCertificates(certificateChain),
        readCertificates(clientCas));
  }

  /**
   * A server context that also checks client certificates against CRLs (PEM or DER, one or more
   * in the file): a certificate a CRL lists is refused, and so is one whose revocation status the
   * CRLs do not cover (no current CRL of its issuer), since "unknown" must not mean "good".
   * Nothing is fetched from the network (no CRL distribution points, no OCSP).
   */
  public static SSLContext serverFromPem(Path certificateChain, Path privateKey, Path clientCas,
      Path clientCrls) throws IOException, GeneralSecurityException {
    if (clientCrls == null) {
      return serverFromPem(certificateChain, privateKey, clientCas);
    }
    return context(keyStore(readPrivateKey(privateKey), readCertificates(certificateChain)), NO_PASSWORD,
        readCertificates(clientCas), readCrls(clientCrls));
  }

  /** The CRLs in a file (PEM blocks or one DER CRL); an empty or unreadable file is an error. */
  public static List<java.security.cert.X509CRL> readCrls(Path file) throws IOException, GeneralSecurityException {
    java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
    List<java.security.cert.X509CRL> crls = new java.util.ArrayList<>();
    try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
      for (java.security.cert.CRL c : cf.generateCRLs(in)) {
        crls.add((java.security.cert.X509CRL) c);
      }
    }
    if (crls.isEmpty()) {
      throw new java.security.cert.CRLException(file + " holds no CRL");
    }
    return crls;
  }

  /** A server context from a PKCS#12 holding one private key entry, and a PEM CA bundle. */
  public static SSLContext serverFromPkcs12(Path pkcs12, char[] password, Path clientCas)
      throws IOException, GeneralSecurityException {
    return context(loadPkcs12(pkcs12, password), password, readCertificates(clientCas));
  }

  /**
   * A server context from objects in memory.
   *
   * @param chain the server's certificate first, then any intermediates
   * @param clientCas the CAs whose (direct or indirect) client certificates are accepted
   */
  public static SSLContext server(PrivateKey key, List<X509Certificate> chain,
      Collection<X509Certificate> clientCas) throws GeneralSecurityException {
    return context(keyStore(key, chain), NO_PASSWORD, clientCas);
  }

  /** A client context from a PEM chain, a PEM private key and the PEM CAs that sign servers. */
  public static SSLContext clientFromPem(Path certificateChain, Path privateKey, Path serverCas)
      throws IOException, GeneralSecurityException {
    return client(readPrivateKey(privateKey), readCertificates(certificateChain),
        readCertificates(serverCas));
  }

  /** A client context from a PKCS#12 holding one private key entry, and the PEM server CAs. */
  public static SSLContext clientFromPkcs12(Path pkcs12, char[] password, Path serverCas)
      throws IOException, GeneralSecurityException {
    return context(loadPkcs12(pkcs12, password), password, readCertificates(serverCas));
  }

  /** A client context from objects in memory. */
  public static SSLContext client(PrivateKey key, List<X509Certificate> chain,
      Collection<X509Certificate> serverCas) throws GeneralSecurityException {
    return context(keyStore(key, chain), NO_PASSWORD, serverCas);
  }

  // Server and client contexts are built alike: the role decides how JSSE uses the managers.
  private static SSLContext context(KeyStore keys, char[] password,
      Collection<X509Certificate> trusted) throws GeneralSecurityException {
    return context(keys, password, trusted, List.of());
  }

  private static SSLContext context(KeyStore keys, char[] password,
      Collection<X509Certificate> trusted, List<java.security.cert.X509CRL> crls) throws GeneralSecurityException {
    if (trusted.isEmpty()) {
      throw new KeyStoreException("no trusted CA certificate given");
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(keys, password);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    try {
      anchors.load(null, null);
    } catch (IOException e) {
      throw new KeyStoreException("cannot create an empty key store", e);
    }
    int i = 0;
    for (X509Certificate ca : trusted) {
      anchors.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    if (crls.isEmpty()) {
      tmf.init(anchors);
    } else {
      java.security.cert.PKIXBuilderParameters params =
          new java.security.cert.PKIXBuilderParameters(anchors, new java.security.cert.X509CertSelector());
      params.addCertStore(java.security.cert.CertStore.getInstance("Collection",
          new java.security.cert.CollectionCertStoreParameters(crls)));
      params.setRevocationEnabled(true);
      tmf.init(new javax.net.ssl.CertPathTrustManagerParameters(params));
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return ctx;
  }

  private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain)
      throws GeneralSecurityException {
    if (chain.isEmpty()) {
      throw new KeyStoreException("empty certificate chain");
    }
    checkKeyMatches(key, chain.getFirst());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new KeyStoreException("cannot create an empty key store", e);
    }
    ks.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
    return ks;
  }

  private static KeyStore loadPkcs12(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    } catch (IOException e) {
      // The JDK reports a wrong password as an IOException whose cause is the real reason.
      throw new IOException(file + ": cannot read PKCS#12 (wrong password or not PKCS#12): "
          + e.getMessage(), e);
    }
    int keys = 0;
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        keys++;
      }
    }
    if (keys != 1) {
      throw new KeyStoreException(file + ": expected exactly one private key entry, found " + keys);
    }
    return ks;
  }

  /** Every certificate in a PEM file, in file order; other PEM blocks are skipped. */
  public static List<X509Certificate> readCertificates(Path pem)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    }
    if (out.isEmpty()) {
      throw new KeyStoreException(pem + ": no CERTIFICATE block");
    }
    return out;
  }

  /**
   * The one private key in a PEM file: PKCS#8 ("PRIVATE KEY"), or the traditional PKCS#1 ("RSA
   * PRIVATE KEY") and SEC 1 ("EC PRIVATE KEY") forms. Encrypted keys are refused with a message
   * saying so: the server starts unattended, so its key file is protected by file permissions.
   */
  public static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
    PrivateKeyInfo found = null;
    int keys = 0;
    try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        switch (o) {
          case PrivateKeyInfo info -> {
            found = info;
            keys++;
          }
          case PEMKeyPair pair -> {
            found = pair.getPrivateKeyInfo();
            keys++;
          }
          case PKCS8EncryptedPrivateKeyInfo e -> throw new KeyStoreException(
              pem + ": the private key is encrypted; give it unencrypted (protect the file instead)");
          case PEMEncryptedKeyPair e -> throw new KeyStoreException(
              pem + ": the private key is encrypted; give it unencrypted (protect the file instead)");
          case ASN1ObjectIdentifier curve -> { } // "EC PARAMETERS" before an SEC 1 key
          default -> { } // certificates in the same file are allowed
        }
      }
    } catch (IOException e) {
      throw new IOException(pem + ": not a readable PEM file: " + e.getMessage(), e);
    }
    if (keys != 1) {
      throw new KeyStoreException(pem + ": expected exactly one private key, found " + keys);
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(found);
    } catch (PEMException e) {
      throw new KeyStoreException(pem + ": cannot use the private key: " + e.getMessage(), e);
    }
  }

  /**
   * Signs a nonce with the key and checks it with the certificate, so a key file that belongs to
   * another certificate fails at start-up with a clear message instead of in every handshake.
   */
  static void checkKeyMatches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> null;
    };
    if (alg == null) {
      return; // no generic way to check; the handshake will tell
    }
    PublicKey pub = cert.getPublicKey();
    String mismatch = "private key does not belong to the certificate "
        + cert.getSubjectX500Principal().getName();
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    Signature s = Signature.getInstance(alg);
    s.initSign(key);
    s.update(nonce);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    try {
      v.initVerify(pub);
    } catch (InvalidKeyException e) {
      throw new KeyStoreException(mismatch + " (key types differ)");
    }
    v.update(nonce);
    boolean ok;
    try {
      ok = v.verify(sig);
    } catch (SignatureException e) {
      ok = false; // e.g. an EC signature checked against a key on another curve
    }
    if (!ok) {
      throw new KeyStoreException(mismatch);
    }
  }
}
