package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that vanish in the middle of a request (half a message sent, or a whole one sent and
 * the connection dropped before the answer) leave nothing behind: no open connection, no
 * per-identity count, and the listener keeps serving others.
 */
class VanishingClientsTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void stop() {
    fixture.stopAll();
  }

  @Test
  void clientsThatVanishMidRequestLeaveNoConnectionBehind() throws Exception {
    CountDownLatch handling = new CountDownLatch(10);
    MessageHandler slowEcho = (message, identity) -> {
      handling.countDown();
      Thread.sleep(200); // the client is gone by the time the answer is written
      return message;
    };
    TtlvTlsListener l = fixture.start(Fixture.config().withReadTimeout(Duration.ofSeconds(30)), slowEcho);
    byte[] msg = TestClient.message(256, 7);
    for (int i = 0; i < 10; i++) {
      // half a message, then gone
      TestClient half = TestClient.connect(Fixture.alice(), l.port());
      half.send(java.util.Arrays.copyOf(msg, msg.length / 2));
      half.close();
      // a whole message, then gone before the answer
      TestClient whole = TestClient.connect(Fixture.alice(), l.port());
      whole.send(msg);
      whole.close();
    }
    assertThat(handling.await(20, TimeUnit.SECONDS)).as("the whole messages reached the handler").isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ((l.openConnections() > 0 || l.connectionsOf("alice") > 0) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(l.openConnections()).as("open connections after the clients vanished").isZero();
    assertThat(l.connectionsOf("alice")).as("alice's connection count").isZero();
    try (TestClient c = TestClient.connect(Fixture.alice(), l.port())) {
      assertThat(c.exchange(msg)).isEqualTo(msg);
    }
  }
}
