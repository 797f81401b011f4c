package keyward.server.transport;

import static keyward.server.transport.Fixture.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time-outs, the connection limit, concurrency and graceful stop. */
class ListenerLimitsTest {

  private final Fixture fixture = new Fixture();
  private final MessageHandler echo = (message, identity) -> message;

  @AfterEach
  void stop() {
    fixture.stopAll();
  }

  @Test
  void aClientTricklingBytesIsCutOffByTheReadTimeout() throws Exception {
    Duration readTimeout = Duration.ofMillis(600);
    TtlvTlsListener l = fixture.start(Fixture.config().withReadTimeout(readTimeout), echo);
    try (LogCapture log = new LogCapture();
        TestClient c = TestClient.connect(alice(), l.port())) {
      byte[] msg = TestClient.message(56, 1); // 64 bytes at one a tenth of a second: 6.4 s
      long t0 = System.nanoTime();
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          for (byte b : msg) {
            c.send(new byte[] {b});
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException e) {
          // cut off, as expected
        }
      });
      assertThat(c.closedByServer()).isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(took).isGreaterThanOrEqualTo(readTimeout).isLessThan(Duration.ofSeconds(3));
      writer.join(Duration.ofSeconds(5));
      assertThat(log.events(Level.WARN, "read time-out")).hasSize(1);
    }
  }

  @Test
  void anIdleConnectionIsClosedButAnActiveOneIsNot() throws Exception {
    Duration idle = Duration.ofMillis(500);
    TtlvTlsListener l = fixture.start(Fixture.config().withIdleTimeout(idle), echo);
    try (TestClient c = TestClient.connect(alice(), l.port())) {
      // Requests 200 ms apart for 1.6 s: each resets the idle clock.
      for (int i = 0; i < 8; i++) {
        byte[] m = TestClient.message(8, i);
        assertThat(c.exchange(m)).isEqualTo(m);
        Thread.sleep(200);
      }
      long t0 = System.nanoTime();
      assertThat(c.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
    Fixture.await("the listener counts no connection", () -> l.openConnections() == 0);
  }

  @Test
  void aClientThatNeverHandshakesIsClosedByTheHandshakeTimeout() throws Exception {
    TtlvTlsListener l = fixture.start(
        Fixture.config().withHandshakeTimeout(Duration.ofMillis(400)), echo);
    try (LogCapture log = new LogCapture(); Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", l.port()));
      s.setSoTimeout(10_000);
      long t0 = System.nanoTime();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      Fixture.await("the time-out is logged", () -> !log.events(Level.WARN,
          "handshake not completed").isEmpty());
    }
  }

  @Test
  void aClientThatDoesNotReadItsResponseIsCutOffByTheWriteTimeout() throws Exception {
    byte[] big = new byte[32 << 20]; // far more than the socket buffers hold
    TtlvTlsListener l = fixture.start(
        Fixture.config().withWriteTimeout(Duration.ofMillis(500)), (m, id) -> big);
    try (LogCapture log = new LogCapture();
        TestClient c = TestClient.connect(alice(), l.port())) {
      c.send(TestClient.message(8, 1));
      Fixture.await("the write time-out is logged",
          () -> !log.events(Level.WARN, "write time-out").isEmpty());
      Fixture.await("the connection is gone", () -> l.openConnections() == 0);
    }
  }

  @Test
  void connectionsOverTheMaximumAreClosedAtOnce() throws Exception {
    TtlvTlsListener l = fixture.start(Fixture.config().withMaxConnections(3), echo);
    List<TestClient> clients = new ArrayList<>();
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 3; i++) {
        TestClient c = TestClient.connect(alice(), l.port());
        c.exchange(TestClient.message(8, i));
        clients.add(c);
      }
      assertThat(l.openConnections()).isEqualTo(3);
      try (Socket fourth = new Socket()) {
        fourth.connect(new InetSocketAddress("127.0.0.1", l.port()));
        fourth.setSoTimeout(10_000);
        assertThat(fourth.getInputStream().read()).as("closed without a handshake").isEqualTo(-1);
      }
      assertThatThrownBy(() -> TestClient.connect(alice(), l.port()))
          .isInstanceOf(IOException.class);
      assertThat(log.events(Level.WARN, "the maximum")).isNotEmpty();
      // One leaves; a newcomer gets its place.
      clients.removeFirst().close();
      Fixture.await("a connection slot frees", () -> l.openConnections() == 2);
      try (TestClient again = TestClient.connect(alice(), l.port())) {
        byte[] m = TestClient.message(8, 9);
        assertThat(again.exchange(m)).isEqualTo(m);
      }
    } finally {
      for (TestClient c : clients) {
        c.close();
      }
    }
  }

  @Test
  void twoHundredConcurrentConnectionsEachGetTheirAnswersInOrder() throws Exception {
    int connections = 200;
    int requests = 5;
    // The handler checks, per connection, that requests arrive in the order they were sent.
    Map<InetSocketAddress, Long> last = new ConcurrentHashMap<>();
    AtomicInteger outOfOrder = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    MessageHandler checking = (message, identity) -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      long seq = ByteBuffer.wrap(message, 8, 8).getLong() & 0xFFFF;
      Long prev = last.put(identity.remoteAddress(), seq);
      if (prev == null ? seq != 0 : seq != prev + 1) {
        outOfOrder.incrementAndGet();
      }
      Thread.sleep(1); // let requests of different connections overlap
      inFlight.decrementAndGet();
      return message;
    };
    // 400 handshakes (both ends) on a shared 2-core machine, JIT still cold: a generous
    // handshake time-out, so this tests concurrency, not the speed of the machine.
    TtlvTlsListener l = fixture.start(
        Fixture.config().withHandshakeTimeout(Duration.ofSeconds(60)), checking);
    var ctx = alice();
    CountDownLatch allConnected = new CountDownLatch(connections);
    try (LogCapture log = new LogCapture();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        long id = i;
        results.add(pool.submit(() -> {
          TestClient c;
          try {
            c = TestClient.connect(ctx, l.port());
          } finally {
            allConnected.countDown(); // a failed client must not hold the others back
          }
          try (c) {
            allConnected.await(60, TimeUnit.SECONDS); // all open at once
            int ok = 0;
            for (int seq = 0; seq < requests; seq++) {
              byte[] m = TestClient.message(8 + 8 * (seq % 3), id << 16 | seq);
              if (java.util.Arrays.equals(c.exchange(m), m)) {
                ok++;
              }
            }
            return ok;
          }
        }));
      }
      for (Future<Integer> f : results) {
        try {
          assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(requests);
        } catch (ExecutionException e) {
          throw new AssertionError("a client failed; server warnings: "
              + log.events(Level.WARN, "").stream().map(ev -> ev.getFormattedMessage()).toList(),
              e.getCause());
        }
      }
    }
    assertThat(outOfOrder).hasValue(0);
    assertThat(last).hasSize(connections);
    assertThat(maxInFlight.get()).as("connections are served concurrently").isGreaterThan(1);
  }

  @Test
  void gracefulStopFinishesInFlightRequestsAndClosesIdleConnections() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TtlvTlsListener l = fixture.start(Fixture.config(), (m, id) -> {
      if (m[15] == 'S') { // the slow request
        entered.countDown();
        release.await();
      }
      return m;
    });
    try (TestClient busy = TestClient.connect(alice(), l.port());
        TestClient idle = TestClient.connect(alice(), l.port())) {
      byte[] quick = TestClient.message(8, 0);
      assertThat(idle.exchange(quick)).isEqualTo(quick);
      byte[] slow = TestClient.message(8, 'S');
      busy.send(slow);
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      var clean = new java.util.concurrent.atomic.AtomicBoolean();
      var stopped = Thread.ofVirtual().start(() -> clean.set(l.stop(Duration.ofSeconds(10))));
      assertThat(idle.closedByServer()).as("an idle connection is closed at once").isTrue();
      assertThatThrownBy(() -> TestClient.connect(alice(), l.port()))
          .as("no new connections").isInstanceOf(IOException.class);
      assertThat(stopped.isAlive()).as("stop waits for the in-flight request").isTrue();

      release.countDown();
      assertThat(busy.readFrame()).as("the in-flight request is answered").isEqualTo(slow);
      assertThat(busy.readFrame()).as("then the connection is closed").isNull();
      stopped.join(Duration.ofSeconds(10));
      assertThat(stopped.isAlive()).isFalse();
      assertThat(clean).as("every in-flight request finished in time").isTrue();
    }
    assertThat(l.openConnections()).isZero();
  }

  @Test
  void gracefulStopClosesWhatIsStillBusyAtTheDeadline() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TtlvTlsListener l = fixture.start(Fixture.config(), (m, id) -> {
      entered.countDown();
      release.await(); // never released before the deadline
      return m;
    });
    try (TestClient busy = TestClient.connect(alice(), l.port())) {
      busy.send(TestClient.message(8, 1));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      boolean clean = l.stop(Duration.ofMillis(300));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(clean).isFalse();
      // The grace period, then the handler is interrupted rather than waited for.
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300))
          .isLessThan(Duration.ofSeconds(3));
      assertThat(busy.closedByServer()).isTrue();
      release.countDown();
    }
    Fixture.await("all connections gone", () -> l.openConnections() == 0);
  }

  @Test
  void stopBeforeStartAndTwiceIsHarmless() throws Exception {
    TtlvTlsListener never = new TtlvTlsListener(Fixture.config(),
        Fixture.CA.serverContext(Fixture.SERVER), echo);
    assertThat(never.stop(Duration.ZERO)).isTrue();
    assertThatThrownBy(never::start).isInstanceOf(IllegalStateException.class);
    TtlvTlsListener l = fixture.start(Fixture.config(), echo);
    assertThat(l.stop(Duration.ofSeconds(1))).isTrue();
    assertThat(l.stop(Duration.ofSeconds(1))).isTrue();
    try (Socket s = new Socket()) {
      assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", l.port()), 2000))
          .isInstanceOf(IOException.class);
    }
  }
}
