package keyward.server.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.JsonCodec;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.batch.MessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KMIP over HTTPS (KMIP 2.1 §15.2 / KMIP Additional Message Encodings v1.0 §4): one request
 * message per POST, the answer in the response body, in the encoding the Content-Type names:
 * {@code application/octet-stream} TTLV, {@code text/xml} or {@code application/xml} XML,
 * {@code application/json} JSON.
 *
 * <p>Mutual TLS as on the TTLV port: the same {@link SSLContext}, a client certificate required
 * and verified, the client named by {@link IdentityNames}. Refusals before the body is read:
 * another method 405, another path 404, another Content-Type 415, no Content-Length 411, a
 * Content-Length over {@link HttpsEndpointConfig#maxMessageBytes()} 413. A body that does not
 * decode is answered (200) with the KMIP Invalid Message response in its encoding.
 *
 * <p>Time-outs: the JDK server reads its time-outs from the system properties {@code
 * sun.net.httpserver.maxReqTime} and {@code sun.net.httpserver.idleInterval}, and its connection
 * bound from {@code jdk.httpserver.maxConnections}, once per JVM, when
 * its first server is made. {@link #start()} sets them from the config unless they are set
 * already, so the first endpoint of a JVM (or an operator's {@code -D}) decides them for all.
 */
public final class HttpsEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpsEndpoint.class);

  /** The three encodings, with the media type each answer carries. */
  enum Encoding {
    TTLV("application/octet-stream"), XML("text/xml"), JSON("application/json");

    final String mediaType;

    Encoding(String mediaType) {
      this.mediaType = mediaType;
    }

    /** The encoding a Content-Type names (parameters such as charset ignored), or null. */
    static Encoding of(String contentType) {
      if (contentType == null) {
        return null;
      }
      int semi = contentType.indexOf(';');
      String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim()
          .toLowerCase(Locale.ROOT);
      return switch (type) {
        case "application/octet-stream" -> TTLV;
        case "text/xml", "application/xml" -> XML;
        case "application/json" -> JSON;
        default -> null;
      };
    }
  }

  private final HttpsEndpointConfig config;
  private final SSLContext sslContext;
  private final MessageProcessor processor;
  private final XmlCodec xml;
  private final JsonCodec json;
  private HttpsServer server;
  private ExecutorService executor;
  private boolean started;
  /** Requests in progress per client identity, bounded by the config. */
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();

  public HttpsEndpoint(HttpsEndpointConfig config, SSLContext sslContext, MessageProcessor processor) {
    this.config = Objects.requireNonNull(config, "config");
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.xml = new XmlCodec(config.limits());
    this.json = new JsonCodec(config.limits());
  }

  /** Binds and starts serving. */
  public synchronized void start() throws IOException {
    if (started) {
      throw new IllegalStateException("an endpoint starts once");
    }
    started = true;
    jdkTimeouts(config);
    HttpsServer s;
    try {
      s = HttpsServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    s.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
      @Override
      public void configure(HttpsParameters params) {
        // the configured lists, less what this JDK lacks or disables (as on the TLS port)
        SSLParameters supported = sslContext.getSupportedSSLParameters();
        SSLParameters p = sslContext.getDefaultSSLParameters();
        p.setProtocols(config.enabledProtocols().stream()
            .filter(List.of(supported.getProtocols())::contains).toArray(String[]::new));
        p.setCipherSuites(config.enabledCipherSuites().stream()
            .filter(List.of(supported.getCipherSuites())::contains).toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(true);
        params.setSSLParameters(p);
      }
    });
    s.createContext(config.path(), this::exchange);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    s.setExecutor(executor);
    s.start();
    server = s;
    LOG.info("KMIP HTTPS endpoint on https://{}:{}{}, client certificates required",
        config.host(), port(), config.path());
  }

  private static void jdkTimeouts(HttpsEndpointConfig c) {
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(c.requestTimeout().toSeconds()));
    }
    if (System.getProperty("sun.net.httpserver.idleInterval") == null) {
      System.setProperty("sun.net.httpserver.idleInterval", Long.toString(c.idleTimeout().toSeconds()));
    }
    if (System.getProperty("jdk.httpserver.maxConnections") == null) {
      System.setProperty("jdk.httpserver.maxConnections", Integer.toString(c.maxConnections()));
    }
  }

  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("endpoint not started");
    }
    return server.getAddress().getPort();
  }

  public HttpsEndpointConfig config() {
    return config;
  }

  /** Stops accepting and waits up to {@code grace} for exchanges in flight. Idempotent. */
  public synchronized void stop(Duration grace) {
    if (server == null) {
      return;
    }
    server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds())));
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("KMIP HTTPS endpoint on port {} stopped", server.getAddress().getPort());
    server = null;
  }

  @Override
  public void close() {
    stop(config.stopGrace());
  }

  private void exchange(HttpExchange ex) throws IOException {
    try (ex) {
      serve(ex);
    } catch (IOException e) {
      LOG.info("KMIP HTTPS exchange with {} lost: {}", ex.getRemoteAddress(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("KMIP HTTPS exchange with {}: unexpected failure", ex.getRemoteAddress(), e);
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals(config.path())) {
      refuse(ex, 404, "no KMIP endpoint at this path");
      return;
    }
    if (!ex.getRequestMethod().equals("POST")) {
      ex.getResponseHeaders().set("Allow", "POST");
      refuse(ex, 405, "KMIP messages are POSTed");
      return;
    }
    Encoding encoding = Encoding.of(ex.getRequestHeaders().getFirst("Content-Type"));
    if (encoding == null) {
      refuse(ex, 415, "Content-Type must be application/octet-stream (TTLV), text/xml or "
          + "application/xml (XML), or application/json (JSON)");
      return;
    }
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      refuse(ex, 411, "Content-Length required");
      return;
    }
    if (ex.getRequestHeaders().containsKey("Transfer-Encoding")) {
      // Both framings at once (RFC 9112 §6.3): which one the sender meant is a guess. The JDK
      // server refuses this itself today; this keeps the bound if it ever stops doing so.
      refuse(ex, 400, "Transfer-Encoding and Content-Length together");
      return;
    }
    long declared;
    try {
      declared = Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    if (declared < 0) {
      refuse(ex, 400, "Content-Length is not a number");
      return;
    }
    if (declared > config.maxMessageBytes()) {
      refuse(ex, 413, "a message may have at most " + config.maxMessageBytes() + " bytes");
      return;
    }
    ClientIdentity identity;
    try {
      identity = identity((HttpsExchange) ex);
    } catch (IdentityNames.NoIdentityException | SSLPeerUnverifiedException e) {
      LOG.warn("KMIP HTTPS request from {} refused: no identity in client certificate: {}",
          ex.getRemoteAddress(), e.getMessage());
      refuse(ex, 403, "no client identity in the certificate");
      return;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes((int) declared);
    }
    if (body.length != declared) {
      refuse(ex, 400, "body shorter than its Content-Length");
      return;
    }
    Caller caller = new Caller(identity.name(), String.valueOf(identity.remoteAddress()));
    if (!enter(identity.name())) {
      LOG.warn("KMIP HTTPS request from {} ({}) refused: {} requests of this identity already in progress",
          identity.name(), ex.getRemoteAddress(), config.maxRequestsPerIdentity());
      ex.getResponseHeaders().set("Retry-After", "1");
      refuse(ex, 503, "too many requests of this client in progress");
      return;
    }
    byte[] answer;
    try {
      answer = switch (encoding) {
        case TTLV -> processor.process(body, caller);
        case XML -> tree(body, caller, encoding);
        case JSON -> tree(body, caller, encoding);
      };
    } finally {
      leave(identity.name());
    }
    ex.getResponseHeaders().set("Content-Type", encoding == Encoding.TTLV
        ? encoding.mediaType : encoding.mediaType + "; charset=utf-8");
    ex.sendResponseHeaders(200, answer.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(answer);
    }
  }

  private boolean enter(String identity) {
    boolean[] admitted = {false};
    inFlight.compute(identity, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= config.maxRequestsPerIdentity()) {
        return n;
      }
      admitted[0] = true;
      return now + 1;
    });
    return admitted[0];
  }

  private void leave(String identity) {
    inFlight.computeIfPresent(identity, (k, n) -> n <= 1 ? null : n - 1);
  }

  private byte[] tree(byte[] body, Caller caller, Encoding encoding) {
    Item.Structure response;
    try {
      Item request = encoding == Encoding.XML ? xml.decode(body) : json.decode(body);
      response = processor.process(request, caller);
    } catch (DecodeException e) {
      response = processor.undecodable(e, caller);
    }
    KmipVersion v = versionOf(response);
    String text = encoding == Encoding.XML ? xml.encode(response, v) : json.encode(response, v);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The Protocol Version in a response's header: the names of the encoding are that version's. */
  static KmipVersion versionOf(Item.Structure response) {
    return response.first(Tag.RESPONSE_HEADER)
        .flatMap(h -> h instanceof Item.Structure s ? s.first(Tag.PROTOCOL_VERSION) : java.util.Optional.empty())
        .map(pv -> pv instanceof Item.Structure s
            && s.first(Tag.PROTOCOL_VERSION_MAJOR).orElse(null) instanceof Item.Integer major
            && s.first(Tag.PROTOCOL_VERSION_MINOR).orElse(null) instanceof Item.Integer minor
            ? KmipVersion.of(major.value(), minor.value()) : null)
        .orElse(KmipVersion.V2_1);
  }

  private ClientIdentity identity(HttpsExchange ex)
      throws SSLPeerUnverifiedException, IdentityNames.NoIdentityException {
    SSLSession session = ex.getSSLSession();
    Certificate[] certs = session.getPeerCertificates();
    List<X509Certificate> chain = new ArrayList<>(certs.length);
    for (Certificate c : certs) {
      chain.add((X509Certificate) c);
    }
    String name = IdentityNames.name(chain.getFirst(), config.identityField());
    return new ClientIdentity(chain, name, ex.getRemoteAddress(), session.getProtocol(),
        session.getCipherSuite());
  }

  /** A plain-text refusal; the connection is closed so an unread body is never parsed as HTTP. */
  private static void refuse(HttpExchange ex, int status, String why) throws IOException {
    byte[] text = (why + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.getResponseHeaders().set("Connection", "close");
    ex.sendResponseHeaders(status, text.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(text);
    }
  }
}
