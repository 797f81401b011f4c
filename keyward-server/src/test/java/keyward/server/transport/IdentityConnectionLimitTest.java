package keyward.server.transport;

import static keyward.server.transport.Fixture.alice;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One client identity may hold only so many connections; others are not held back by it. */
class IdentityConnectionLimitTest {
  private final Fixture fixture = new Fixture();
  private final MessageHandler echo = (message, identity) -> message;

  @AfterEach
  void stop() {
    fixture.stopAll();
  }

  @Test
  void connectionsOfOneIdentityOverItsMaximumAreClosedAfterTheHandshake() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config().withMaxConnectionsPerIdentity(2), echo);
    TestPki.Issued bobCert = Fixture.CA.client("CN=bob");
    List<TestClient> clients = new ArrayList<>();
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 2; i++) { // at the limit: served
        TestClient c = TestClient.connect(alice(), l.port());
        byte[] m = TestClient.message(8, i);
        assertThat(c.exchange(m)).isEqualTo(m);
        clients.add(c);
      }
      assertThat(l.connectionsOf("alice")).isEqualTo(2);
      // one over: the handshake may finish on the client's side, then the server closes
      try (TestClient third = TestClient.connect(alice(), l.port())) {
        third.send(TestClient.message(8, 3));
        assertThat(third.closedByServer()).isTrue();
      } catch (IOException refusedDuringHandshake) {
        // TLS 1.2 may fail the handshake itself: also a refusal
      }
      assertThat(log.events(Level.WARN, "maximum per identity")).hasSize(1);
      // another identity is not affected
      try (TestClient bob = TestClient.connect(TestPki.clientContext(bobCert, Fixture.CA), l.port())) {
        byte[] m = TestClient.message(8, 4);
        assertThat(bob.exchange(m)).isEqualTo(m);
      }
      // one of alice's leaves: she may connect again
      clients.removeFirst().close();
      Fixture.await("alice's slot frees", () -> l.connectionsOf("alice") == 1);
      try (TestClient again = TestClient.connect(alice(), l.port())) {
        byte[] m = TestClient.message(8, 5);
        assertThat(again.exchange(m)).isEqualTo(m);
      }
    } finally {
      for (TestClient c : clients) {
        c.close();
      }
    }
  }
}
