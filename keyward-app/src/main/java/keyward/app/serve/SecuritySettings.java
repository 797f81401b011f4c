package keyward.app.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import keyward.server.access.AccessPolicy;
import keyward.server.batch.RequestLimits;
import keyward.server.transport.TlsListenerConfig;

/**
 * The security settings of `keyward serve` beyond the codec limits and time-outs: who is admin
 * and in which groups, where the audit log goes, the request limits, the per-identity
 * connection limit, the TLS handshake time-out, protocols and cipher suites.
 *
 * @param access admins and groups ([access] in the config file)
 * @param auditLog the audit log file; null = {@code audit.jsonl} in the data directory
 * @param requestLimits batch items per request, identifiers per Locate, requests per second
 * @param maxConnectionsPerIdentity connections one client identity may hold at once
 * @param handshakeTimeout longest a TLS handshake may take
 * @param tlsProtocols TLS versions offered (TLSv1.2 and/or TLSv1.3 only)
 * @param cipherSuites cipher suites offered, in order of preference
 * @param clientCrl PEM or DER CRLs of the client CAs; when given, a client certificate they list
 *     as revoked (or whose revocation status they do not cover) is refused; null = no CRL check
 */
public record SecuritySettings(
    AccessPolicy access,
    Path auditLog,
    RequestLimits requestLimits,
    int maxConnectionsPerIdentity,
    Duration handshakeTimeout,
    List<String> tlsProtocols,
    List<String> cipherSuites,
    Path clientCrl) {

  public static final SecuritySettings DEFAULT = new SecuritySettings(AccessPolicy.OWNER_ONLY, null,
      RequestLimits.DEFAULT, TlsListenerConfig.DEFAULT_MAX_CONNECTIONS_PER_IDENTITY,
      TlsListenerConfig.DEFAULT_HANDSHAKE_TIMEOUT, TlsListenerConfig.DEFAULT_PROTOCOLS,
      TlsListenerConfig.DEFAULT_CIPHER_SUITES, null);

  public SecuritySettings {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(requestLimits, "requestLimits");
    tlsProtocols = List.copyOf(tlsProtocols);
    cipherSuites = List.copyOf(cipherSuites);
  }

  /** The audit log file for a data directory. */
  public Path auditLogIn(Path dataDir) {
    return auditLog != null ? auditLog : dataDir.resolve("audit.jsonl");
  }

  public SecuritySettings withAccess(AccessPolicy v) {
    return new SecuritySettings(v, auditLog, requestLimits, maxConnectionsPerIdentity, handshakeTimeout,
        tlsProtocols, cipherSuites, clientCrl);
  }

  public SecuritySettings withRequestLimits(RequestLimits v) {
    return new SecuritySettings(access, auditLog, v, maxConnectionsPerIdentity, handshakeTimeout,
        tlsProtocols, cipherSuites, clientCrl);
  }

  public SecuritySettings withMaxConnectionsPerIdentity(int v) {
    return new SecuritySettings(access, auditLog, requestLimits, v, handshakeTimeout, tlsProtocols,
        cipherSuites, clientCrl);
  }

  public SecuritySettings withHandshakeTimeout(Duration v) {
    return new SecuritySettings(access, auditLog, requestLimits, maxConnectionsPerIdentity, v,
        tlsProtocols, cipherSuites, clientCrl);
  }

  public SecuritySettings withTls(List<String> protocols, List<String> suites) {
    return new SecuritySettings(access, auditLog, requestLimits, maxConnectionsPerIdentity,
        handshakeTimeout, protocols, suites, clientCrl);
  }

  public SecuritySettings withAuditLog(Path v) {
    return new SecuritySettings(access, v, requestLimits, maxConnectionsPerIdentity, handshakeTimeout,
        tlsProtocols, cipherSuites, clientCrl);
  }

  public SecuritySettings withClientCrl(Path v) {
    return new SecuritySettings(access, auditLog, requestLimits, maxConnectionsPerIdentity, handshakeTimeout,
        tlsProtocols, cipherSuites, v);
  }
}
