package keyward.it;

import java.nio.file.Path;
import keyward.app.pki.DevPki;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;

/** Servers for the integration tests: loopback, an ephemeral port, a data directory of the test's own. */
public final class TestServers {
  private TestServers() {}

  /** A server that makes (or reuses) the development PKI in {@code dataDir/pki}. */
  public static RunningServer withDevPki(Path dataDir) throws Exception {
    return RunningServer.start(settings(dataDir, null));
  }

  /**
   * A server on a fresh data directory that uses an existing development PKI's server certificate
   * and CA: making a PKI costs RSA key generation, so tests that start many servers share one.
   */
  public static RunningServer withPki(Path dataDir, DevPki pki) throws Exception {
    return RunningServer.start(settings(dataDir, pki));
  }

  /** Like {@link #withPki}, with the KMIP-over-HTTPS endpoint on an ephemeral port too. */
  public static RunningServer withPkiAndHttps(Path dataDir, DevPki pki) throws Exception {
    return RunningServer.start(settings(dataDir, pki).withHttpsPort(0));
  }

  private static ServerSettings settings(Path dataDir, DevPki pki) {
    ServerSettings d = ServerSettings.defaults();
    return new ServerSettings("127.0.0.1", 0, dataDir,
        pki == null ? null : pki.serverCertificate(),
        pki == null ? null : pki.serverKey(),
        pki == null ? null : pki.caCertificate(),
        d.identityField(), d.limits(), d.maxConnections(), d.idleTimeout(), d.readTimeout());
  }
}
