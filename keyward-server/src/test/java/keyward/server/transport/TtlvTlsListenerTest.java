package keyward.server.transport;

import static keyward.server.transport.Fixture.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handshakes, client authentication, identity and framing over real mutual TLS on 127.0.0.1. */
class TtlvTlsListenerTest {

  private final Fixture fixture = new Fixture();
  private final List<ClientIdentity> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  private final MessageHandler echo = (message, identity) -> {
    calls.incrementAndGet();
    seen.add(identity);
    return message;
  };

  @AfterEach
  void stop() {
    fixture.stopAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void echoesOverEachTlsVersion(String protocol) throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    try (TestClient c = TestClient.connect(alice(), l.port(), protocol)) {
      assertThat(c.socket.getSession().getProtocol()).isEqualTo(protocol);
      byte[] request = TestClient.message(64, 7);
      assertThat(c.exchange(request)).isEqualTo(request);
      byte[] second = TestClient.message(8, 8);
      assertThat(c.exchange(second)).isEqualTo(second);
    }
    assertThat(seen).hasSize(2);
    assertThat(seen.getFirst().protocol()).isEqualTo(protocol);
  }

  @Test
  void identityIsTheClientCertificateCommonName() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    int localPort;
    try (TestClient c = TestClient.connect(alice(), l.port())) {
      localPort = c.localPort();
      c.exchange(TestClient.message(16, 1));
    }
    ClientIdentity id = seen.getFirst();
    assertThat(id.name()).isEqualTo("alice");
    assertThat(id.certificate()).isEqualTo(Fixture.ALICE.cert());
    assertThat(id.certificateChain()).hasSize(2);
    assertThat(id.remoteAddress().getPort()).isEqualTo(localPort);
    assertThat(id.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void identityCanBeTheWholeSubjectDn() throws Exception {
    TtlvTlsListener l = fixture.start(
        Fixture.config().withIdentityField(IdentityField.SUBJECT_DN), echo);
    try (TestClient c = TestClient.connect(alice(), l.port())) {
      c.exchange(TestClient.message(16, 1));
    }
    assertThat(seen.getFirst().name()).isEqualTo("CN=alice,O=Keyward Tests");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void clientWithoutCertificateIsRefusedAndLoggedOnce(String protocol) throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    try (LogCapture log = new LogCapture()) {
      int port = refusedClientPort(Fixture.noCertificate(), l.port(), protocol);
      List<ILoggingEvent> events = awaitLog(log, Level.WARN, ":" + port);
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().getFormattedMessage())
          .contains("127.0.0.1:" + port).contains("refused").contains("handshake failed")
          .containsIgnoringCase("certificate");
      assertThat(events.getFirst().getThrowableProxy()).as("no stack trace").isNull();
    }
    assertThat(calls).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void clientCertificateFromAnotherCaIsRefusedAndLoggedOnce(String protocol) throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    try (LogCapture log = new LogCapture()) {
      SSLContext mallory = TestPki.insistentClientContext(Fixture.MALLORY, Fixture.CA);
      int port = refusedClientPort(mallory, l.port(), protocol);
      List<ILoggingEvent> events = awaitLog(log, Level.WARN, ":" + port);
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().getFormattedMessage())
          .contains("127.0.0.1:" + port).contains("handshake failed")
          .contains("certification path");
      assertThat(events.getFirst().getThrowableProxy()).isNull();
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void clientWithoutCommonNameIsRefused() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    TestPki.Issued noCn = Fixture.CA.client("O=Keyward Tests,OU=no name");
    try (LogCapture log = new LogCapture()) {
      int port = refusedClientPort(TestPki.clientContext(noCn, Fixture.CA), l.port());
      assertThat(awaitLog(log, Level.WARN, ":" + port).getFirst().getFormattedMessage())
          .contains("no Common Name");
    }
    assertThat(calls).hasValue(0);
  }

  /**
   * Connects and sends one request, expecting the server to refuse. In TLS 1.3 the client's
   * handshake can complete before the server has checked the client's certificate, so the
   * refusal may show only on the first read; in TLS 1.2 the handshake itself fails. Returns the
   * client's local port, which the server's log must name.
   */
  private static int refusedClientPort(SSLContext ctx, int port, String... protocols)
      throws Exception {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(20_000);
      if (protocols.length > 0) {
        s.setEnabledProtocols(protocols);
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

  private static List<ILoggingEvent> awaitLog(LogCapture log, Level level, String fragment)
      throws InterruptedException {
    Fixture.await("a " + level + " log naming " + fragment,
        () -> !log.events(level, fragment).isEmpty());
    Thread.sleep(200); // a second event would come now, if the refusal were logged twice
    return log.events(level, fragment);
  }

  @Test
  void bytesThatDoNotFrameCloseTheConnectionWithoutAnswer() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    try (LogCapture log = new LogCapture();
        TestClient c = TestClient.connect(alice(), l.port())) {
      c.send("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(c.readFrame()).as("clean close, no response").isNull();
      assertThat(log.events(Level.WARN, "not a KMIP message")).hasSize(1);
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void aHeaderThatIsNotAStructureClosesTheConnection() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    byte[] integer = {0x42, 0x00, 0x78, 0x02, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0};
    try (TestClient c = TestClient.connect(alice(), l.port())) {
      c.exchange(TestClient.message(8, 1)); // a good message first: the connection works
      c.send(integer);
      assertThat(c.readFrame()).isNull();
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void anOversizeLengthClosesAtOnceWithoutReadingTheBody() throws Exception {
    // Read time-out far away: a close now cannot be the listener giving up on a missing body.
    TtlvTlsListener l = fixture.start(Fixture.config().withMaxMessageBytes(1024)
        .withReadTimeout(Duration.ofSeconds(60)), echo);
    try (LogCapture log = new LogCapture();
        TestClient c = TestClient.connect(alice(), l.port())) {
      // Declares 4 GiB - 8; a listener that allocated first would fail with OutOfMemoryError.
      c.send(new byte[] {0x42, 0x00, 0x78, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
          (byte) 0xF8});
      long t0 = System.nanoTime();
      assertThat(c.readFrame()).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(log.events(Level.WARN, "over the limit of 1024")).hasSize(1);
      assertThat(log.events(Level.ERROR, "")).isEmpty();
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void aMessageOfExactlyTheMaximumSizeIsServed() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config().withMaxMessageBytes(1024), echo);
    try (TestClient c = TestClient.connect(alice(), l.port())) {
      byte[] max = TestClient.message(1016, 1);
      assertThat(c.exchange(max)).isEqualTo(max);
      c.send(TestClient.message(1024, 2));
      assertThat(c.readFrame()).isNull();
    }
  }

  @Test
  void aHandlerFailureClosesTheConnectionAndIsLogged() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config(), (m, id) -> {
      throw new IllegalStateException("handler bug");
    });
    try (LogCapture log = new LogCapture();
        TestClient c = TestClient.connect(alice(), l.port())) {
      c.send(TestClient.message(8, 1));
      assertThat(c.readFrame()).isNull();
      Fixture.await("the failure is logged",
          () -> !log.events(Level.ERROR, "handler failed").isEmpty());
    }
  }

  @Test
  void startsOnceAndReportsTheBoundPort() throws Exception {
    TtlvTlsListener l = new TtlvTlsListener(Fixture.config(),
        Fixture.CA.serverContext(Fixture.SERVER), echo);
    assertThatThrownBy(l::port).isInstanceOf(IllegalStateException.class);
    l.start();
    try {
      assertThat(l.port()).isPositive();
      assertThat(l.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThatThrownBy(l::start).isInstanceOf(IllegalStateException.class);
    } finally {
      l.close();
    }
  }

  @Test
  void refusesToStartWhenNoConfiguredSuiteIsAvailable() throws Exception {
    TtlvTlsListener l = new TtlvTlsListener(
        Fixture.config().withEnabledCipherSuites(List.of("TLS_RSA_WITH_NO_SUCH_SUITE")),
        Fixture.CA.serverContext(Fixture.SERVER), echo);
    assertThatThrownBy(l::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cipher suites");
  }
}
