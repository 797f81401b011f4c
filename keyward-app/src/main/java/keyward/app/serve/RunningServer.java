package keyward.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import keyward.app.pki.DevPki;
import keyward.server.Caller;
import keyward.server.KeywardServer;
import keyward.server.auth.CredentialAuthenticator;
import keyward.server.auth.WatchedUserFile;
import keyward.server.audit.AuditLog;
import keyward.server.batch.Authenticator;
import keyward.server.batch.MessageProcessor;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.server.operation.OperationTable;
import keyward.server.transport.HttpsEndpoint;
import keyward.server.transport.TlsContexts;
import keyward.server.transport.TtlvTlsListener;
import keyward.spi.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Keyward server: the store (embedded SQLite or PostgreSQL, behind encryption at rest),
 * the message processor, the TLS listener and, when configured, the HTTPS endpoint, wired by hand. `keyward serve` runs one; tests start one on an ephemeral port.
 */
public final class RunningServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

  private final ServerSettings settings;
  private final DevPki pki;
  private final ObjectStore store;
  private final TtlvTlsListener listener;
  private final HttpsEndpoint https; // null when not configured
  private final OperationTable operations;
  private final AuditLog audit;

  private RunningServer(ServerSettings settings, DevPki pki, ObjectStore store,
      TtlvTlsListener listener, HttpsEndpoint https, OperationTable operations, AuditLog audit) {
    this.operations = operations;
    this.settings = settings;
    this.audit = audit;
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
      tls = TlsContexts.serverFromPem(s.serverCert(), s.serverKey(), s.clientCa(), s.security().clientCrl());
    } else {
      pki = devPki(s);
      tls = TlsContexts.serverFromPem(pki.serverCertificate(), pki.serverKey(), pki.caCertificate(),
          s.security().clientCrl());
    }
    ObjectStore store = Storage.open(s.storage(), s.dataDir());
    AuditLog audit = null;
    try {
      SecuritySettings sec = s.security();
      audit = AuditLog.open(sec.auditLogIn(s.dataDir()));
      LOG.info("audit log: {}", audit.file().toAbsolutePath());
      KeywardServer server = new KeywardServer(store, new JcaCryptoEngine(s.rng()), authenticator(s),
          s.limits(), Clock.systemUTC(), KeywardServer.Options.DEFAULT.withAccess(sec.access())
              .withAudit(audit).withRequestLimits(sec.requestLimits()));
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
      return new RunningServer(s, pki, store, listener, https, server.operations(), audit);
    } catch (Exception | Error e) {
      store.close();
      if (audit != null) {
        audit.close();
      }
      throw e;
    }
  }

  /** Header credentials are checked against the users file (re-read when it changes). */
  private static Authenticator authenticator(ServerSettings s) throws IOException {
    Path file = s.effectiveUsersFile();
    WatchedUserFile users = new WatchedUserFile(file);
    if (s.requireCredentials() && users.get().isEmpty()) {
      throw new IllegalArgumentException("credentials are required but " + file
          + " lists no users: add one with `keyward user add NAME`");
    }
    if (users.get().isEmpty()) {
      LOG.info("no users in {}: requests act as their client certificate; Username and Password "
          + "credentials are not checked", file);
    } else {
      LOG.info("{} user(s) from {}; credentials {}", users.get().names().size(), file,
          s.requireCredentials() ? "required on every request" : "checked when sent");
    }
    return new CredentialAuthenticator(users, s.requireCredentials(), Clock.systemUTC());
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
      try {
        audit.close();
      } catch (Exception e) {
        LOG.warn("closing the audit log: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
