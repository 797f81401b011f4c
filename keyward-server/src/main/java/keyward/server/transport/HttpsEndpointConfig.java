package keyward.server.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import keyward.kmip.codec.CodecLimits;

/**
 * Settings of an {@link HttpsEndpoint}. Every setting has a named default; start from {@link
 * #defaults()} and change what differs with the {@code with...} methods.
 *
 * @param host address to bind; default {@value #DEFAULT_HOST} (loopback only)
 * @param port TCP port; default {@value #DEFAULT_PORT}; 0 picks a free one
 * @param path the one path that takes KMIP messages; default {@value #DEFAULT_PATH}
 * @param limits codec bounds for XML and JSON messages; {@code limits.maxMessageBytes()} also
 *     bounds the Content-Length of every request, TTLV included
 * @param identityField which certificate field becomes {@link ClientIdentity#name()}
 * @param requestTimeout longest from the start of a request to the start of its response (the
 *     body is read and handled in that time); see {@link HttpsEndpoint} on its JVM-wide scope
 * @param idleTimeout longest a kept-alive connection may wait for its next request
 * @param maxConnections connections open at once; more are accepted and closed at once
 * @param stopGrace how long {@link HttpsEndpoint#close()} lets exchanges in flight finish
 * @param enabledProtocols TLS versions offered; as the TLS port's (TLSv1.2/TLSv1.3 only)
 * @param enabledCipherSuites cipher suites offered, in order; the JDK's unavailable ones are dropped
 */
public record HttpsEndpointConfig(
    String host,
    int port,
    String path,
    CodecLimits limits,
    IdentityField identityField,
    Duration requestTimeout,
    Duration idleTimeout,
    int maxConnections,
    Duration stopGrace,
    List<String> enabledProtocols,
    List<String> enabledCipherSuites,
    int maxRequestsPerIdentity) {

  public static final String DEFAULT_HOST = TlsListenerConfig.DEFAULT_HOST;
  /** No IANA port for KMIP over HTTPS; 5697 sits next to the TTLV port. */
  public static final int DEFAULT_PORT = 5697;
  public static final String DEFAULT_PATH = "/kmip";
  public static final CodecLimits DEFAULT_LIMITS = CodecLimits.DEFAULT;
  public static final IdentityField DEFAULT_IDENTITY_FIELD = TlsListenerConfig.DEFAULT_IDENTITY_FIELD;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = TlsListenerConfig.DEFAULT_READ_TIMEOUT;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = TlsListenerConfig.DEFAULT_MAX_CONNECTIONS;
  public static final Duration DEFAULT_STOP_GRACE = TlsListenerConfig.DEFAULT_STOP_GRACE;

  public HttpsEndpointConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.length() > 1 && path.endsWith("/")) {
      throw new IllegalArgumentException("path must start with '/' and not end with one: " + path);
    }
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(identityField, "identityField");
    wholeSeconds(requestTimeout, "requestTimeout");
    wholeSeconds(idleTimeout, "idleTimeout");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    Objects.requireNonNull(stopGrace, "stopGrace");
    if (stopGrace.isNegative()) {
      throw new IllegalArgumentException("stopGrace must not be negative");
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
  }

  /** The JDK server counts these in whole seconds. */
  private static void wholeSeconds(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.toSeconds() < 1) {
      throw new IllegalArgumentException(name + " must be at least one second");
    }
  }

  public static HttpsEndpointConfig defaults() {
    return new HttpsEndpointConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_PATH, DEFAULT_LIMITS,
        DEFAULT_IDENTITY_FIELD, DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
        DEFAULT_STOP_GRACE, TlsListenerConfig.DEFAULT_PROTOCOLS,
        TlsListenerConfig.DEFAULT_CIPHER_SUITES, TlsListenerConfig.DEFAULT_MAX_CONNECTIONS_PER_IDENTITY);
  }

  public int maxMessageBytes() {
    return limits.maxMessageBytes();
  }

  public HttpsEndpointConfig withHost(String v) {
    return new HttpsEndpointConfig(v, port, path, limits, identityField, requestTimeout,
        idleTimeout, maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withPort(int v) {
    return new HttpsEndpointConfig(host, v, path, limits, identityField, requestTimeout,
        idleTimeout, maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withPath(String v) {
    return new HttpsEndpointConfig(host, port, v, limits, identityField, requestTimeout,
        idleTimeout, maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withLimits(CodecLimits v) {
    return new HttpsEndpointConfig(host, port, path, v, identityField, requestTimeout, idleTimeout,
        maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withIdentityField(IdentityField v) {
    return new HttpsEndpointConfig(host, port, path, limits, v, requestTimeout, idleTimeout,
        maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withRequestTimeout(Duration v) {
    return new HttpsEndpointConfig(host, port, path, limits, identityField, v, idleTimeout,
        maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withIdleTimeout(Duration v) {
    return new HttpsEndpointConfig(host, port, path, limits, identityField, requestTimeout, v,
        maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withMaxConnections(int v) {
    return new HttpsEndpointConfig(host, port, path, limits, identityField, requestTimeout,
        idleTimeout, v, stopGrace, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withStopGrace(Duration v) {
    return new HttpsEndpointConfig(host, port, path, limits, identityField, requestTimeout,
        idleTimeout, maxConnections, v, enabledProtocols, enabledCipherSuites, maxRequestsPerIdentity);
  }

  public HttpsEndpointConfig withTls(List<String> protocols, List<String> suites) {
    return new HttpsEndpointConfig(host, port, path, limits, identityField, requestTimeout, idleTimeout,
        maxConnections, stopGrace, protocols, suites, maxRequestsPerIdentity);
  }

  /**
   * Requests one client identity may have in progress at once (HTTP hides connections from the
   * handler, so this is the HTTPS form of the TLS port's connections per identity); more get 503.
   */
  public HttpsEndpointConfig withMaxRequestsPerIdentity(int v) {
    return new HttpsEndpointConfig(host, port, path, limits, identityField, requestTimeout, idleTimeout,
        maxConnections, stopGrace, enabledProtocols, enabledCipherSuites, v);
  }
}
