package keyward.server.transport;

import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** One PKI for all listener tests (key generation is the slow part) and listener start-up. */
final class Fixture {

  static final TestPki CA;
  static final TestPki FOREIGN_CA;
  static final TestPki.Issued SERVER;
  static final TestPki.Issued ALICE;
  static final TestPki.Issued MALLORY;

  static {
    try {
      CA = TestPki.create("Keyward Test CA");
      FOREIGN_CA = TestPki.create("Some Other CA");
      SERVER = CA.server();
      ALICE = CA.client("O=Keyward Tests,CN=alice"); // BC: encoding order, so CN is last
      MALLORY = FOREIGN_CA.client("CN=mallory");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final List<TtlvTlsListener> started = new ArrayList<>();

  /** Test defaults: ephemeral port, time-outs long enough not to fire unless a test wants. */
  static TlsListenerConfig config() {
    return TlsListenerConfig.defaults().withPort(0).withStopGrace(Duration.ofSeconds(2));
  }

  TtlvTlsListener start(TlsListenerConfig config, MessageHandler handler) throws Exception {
    TtlvTlsListener l = new TtlvTlsListener(config, CA.serverContext(SERVER), handler);
    started.add(l);
    l.start();
    return l;
  }

  static SSLContext alice() throws Exception {
    return TestPki.clientContext(ALICE, CA);
  }

  /** A client that trusts the server but has no certificate to present. */
  static SSLContext noCertificate() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", CA.caCert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  void stopAll() {
    for (TtlvTlsListener l : started) {
      l.stop(Duration.ofSeconds(1));
    }
  }

  /** Waits for a condition that another thread will make true; fails after 10 s. */
  static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
