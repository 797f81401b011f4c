package keyward.server.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import keyward.kmip.codec.CodecLimits;

/**
 * Settings of a {@link TtlvTlsListener}. Every limit has a named default; start from {@link
 * #defaults()} and change what differs with the {@code with...} methods.
 *
 * @param host address to bind; default {@value #DEFAULT_HOST} (loopback only, so a server is
 *     not exposed until its operator says so; "0.0.0.0" or "::" binds all interfaces)
 * @param port TCP port; default {@value #DEFAULT_PORT} (IANA's KMIP port); 0 picks a free one
 * @param maxMessageBytes largest message accepted, its 8-byte header included; a longer
 *     declared length closes the connection before the body is read
 * @param handshakeTimeout longest a TLS handshake may take, from accept
 * @param idleTimeout longest a connection may wait between requests (or before its first)
 *     before it is closed
 * @param readTimeout longest from the first byte of a message to its last; a client trickling
 *     bytes is cut off when it runs out
 * @param writeTimeout longest a response write may block on a client that does not read
 * @param maxConnections open connections allowed at once; one more is accepted and closed at
 *     once
 * @param maxConnectionsPerIdentity open connections one client identity may hold at once;
 *     one more is closed right after its handshake (the identity is known only then), with a
 *     warning; default {@value #DEFAULT_MAX_CONNECTIONS_PER_IDENTITY}
 * @param acceptBacklog the listen queue length handed to the operating system
 * @param enabledProtocols TLS versions offered
 * @param enabledCipherSuites cipher suites offered, in order of preference; names the JDK does
 *     not support or has disabled are dropped (and logged) when the listener starts
 * @param identityField which certificate field becomes {@link ClientIdentity#name()}
 * @param stopGrace how long {@link TtlvTlsListener#close()} lets in-flight requests finish
 */
public record TlsListenerConfig(
    String host,
    int port,
    int maxMessageBytes,
    Duration handshakeTimeout,
    Duration idleTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    int maxConnections,
    int maxConnectionsPerIdentity,
    int acceptBacklog,
    List<String> enabledProtocols,
    List<String> enabledCipherSuites,
    IdentityField identityField,
    Duration stopGrace) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5696;
  /** The codec's own default, so the transport never accepts what the decoder would refuse. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = CodecLimits.DEFAULT.maxMessageBytes();
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** KMIP clients keep connections open between requests, so this is generous. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;
  /** A quarter of all connections: one client (or one stolen certificate) cannot take every slot. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IDENTITY = 250;
  public static final int DEFAULT_ACCEPT_BACKLOG = 256;
  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /**
   * TLS 1.3's AEAD suites, ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2, then two
   * AES-128-CBC-SHA256 suites of the kind the KMIP 1.x Profiles' authentication suites name, for
   * clients such as PyKMIP that offer nothing else. TLS_RSA_* has no forward
   * secrecy and JDK 24+ disables it in {@code jdk.tls.disabledAlgorithms}; it takes effect only
   * where the operator re-enables it there.
   */
  public static final List<String> DEFAULT_CIPHER_SUITES = List.of(
      "TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_RSA_WITH_AES_128_CBC_SHA256");

  public static final IdentityField DEFAULT_IDENTITY_FIELD = IdentityField.COMMON_NAME;
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

  public TlsListenerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (maxMessageBytes < 16) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 16");
    }
    positive(handshakeTimeout, "handshakeTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(readTimeout, "readTimeout");
    positive(writeTimeout, "writeTimeout");
    Objects.requireNonNull(stopGrace, "stopGrace");
    if (stopGrace.isNegative()) {
      throw new IllegalArgumentException("stopGrace must not be negative");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    if (maxConnectionsPerIdentity < 1) {
      throw new IllegalArgumentException("maxConnectionsPerIdentity must be at least 1");
    }
    if (acceptBacklog < 1) {
      throw new IllegalArgumentException("acceptBacklog must be at least 1");
    }
    enabledProtocols = List.copyOf(enabledProtocols);
    enabledCipherSuites = List.copyOf(enabledCipherSuites);
    for (String p : enabledProtocols) {
      if (!p.equals("TLSv1.2") && !p.equals("TLSv1.3")) {
        throw new IllegalArgumentException("only TLSv1.2 and TLSv1.3 may be enabled, not " + p);
      }
    }
    if (enabledProtocols.isEmpty() || enabledCipherSuites.isEmpty()) {
      throw new IllegalArgumentException("at least one protocol and one cipher suite");
    }
    Objects.requireNonNull(identityField, "identityField");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** Every setting at its default. */
  public static TlsListenerConfig defaults() {
    return new TlsListenerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_READ_TIMEOUT,
        DEFAULT_WRITE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IDENTITY,
        DEFAULT_ACCEPT_BACKLOG, DEFAULT_PROTOCOLS, DEFAULT_CIPHER_SUITES, DEFAULT_IDENTITY_FIELD,
        DEFAULT_STOP_GRACE);
  }

  public TlsListenerConfig withHost(String v) {
    return new TlsListenerConfig(v, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog,
        enabledProtocols, enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withPort(int v) {
    return new TlsListenerConfig(host, v, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog,
        enabledProtocols, enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withMaxMessageBytes(int v) {
    return new TlsListenerConfig(host, port, v, handshakeTimeout, idleTimeout, readTimeout,
        writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withHandshakeTimeout(Duration v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, v, idleTimeout, readTimeout,
        writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withIdleTimeout(Duration v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, v, readTimeout,
        writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withReadTimeout(Duration v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout, v,
        writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withWriteTimeout(Duration v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, v, maxConnections, maxConnectionsPerIdentity, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withMaxConnections(int v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, v, maxConnectionsPerIdentity, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withAcceptBacklog(int v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, v, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withEnabledProtocols(List<String> v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog, v,
        enabledCipherSuites, identityField, stopGrace);
  }

  public TlsListenerConfig withEnabledCipherSuites(List<String> v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog,
        enabledProtocols, v, identityField, stopGrace);
  }

  public TlsListenerConfig withIdentityField(IdentityField v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog,
        enabledProtocols, enabledCipherSuites, v, stopGrace);
  }

  public TlsListenerConfig withStopGrace(Duration v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, maxConnectionsPerIdentity, acceptBacklog,
        enabledProtocols, enabledCipherSuites, identityField, v);
  }

  public TlsListenerConfig withMaxConnectionsPerIdentity(int v) {
    return new TlsListenerConfig(host, port, maxMessageBytes, handshakeTimeout, idleTimeout,
        readTimeout, writeTimeout, maxConnections, v, acceptBacklog, enabledProtocols,
        enabledCipherSuites, identityField, stopGrace);
  }
}
