package keyward.app.serve;

import java.nio.file.Path;
import java.time.Duration;
import keyward.kmip.codec.CodecLimits;
import keyward.server.crypto.RngSetting;
import keyward.server.transport.HttpsEndpointConfig;
import keyward.server.transport.IdentityField;
import keyward.server.transport.TlsListenerConfig;

/**
 * Every setting of `keyward serve`, with its default. Sources, later ones winning: the defaults
 * here, the config file (TOML), the command-line flags.
 *
 * @param host address to listen on (loopback by default: a development server is not exposed)
 * @param port KMIP port (5696 is IANA's)
 * @param dataDir where the database and the development PKI live
 * @param serverCert PEM certificate chain of the server; null = the development PKI's
 * @param serverKey PEM private key of the server; null = the development PKI's
 * @param clientCa PEM CA certificates that client certificates must chain to; null = dev CA
 * @param identityField which part of the client certificate names the client
 * @param limits codec bounds for every message
 * @param maxConnections connections open at once
 * @param idleTimeout a connection with no request for this long is closed
 * @param readTimeout a started message must arrive completely within this
 * @param httpsPort port of the KMIP-over-HTTPS endpoint on the same host (0 picks a free one);
 *     null = no HTTPS endpoint (the default)
 * @param usersFile users for Username and Password credentials; null = {@code users} in the data
 *     directory (absent file: no users, header credentials are not checked)
 * @param requireCredentials every request must carry a valid Username and Password credential
 * @param rng the generator of key material and random data: the JDK DRBG (default) or, as a
 *     legacy option, ANSI X9.31 over AES-256
 * @param security access, audit, request and connection limits, TLS choices
 * @param storage the store (embedded SQLite or PostgreSQL) and the master key of encryption at rest
 */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    Path serverCert,
    Path serverKey,
    Path clientCa,
    IdentityField identityField,
    CodecLimits limits,
    int maxConnections,
    Duration idleTimeout,
    Duration readTimeout,
    Integer httpsPort,
    Path usersFile,
    boolean requireCredentials,
    RngSetting rng,
    SecuritySettings security,
    StorageSettings storage) {

  public ServerSettings {
    rng = rng == null ? RngSetting.DRBG : rng;
    security = security == null ? SecuritySettings.DEFAULT : security;
    storage = storage == null ? StorageSettings.defaults() : storage;
  }

  /** Settings with no users file of their own and the default generator, security and storage. */
  public ServerSettings(String host, int port, Path dataDir, Path serverCert, Path serverKey,
      Path clientCa, IdentityField identityField, CodecLimits limits, int maxConnections,
      Duration idleTimeout, Duration readTimeout, Integer httpsPort) {
    this(host, port, dataDir, serverCert, serverKey, clientCa, identityField, limits,
        maxConnections, idleTimeout, readTimeout, httpsPort, null, false, null, null, null);
  }

  /** Settings without the HTTPS endpoint. */
  public ServerSettings(String host, int port, Path dataDir, Path serverCert, Path serverKey,
      Path clientCa, IdentityField identityField, CodecLimits limits, int maxConnections,
      Duration idleTimeout, Duration readTimeout) {
    this(host, port, dataDir, serverCert, serverKey, clientCa, identityField, limits,
        maxConnections, idleTimeout, readTimeout, null);
  }

  /** The same settings with the HTTPS endpoint on {@code port}, or off for null. */
  public ServerSettings withHttpsPort(Integer port) {
    return new ServerSettings(host, this.port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, port, usersFile, requireCredentials, rng,
        security, storage);
  }

  /** The same settings on another port (0: a free one, as tests use). */
  public ServerSettings withPort(int port) {
    return new ServerSettings(host, port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, httpsPort, usersFile, requireCredentials,
        rng, security, storage);
  }

  /** The same settings with another data directory. */
  public ServerSettings withDataDir(Path dir) {
    return new ServerSettings(host, port, dir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, httpsPort, usersFile, requireCredentials,
        rng, security, storage);
  }

  /** The same settings with another idle time-out. */
  public ServerSettings withIdleTimeout(Duration idle) {
    return new ServerSettings(host, port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idle, readTimeout, httpsPort, usersFile, requireCredentials, rng,
        security, storage);
  }

  /** The same settings with another users file (null: the data directory's) and policy. */
  public ServerSettings withCredentials(Path users, boolean required) {
    return new ServerSettings(host, port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, httpsPort, users, required, rng,
        security, storage);
  }

  /** The users file in effect. */
  public Path effectiveUsersFile() {
    return usersFile != null ? usersFile : dataDir.resolve("users");
  }

  /** The same settings with another random number generator. */
  public ServerSettings withRng(RngSetting generator) {
    return new ServerSettings(host, port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, httpsPort, usersFile, requireCredentials,
        generator, security, storage);
  }

  /** The same settings with other security settings. */
  public ServerSettings withSecurity(SecuritySettings v) {
    return new ServerSettings(host, port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, httpsPort, usersFile, requireCredentials,
        rng, v, storage);
  }

  /** The same settings with another storage. */
  public ServerSettings withStorage(StorageSettings v) {
    return new ServerSettings(host, port, dataDir, serverCert, serverKey, clientCa, identityField,
        limits, maxConnections, idleTimeout, readTimeout, httpsPort, usersFile, requireCredentials,
        rng, security, v);
  }

  public static ServerSettings defaults() {
    TlsListenerConfig t = TlsListenerConfig.defaults();
    return new ServerSettings(t.host(), t.port(), Path.of("keyward-data"), null, null, null,
        t.identityField(), CodecLimits.DEFAULT, t.maxConnections(), t.idleTimeout(), t.readTimeout());
  }

  /** True when the server's TLS material is given; otherwise the development PKI is used. */
  public boolean explicitTls() {
    return serverCert != null || serverKey != null || clientCa != null;
  }

  public TlsListenerConfig listenerConfig() {
    return TlsListenerConfig.defaults()
        .withHost(host)
        .withPort(port)
        .withMaxMessageBytes(limits.maxMessageBytes())
        .withMaxConnections(maxConnections)
        .withIdleTimeout(idleTimeout)
        .withReadTimeout(readTimeout)
        .withIdentityField(identityField)
        .withMaxConnectionsPerIdentity(security.maxConnectionsPerIdentity())
        .withHandshakeTimeout(security.handshakeTimeout())
        .withEnabledProtocols(security.tlsProtocols())
        .withEnabledCipherSuites(security.cipherSuites());
  }

  /** The HTTPS endpoint's settings; its request time-out is the read time-out. */
  public HttpsEndpointConfig httpsConfig() {
    return HttpsEndpointConfig.defaults()
        .withHost(host)
        .withPort(httpsPort == null ? HttpsEndpointConfig.DEFAULT_PORT : httpsPort)
        .withLimits(limits)
        .withRequestTimeout(readTimeout)
        .withMaxConnections(maxConnections)
        .withIdentityField(identityField)
        .withTls(security.tlsProtocols(), security.cipherSuites())
        .withMaxRequestsPerIdentity(security.maxConnectionsPerIdentity());
  }
}
