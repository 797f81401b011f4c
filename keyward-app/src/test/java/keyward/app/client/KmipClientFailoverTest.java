package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import keyward.client.KmipClient;
import keyward.client.KmipTransportException;
import keyward.kmip.spec.KmipVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several servers: a dead one first, then a live one. A server that cannot be reached is
 * skipped for any operation (the request never left); a request lost after it was sent is sent
 * again only when it is idempotent (Get yes, Create never).
 */
class KmipClientFailoverTest {
  @RegisterExtension static final TestServer server = new TestServer();

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aRefusingServerIsSkippedForTheNext() throws Exception {
    int dead = closedPort();
    try (KmipClient c = server.tls().server("localhost", dead).server("localhost", server.port()).build()) {
      String id = c.createSymmetricKey("AES", 128).execute(); // not idempotent, yet safe: never sent
      assertThat(c.get(id)).hasSize(16);
      assertThat(c.version()).isEqualTo(KmipVersion.V2_1);
    }
  }

  @Test
  void whenNoServerAnswersTheErrorNamesEach() throws Exception {
    int a = closedPort();
    int b = closedPort();
    try (KmipClient c = server.tls().server("localhost", a).server("localhost", b).build()) {
      assertThatThrownBy(c::version).isInstanceOf(KmipTransportException.class)
          .hasMessageContaining("localhost:" + a).hasMessageContaining("localhost:" + b);
    }
  }

  @Test
  void aServerThatNeverHandshakesTimesOutAndIsSkipped() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            Socket s = silent.accept(); // accepted, never answered: held open until the test ends
            s.getInputStream();
          }
        } catch (IOException done) {
          // closed by the test
        }
      });
      long t0 = System.nanoTime();
      try (KmipClient c = server.tls().server("localhost", silent.getLocalPort())
          .server("localhost", server.port()).readTimeout(Duration.ofMillis(500)).build()) {
        String id = c.createSymmetricKey("AES", 128).execute();
        assertThat(id).isNotEmpty();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
  }

  /** A TLS server that reads a request and hangs up without answering. */
  static final class Dropper implements AutoCloseable {
    final SSLServerSocket socket;
    final AtomicInteger requests = new AtomicInteger();

    Dropper() throws Exception {
      socket = (SSLServerSocket) server.running().pki().serverContext().getServerSocketFactory().createServerSocket(0);
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
              s.startHandshake();
              InputStream in = s.getInputStream();
              if (in.read(new byte[8]) > 0) {
                requests.incrementAndGet();
              }
            } catch (IOException oneFailed) {
              if (socket.isClosed()) {
                return;
              }
            }
          }
        } catch (RuntimeException e) {
          // closed
        }
      });
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aLostAnswerIsRetriedForGetButNeverForCreate() throws Exception {
    String id;
    try (KmipClient direct = server.client(KmipVersion.V2_1)) {
      id = direct.createSymmetricKey("AES", 128).execute();
    }
    try (Dropper dropper = new Dropper()) {
      try (KmipClient c = server.tls().server("localhost", dropper.port()).server("localhost", server.port())
          .version(KmipVersion.V2_1).build()) {
        assertThat(c.get(id)).hasSize(16);
        assertThat(dropper.requests.get()).isEqualTo(1);
      }
      try (KmipClient c = server.tls().server("localhost", dropper.port()).server("localhost", server.port())
          .version(KmipVersion.V2_1).build()) {
        assertThatThrownBy(() -> c.createSymmetricKey("AES", 128).execute())
            .isInstanceOf(KmipTransportException.class).hasMessageContaining("localhost:" + dropper.port());
        assertThat(dropper.requests.get()).isEqualTo(2);
      }
      try (KmipClient c = server.tls().server("localhost", dropper.port()).server("localhost", server.port())
          .version(KmipVersion.V2_1).retries(0).build()) {
        assertThatThrownBy(() -> c.get(id)).isInstanceOf(KmipTransportException.class);
      }
    }
  }
}
