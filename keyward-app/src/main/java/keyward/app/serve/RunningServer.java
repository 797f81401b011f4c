package keyward.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import keyward.app.pki.DevPki;
import keyward.server.Caller;
import keyward.server.KeywardServer;
import keyward.server.batch.Authenticator;
import keyward.server.batch.MessageProcessor;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.server.operation.OperationTable;
import keyward.server.transport.HttpsEndpoint;
import keyward.server.transport.TlsContexts;
import keyward.server.transport.TtlvTlsListener;
import keyward.store.SqliteObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Keyward server: the embedded store, the message processor, the TLS listener and,
 * when configured, the HTTPS endpoint,
 * wired by hand. `keyward serve` runs one; tests start one on an ephemeral port.
 */
public final class RunningServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

  private final ServerSettings settings;
  private final DevPki pki;
  private final SqliteObjectStore store;
  private final TtlvTlsListener listener;
  private final HttpsEndpoint https; // null when not configured
  private final OperationTable operations;

  private RunningServer(ServerSettings settings, DevPki pki, SqliteObjectStore store,
      TtlvTlsListener listener, HttpsEndpoint https, OperationTable operations) {
    this.operations = operations;
    this.settings = settings;
    this.pki = pki;
    this.store = store;
    this.listener = listener;
    this.https = https;
  }

  public static RunningServer start(ServerSettings s) throws Exception {
    Files.createDirectories(s.dataDir());
    DevPki pki = null;
    SSLContext tls;
    if (s.explicitTls()) {
      if (s.serverCert() == null || s.serverKey() == null || s.clientCa() == null) {
        throw new IllegalArgumentException(
            "--server-cert, --server-key and --client-ca go together: give all three, or none for the development PKI");
      }
      tls = TlsContexts.serverFromPem(s.serverCert(), s.serverKey(), s.clientCa());
    } else {
      pki = devPki(s);
      tls = TlsContexts.serverFromPem(pki.serverCertificate(), pki.serverKey(), pki.caCertificate());
    }
    SqliteObjectStore store = SqliteObjectStore.open(s.dataDir());
    try {
      KeywardServer server = new KeywardServer(store, new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY,
          s.limits(), Clock.systemUTC());
      MessageProcessor processor = server.processor();
      TtlvTlsListener listener = new TtlvTlsListener(s.listenerConfig(), tls,
          (message, identity) -> processor.process(message,
              new Caller(identity.name(), String.valueOf(identity.remoteAddress()))));
      listener.start();
      HttpsEndpoint https = null;
      if (s.httpsPort() != null) {
        https = new HttpsEndpoint(s.httpsConfig(), tls, processor);
        try {
          https.start();
        } catch (IOException | RuntimeException e) {
          listener.stop(Duration.ZERO);
          throw e;
        }
      }
      return new RunningServer(s, pki, store, listener, https, server.operations());
    } catch (Exception | Error e) {
      store.close();
      throw e;
    }
  }

  private static DevPki devPki(ServerSettings s) throws IOException, GeneralSecurityException {
    DevPki pki = DevPki.ensure(s.dataDir().resolve("pki"));
    if (pki.created()) {
      LOG.info("development PKI created in {} (CA, server certificate for localhost, client certificate)",
          pki.directory().toAbsolutePath());
    }
    return pki;
  }

  public int port() {
    return listener.port();
  }

  /** The URL of the KMIP-over-HTTPS endpoint, or null when it is off. */
  public String httpsUrl() {
    return https == null ? null
        : "https://" + settings.host() + ":" + https.port() + https.config().path();
  }

  /** The server's dispatch table: what it performs (Query and the conformance replay read it). */
  public OperationTable operations() {
    return operations;
  }

  public ServerSettings settings() {
    return settings;
  }

  /** The development PKI in use, or null when the server runs on given certificates. */
  public DevPki pki() {
    return pki;
  }

  /** Stops accepting, lets requests in flight finish (up to the grace), closes the store. */
  public void stop(Duration grace) {
    try {
      if (https != null) {
        https.stop(grace);
      }
      listener.stop(grace);
    } finally {
      try {
        store.close();
      } catch (Exception e) {
        LOG.warn("closing the store: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
