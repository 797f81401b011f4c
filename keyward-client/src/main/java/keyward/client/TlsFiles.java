package keyward.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client TLS contexts from files: the client certificate and key (PKCS#12, or PEM certificate
 * chain + unencrypted PKCS#8 PEM key) and the PEM CA certificate(s) the server must chain to.
 * Errors name the file and what is wrong with it.
 */
public final class TlsFiles {
  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private TlsFiles() {}

  /** From a PKCS#12 file holding the client key and certificate, and a PEM CA file. */
  public static SSLContext pkcs12(Path pkcs12, char[] password, Path caPem)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pkcs12)) {
      ks.load(in, password);
    } catch (IOException e) {
      throw new IOException(pkcs12 + ": cannot read PKCS#12 (wrong password, or not PKCS#12)", e);
    }
    return context(ks, password, caPem);
  }

  /** From a PEM certificate chain, a PEM PKCS#8 private key ("BEGIN PRIVATE KEY") and a PEM CA. */
  public static SSLContext pem(Path certificatePem, Path privateKeyPem, Path caPem)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = certificates(certificatePem);
    PrivateKey key = privateKey(privateKeyPem, chain.getFirst().getPublicKey().getAlgorithm());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] none = new char[0];
    ks.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
    return context(ks, none, caPem);
  }

  private static SSLContext context(KeyStore keys, char[] password, Path caPem)
      throws IOException, GeneralSecurityException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int i = 0;
    for (X509Certificate ca : certificates(caPem)) {
      anchors.setCertificateEntry("ca-" + i++, ca);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(anchors);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return ctx;
  }

  private static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(pem)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(pem + ": not a PEM certificate file", e);
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : certs) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) {
      throw new GeneralSecurityException(pem + ": no certificate in the file");
    }
    return out;
  }

  private static PrivateKey privateKey(Path pem, String algorithm)
      throws IOException, GeneralSecurityException {
    Matcher m = PKCS8.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new GeneralSecurityException(pem + ": no unencrypted PKCS#8 key (\"BEGIN PRIVATE KEY\");"
          + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (InvalidKeySpecException e) {
      throw new GeneralSecurityException(pem + ": the key is not a " + algorithm
          + " key matching the certificate", e);
    }
  }
}
