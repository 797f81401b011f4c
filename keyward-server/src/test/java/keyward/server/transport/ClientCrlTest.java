package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a CRL file configured, a client certificate the CRL revokes is refused at the handshake;
 * one it does not revoke is served; and a CRL that does not cover the client's CA refuses every
 * client of it (unknown status is not "good").
 */
class ClientCrlTest {
  @TempDir Path dir;

  @Test
  void revokedClientsAreRefusedAndOthersServed() throws Exception {
    TestPki ca = TestPki.create("CRL Test CA");
    TestPki.Issued good = ca.client("CN=good");
    TestPki.Issued revoked = ca.client("CN=revoked");
    Path crl = pem("ca.crl", crl(ca, revoked));
    TtlvTlsListener l = listener(ca, crl);
    try {
      assertThat(served(TestPki.clientContext(good, ca), l.port())).as("a client the CRL does not list").isTrue();
      assertThat(served(TestPki.clientContext(revoked, ca), l.port())).as("a revoked client").isFalse();
    } finally {
      l.close();
    }
  }

  @Test
  void aCrlThatDoesNotCoverTheClientsCaRefusesItsClients() throws Exception {
    TestPki ca = TestPki.create("CRL Test CA");
    TestPki other = TestPki.create("Another CA");
    TtlvTlsListener l = listener(ca, pem("other.crl", crl(other, null)));
    try {
      assertThat(served(TestPki.clientContext(ca.client("CN=good"), ca), l.port())).isFalse();
    } finally {
      l.close();
    }
  }

  @Test
  void aFileWithoutACrlIsAStartUpError() throws Exception {
    TestPki ca = TestPki.create("CRL Test CA");
    Path empty = Files.writeString(dir.resolve("empty.crl"), "");
    assertThatThrownBy(() -> listener(ca, empty)).hasMessageContaining("no CRL");
  }

  private TtlvTlsListener listener(TestPki ca, Path crl) throws Exception {
    TestPki.Issued server = ca.server();
    SSLContext ctx = TlsContexts.serverFromPem(pem("server.pem", server.chain().toArray()),
        pem("server.key", server.key()), pem("ca.pem", ca.caCert), crl);
    TtlvTlsListener l = new TtlvTlsListener(Fixture.config(), ctx, (m, id) -> m);
    l.start();
    return l;
  }

  private static boolean served(SSLContext client, int port) {
    try (TestClient c = TestClient.connect(client, port)) {
      byte[] m = TestClient.message(8, 1);
      return Arrays.equals(c.exchange(m), m);
    } catch (IOException e) {
      return false;
    }
  }

  private static X509CRL crl(TestPki ca, TestPki.Issued revoke) throws Exception {
    Instant now = Instant.now();
    X509v2CRLBuilder b = new X509v2CRLBuilder(
        X500Name.getInstance(ca.caCert.getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(60)));
    b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    if (revoke != null) {
      b.addCRLEntry(revoke.cert().getSerialNumber(), Date.from(now.minusSeconds(30)), CRLReason.keyCompromise);
    }
    return new JcaX509CRLConverter().getCRL(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.caKeys.getPrivate())));
  }

  private Path pem(String name, Object... objects) throws IOException {
    Path p = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(p); JcaPEMWriter pw = new JcaPEMWriter(w)) {
      for (Object o : objects) {
        // private keys as PKCS#8 ("PRIVATE KEY"), as operators' tools write them
        pw.writeObject(o instanceof java.security.PrivateKey k
            ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", k.getEncoded()) : o);
      }
    }
    return p;
  }
}
