package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client certificate checks of the TLS port: the chain (see TtlvTlsListenerTest), the
 * validity dates, and the extended key usage (clientAuth when the certificate has an EKU at
 * all); each refusal is one warning naming the client's address and the reason. Also: a client
 * that offers only suites outside the configured list is refused and logged.
 */
class ClientCertificateChecksTest {
  private final Fixture fixture = new Fixture();
  private final AtomicInteger calls = new AtomicInteger();
  private final MessageHandler echo = (message, identity) -> {
    calls.incrementAndGet();
    return message;
  };

  @AfterEach
  void stop() {
    fixture.stopAll();
  }

  /** Connects, tries a request, and returns the local port (to find the log line). */
  private static int attempt(SSLContext ctx, int port, String[] suites) throws Exception {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(20_000);
      if (suites != null) {
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        s.setEnabledCipherSuites(suites);
      }
      int local = s.getLocalPort();
      try {
        s.startHandshake();
        s.getOutputStream().write(TestClient.message(8, 1));
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).as("no answer to a refused client").isEqualTo(-1);
      } catch (IOException expected) {
        // an alert or a reset: refused either way
      }
      return local;
    }
  }

  private static ILoggingEvent oneWarning(LogCapture log, int port) throws InterruptedException {
    Fixture.await("a warning about port " + port, () -> !log.events(Level.WARN, ":" + port).isEmpty());
    Thread.sleep(200);
    List<ILoggingEvent> events = log.events(Level.WARN, ":" + port);
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().getThrowableProxy()).as("no stack trace").isNull();
    return events.getFirst();
  }

  @Test
  void aCertificateForServersOnlyIsRefused() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    TestPki.Issued serverOnly = Fixture.CA.issue("CN=eve", TestPki.ec(), KeyPurposeId.id_kp_serverAuth, null);
    try (LogCapture log = new LogCapture()) {
      int port = attempt(TestPki.insistentClientContext(serverOnly, Fixture.CA), l.port(), null);
      assertThat(oneWarning(log, port).getFormattedMessage())
          .contains("refused", "handshake failed").containsIgnoringCase("key usage");
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void aCertificateWithoutExtendedKeyUsageIsAccepted() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    TestPki.Issued any = Fixture.CA.issue("CN=plain", TestPki.ec(), null, null);
    try (TestClient c = TestClient.connect(TestPki.clientContext(any, Fixture.CA), l.port())) {
      byte[] m = TestClient.message(8, 1);
      assertThat(c.exchange(m)).isEqualTo(m);
    }
  }

  @Test
  void anExpiredOrNotYetValidCertificateIsRefused() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    Instant now = Instant.now();
    TestPki.Issued expired = Fixture.CA.issue("CN=old", TestPki.ec(), KeyPurposeId.id_kp_clientAuth, null,
        now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    TestPki.Issued early = Fixture.CA.issue("CN=early", TestPki.ec(), KeyPurposeId.id_kp_clientAuth, null,
        now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    try (LogCapture log = new LogCapture()) {
      for (TestPki.Issued cert : List.of(expired, early)) {
        int port = attempt(TestPki.insistentClientContext(cert, Fixture.CA), l.port(), null);
        assertThat(oneWarning(log, port).getFormattedMessage())
            .contains("refused", "handshake failed").containsIgnoringCase("validity");
      }
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void aClientOfferingOnlySuitesOutsideTheListIsRefusedAndLogged() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    try (LogCapture log = new LogCapture()) {
      int port = attempt(Fixture.alice(), l.port(), new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"});
      assertThat(oneWarning(log, port).getFormattedMessage())
          .contains("refused", "handshake failed").containsIgnoringCase("cipher");
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void aConfiguredSuiteListIsWhatTheServerOffers() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config().withEnabledProtocols(List.of("TLSv1.2"))
        .withEnabledCipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")), echo);
    try (TestClient c = TestClient.connect(Fixture.alice(), l.port())) {
      byte[] m = TestClient.message(8, 1);
      assertThat(c.exchange(m)).isEqualTo(m);
    }
    try (LogCapture log = new LogCapture()) {
      int port = attempt(Fixture.alice(), l.port(), new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
      assertThat(oneWarning(log, port).getFormattedMessage()).contains("handshake failed");
    }
  }
}
