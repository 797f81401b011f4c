package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconnecting clients resume their TLS session instead of a full handshake with certificate
 * checks (what a pool of short-lived connections, or a restarting database, relies on).
 * TLS 1.2 shows it as the same session ID; TLS 1.3 resumption (PSK tickets) was checked with
 * `openssl s_client -sess_out/-sess_in` ("Reused, TLSv1.3"), see docs/performance.md.
 */
class TlsResumptionTest {
  @TempDir Path dir;

  @Test
  void aSecondTls12ConnectionResumesTheFirstSession() throws Exception {
    try (RunningServer server = RunningServer.start(
        ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("data")))) {
      SSLContext ctx = server.pki().clientContext();
      byte[] first = sessionId(ctx, server.port());
      byte[] second = sessionId(ctx, server.port());
      assertThat(first).isNotEmpty();
      assertThat(HexFormat.of().formatHex(second)).isEqualTo(HexFormat.of().formatHex(first));
      // A client with another context (no cached session) gets a new one.
      assertThat(HexFormat.of().formatHex(sessionId(server.pki().clientContext(), server.port())))
          .isNotEqualTo(HexFormat.of().formatHex(first));
    }
  }

  private static byte[] sessionId(SSLContext ctx, int port) throws Exception {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port)) {
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.startHandshake();
      return s.getSession().getId();
    }
  }
}
