package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import keyward.client.KmipClient;
import keyward.client.KmipTransportException;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a lost answer the client sends a Hash or RNG Retrieve again to the next server (they
 * change nothing), but never an Encrypt (it spends the key's Usage Limits).
 */
class KmipClientCryptoRetryTest {
  @TempDir static java.nio.file.Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void hashAndRngRetrieveAreRetriedEncryptIsNot() throws Exception {
    byte[] data = "retry me".getBytes(StandardCharsets.UTF_8);
    String key;
    try (KmipClient direct = server.client(KmipVersion.V2_1)) {
      key = direct.createSymmetricKey("AES", 128).activate().execute();
    }
    AtomicInteger requests = new AtomicInteger();
    try (SSLServerSocket dropper = dropper(requests)) {
      try (KmipClient c = server.tls().server("localhost", dropper.getLocalPort()).server("localhost", server.port())
          .version(KmipVersion.V2_1).build()) {
        assertThat(c.hash(HashingAlgorithm.SHA_256, data)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(requests.get()).isEqualTo(1);
      }
      try (KmipClient c = server.tls().server("localhost", dropper.getLocalPort()).server("localhost", server.port())
          .version(KmipVersion.V2_1).build()) {
        assertThat(c.rngRetrieve(16)).hasSize(16);
        assertThat(requests.get()).isEqualTo(2);
      }
      try (KmipClient c = server.tls().server("localhost", dropper.getLocalPort()).server("localhost", server.port())
          .version(KmipVersion.V2_1).build()) {
        assertThatThrownBy(() -> c.encrypt(key, data, null)).isInstanceOf(KmipTransportException.class);
        assertThat(requests.get()).isEqualTo(3);
      }
    }
  }

  /** A TLS server that reads a request and hangs up without answering, counting requests. */
  static SSLServerSocket dropper(AtomicInteger requests) throws Exception {
    SSLServerSocket socket = (SSLServerSocket) server.running().pki().serverContext().getServerSocketFactory()
        .createServerSocket(0);
    Thread.ofVirtual().start(() -> {
      while (!socket.isClosed()) {
        try (SSLSocket s = (SSLSocket) socket.accept()) {
          s.startHandshake();
          InputStream in = s.getInputStream();
          if (in.read(new byte[8]) > 0) {
            requests.incrementAndGet();
          }
        } catch (IOException oneFailedOrClosed) {
          // the next connection, or the end
        }
      }
    });
    return socket;
  }
}
