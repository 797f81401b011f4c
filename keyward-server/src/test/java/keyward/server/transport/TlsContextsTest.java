package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts from PEM and PKCS#12 files, used for real handshakes against the listener. */
class TlsContextsTest {

  @TempDir Path dir;
  private final Fixture fixture = new Fixture();

  @AfterEach
  void stop() {
    fixture.stopAll();
  }

  private Path pem(String name, Object... objects) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      for (Object o : objects) {
        w.writeObject(o);
      }
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sw.toString());
    return p;
  }

  /** PKCS#8 "PRIVATE KEY", the form the brief's PEM files use. */
  private Path pkcs8(String name, PrivateKey key) throws IOException {
    return pem(name, new JcaPKCS8Generator(key, null).generate());
  }

  /** SEC 1 "EC PRIVATE KEY" with its curve named inside, as {@code openssl ecparam} writes it. */
  private Path sec1(String name, PrivateKey key) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
        ((ECPrivateKey) key).getS(), info.getPrivateKeyAlgorithm().getParameters());
    return pem(name, new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }

  private Path chainPem(String name, List<X509Certificate> chain) throws IOException {
    return pem(name, chain.toArray());
  }

  @Test
  void rsaServerFromPemServesAPyKmipStyleTls12Client() throws Exception {
    // PyKMIP speaks TLS 1.2 with ECDHE-RSA-AES128-SHA256 only: the server needs an RSA key.
    TestPki.Issued server = Fixture.CA.server(TestPki.rsa());
    SSLContext ctx = TlsContexts.serverFromPem(chainPem("server.pem", server.chain()),
        pkcs8("server.key", server.key()), chainPem("ca.pem", List.of(Fixture.CA.caCert)));
    TtlvTlsListener l = new TtlvTlsListener(Fixture.config(), ctx, (m, id) -> m);
    l.start();
    try (SSLSocket s = (SSLSocket) Fixture.alice().getSocketFactory()
        .createSocket("127.0.0.1", l.port())) {
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"});
      s.startHandshake();
      assertThat(s.getSession().getCipherSuite())
          .isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
      byte[] m = TestClient.message(8, 3);
      s.getOutputStream().write(m);
      assertThat(s.getInputStream().readNBytes(m.length)).isEqualTo(m);
    } finally {
      l.close();
    }
  }

  @Test
  void clientFromPkcs12AndFromPemBothHandshake() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), (m, id) -> id.name().getBytes().length
        > 0 ? m : null);
    Path ca = chainPem("ca.pem", List.of(Fixture.CA.caCert));

    Path p12 = dir.resolve("client.p12");
    char[] password = "test-only".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("alice", Fixture.ALICE.key(), password,
        Fixture.ALICE.chain().toArray(new Certificate[0]));
    try (OutputStream out = Files.newOutputStream(p12)) {
      ks.store(out, password);
    }
    SSLContext fromP12 = TlsContexts.clientFromPkcs12(p12, password, ca);
    SSLContext fromPem = TlsContexts.clientFromPem(chainPem("client.pem", Fixture.ALICE.chain()),
        sec1("client.key", Fixture.ALICE.key()), ca);
    for (SSLContext ctx : List.of(fromP12, fromPem)) {
      try (TestClient c = TestClient.connect(ctx, l.port())) {
        byte[] m = TestClient.message(16, 4);
        assertThat(c.exchange(m)).isEqualTo(m);
      }
    }
    assertThatThrownBy(() -> TlsContexts.clientFromPkcs12(p12, "wrong".toCharArray(), ca))
        .isInstanceOf(IOException.class).hasMessageContaining("client.p12");
  }

  @Test
  void serverFromPkcs12() throws Exception {
    Path p12 = dir.resolve("server.p12");
    char[] password = "changeit".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", Fixture.SERVER.key(), password,
        Fixture.SERVER.chain().toArray(new Certificate[0]));
    try (OutputStream out = Files.newOutputStream(p12)) {
      ks.store(out, password);
    }
    SSLContext ctx = TlsContexts.serverFromPkcs12(p12, password,
        chainPem("ca.pem", List.of(Fixture.CA.caCert)));
    TtlvTlsListener l = new TtlvTlsListener(Fixture.config(), ctx, (m, id) -> m);
    l.start();
    try (TestClient c = TestClient.connect(Fixture.alice(), l.port(), "TLSv1.3")) {
      byte[] m = TestClient.message(8, 5);
      assertThat(c.exchange(m)).isEqualTo(m);
    } finally {
      l.close();
    }
  }

  @Test
  void readsEveryKeyForm() throws Exception {
    KeyPair rsa = TestPki.rsa();
    KeyPair ec = TestPki.ec();
    assertThat(TlsContexts.readPrivateKey(pkcs8("rsa8.pem", rsa.getPrivate())))
        .isEqualTo(rsa.getPrivate());
    assertThat(TlsContexts.readPrivateKey(pem("rsa1.pem", rsa.getPrivate()))) // PKCS#1
        .isEqualTo(rsa.getPrivate());
    BigInteger s = ((ECPrivateKey) ec.getPrivate()).getS();
    assertThat(((ECPrivateKey) TlsContexts.readPrivateKey(pkcs8("ec8.pem", ec.getPrivate())))
        .getS()).isEqualTo(s);
    assertThat(((ECPrivateKey) TlsContexts.readPrivateKey(sec1("sec1.pem", ec.getPrivate())))
        .getS()).isEqualTo(s);
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefusedUpFront() throws Exception {
    Path otherKey = pkcs8("other.key", TestPki.ec().getPrivate());
    Path rsaKey = pkcs8("rsa.key", TestPki.rsa().getPrivate());
    Path chain = chainPem("server.pem", Fixture.SERVER.chain());
    Path ca = chainPem("ca.pem", List.of(Fixture.CA.caCert));
    assertThatThrownBy(() -> TlsContexts.serverFromPem(chain, otherKey, ca))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("does not belong");
    assertThatThrownBy(() -> TlsContexts.serverFromPem(chain, rsaKey, ca))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("does not belong");
  }

  @Test
  void clearErrorsForUnusableFiles() throws Exception {
    OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(
        PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
        .setPassword("pw".toCharArray()).build();
    Path encrypted = pem("enc.key",
        new JcaPKCS8Generator(TestPki.ec().getPrivate(), enc).generate());
    assertThatThrownBy(() -> TlsContexts.readPrivateKey(encrypted))
        .hasMessageContaining("encrypted");
    Path twoKeys = pem("two.key", TestPki.ec().getPrivate(), TestPki.ec().getPrivate());
    assertThatThrownBy(() -> TlsContexts.readPrivateKey(twoKeys))
        .hasMessageContaining("found 2");
    Path certOnly = chainPem("cert.pem", List.of(Fixture.CA.caCert));
    assertThatThrownBy(() -> TlsContexts.readPrivateKey(certOnly)).hasMessageContaining("found 0");
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "not pem at all\n");
    assertThatThrownBy(() -> TlsContexts.readCertificates(empty))
        .hasMessageContaining("no CERTIFICATE");
    Path damaged = dir.resolve("damaged.pem");
    Files.writeString(damaged, "-----BEGIN CERTIFICATE-----\nAAAA!!\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TlsContexts.readCertificates(damaged))
        .isInstanceOf(IOException.class);
  }
}
