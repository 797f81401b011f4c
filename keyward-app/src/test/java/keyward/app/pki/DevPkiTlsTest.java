package keyward.app.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import keyward.server.transport.ClientIdentity;
import keyward.server.transport.TlsListenerConfig;
import keyward.server.transport.TtlvTlsListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The development PKI in use: the listener with server.pem/server.key, a JSSE client with
 * client.p12 + ca.pem, and {@code openssl s_client} with client.pem/client.key as an independent
 * TLS implementation.
 */
class DevPkiTlsTest {

  @TempDir static Path dir;
  static DevPki pki;
  static TtlvTlsListener listener;
  static final List<ClientIdentity> SEEN = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    pki = DevPki.ensure(dir);
    // A short idle time-out lets openssl s_client (which waits for the server to close) end.
    TlsListenerConfig config = TlsListenerConfig.defaults().withPort(0)
        .withIdleTimeout(Duration.ofSeconds(1));
    listener = new TtlvTlsListener(config, pki.serverContext(), (message, identity) -> {
      SEEN.add(identity);
      return message;
    });
    listener.start();
  }

  @AfterAll
  static void stop() {
    listener.stop(Duration.ofSeconds(2));
  }

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  /** A framed request: Request Message tag 0x420078, Structure, a body of 16 bytes. */
  private static byte[] request(long marker) {
    return ByteBuffer.allocate(24).put(new byte[] {0x42, 0x00, 0x78, 0x01, 0, 0, 0, 16})
        .putLong(marker).putLong(~marker).array();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void jsseClientWithClientP12AndCaPem(String protocol) throws Exception {
    try (SSLSocket s = (SSLSocket) pki.clientContext().getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("localhost", listener.port()), 5000);
      s.setSoTimeout(20_000);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS"); // the server cert must name "localhost"
      p.setProtocols(new String[] {protocol});
      s.setSSLParameters(p);
      s.startHandshake();
      byte[] req = request(42);
      s.getOutputStream().write(req);
      assertThat(s.getInputStream().readNBytes(req.length)).isEqualTo(req);
      assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
    }
    assertThat(SEEN).singleElement().satisfies(id -> {
      assertThat(id.name()).isEqualTo("keyward-admin");
      assertThat(id.protocol()).isEqualTo(protocol);
    });
  }

  private static String openssl() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, "openssl");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  private record Run(int exit, byte[] stdout, String stderr) {}

  private static Run sClient(List<String> extra, byte[] stdin) throws Exception {
    String openssl = openssl();
    assumeTrue(openssl != null, "the openssl binary is not on PATH: independent-client check skipped");
    List<String> cmd = new ArrayList<>(List.of(openssl, "s_client",
        "-connect", "127.0.0.1:" + listener.port(),
        "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256", // what PyKMIP's client offers
        "-CAfile", pki.caCertificate().toString(),
        "-verify_return_error", "-verify_hostname", "localhost", "-verify_ip", "127.0.0.1",
        "-quiet"));
    cmd.addAll(extra);
    Path err = dir.resolve("s_client.err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    byte[] out;
    try (InputStream o = p.getInputStream()) {
      out = o.readAllBytes(); // ends when s_client exits: the server's idle time-out
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl s_client finished").isTrue();
    return new Run(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void opensslClientWithTheDevClientCertificateOverTls12() throws Exception {
    byte[] req = request(7);
    Run r = sClient(List.of("-cert", pki.clientCertificate().toString(),
        "-key", pki.clientKey().toString()), req);
    assertThat(r.stdout()).as("echo; openssl said: %s", r.stderr()).isEqualTo(req);
    assertThat(SEEN).singleElement().satisfies(id -> {
      assertThat(id.name()).isEqualTo("keyward-admin");
      assertThat(id.protocol()).isEqualTo("TLSv1.2");
      assertThat(id.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    });
  }

  @Test
  void opensslClientWithoutCertificateIsRefused() throws Exception {
    Run r = sClient(List.of(), request(8));
    assertThat(r.stdout()).isEmpty();
    assertThat(r.exit()).isNotZero();
    assertThat(SEEN).isEmpty();
  }
}
