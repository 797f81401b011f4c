package keyward.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.TtlvCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KMIP TTLV-over-TLS listener (KMIP 1.4 / 2.1 §10: TTLV messages over TLS, port 5696).
 *
 * <p>TLS 1.2 or 1.3 with a client certificate required and verified against the CAs of the
 * {@link SSLContext} (see {@link TlsContexts}). Each connection gets one virtual thread that
 * reads a message, hands it to the {@link MessageHandler}, writes the answer back, and only
 * then reads the next, so requests on one connection are served in order.
 *
 * <p>Framing: the 8-byte header is checked (a Structure, a KMIP tag, a length within {@link
 * TlsListenerConfig#maxMessageBytes()}) before the body is allocated or read; bytes that fail
 * the check close the connection without a reply, since there is no message to answer.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} or {@link #close()}. The
 * listener cannot be restarted.
 */
public final class TtlvTlsListener implements AutoCloseable {

  static final Logger LOG = LoggerFactory.getLogger(TtlvTlsListener.class);

  private enum State { NEW, RUNNING, STOPPED }

  private final TlsListenerConfig config;
  private final SSLContext sslContext;
  private final MessageHandler handler;
  private final TtlvCodec codec;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  /** Connections per identity, for those past their handshake; absent means none. */
  private final ConcurrentHashMap<String, Integer> perIdentity = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private State state = State.NEW;
  private SSLSocketFactory socketFactory;
  private SSLParameters parameters;
  private ServerSocket server;
  private Thread acceptor;
  private Thread sweeper;
  // Refusals over maxConnections are logged at most once a second; touched by the acceptor only.
  private long lastRefusalLog;
  private long refusedSinceLog;

  /**
   * @param sslContext a server context whose trust managers hold the client CAs; see {@link
   *     TlsContexts#serverFromPem}
   */
  public TtlvTlsListener(TlsListenerConfig config, SSLContext sslContext,
      MessageHandler handler) {
    this.config = Objects.requireNonNull(config, "config");
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.codec = new TtlvCodec(CodecLimits.DEFAULT.withMaxMessageBytes(config.maxMessageBytes()));
  }

  /**
   * Binds the port and starts accepting.
   *
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when none of the configured protocols or cipher suites is
   *     available in this JDK, or the listener was already started
   */
  public synchronized void start() throws IOException {
    if (state != State.NEW) {
      throw new IllegalStateException("a listener starts once; it is " + state);
    }
    parameters = parameters();
    socketFactory = sslContext.getSocketFactory();
    ServerSocket ss = new ServerSocket();
    try {
      ss.setReuseAddress(true);
      ss.bind(new InetSocketAddress(config.host(), config.port()), config.acceptBacklog());
    } catch (IOException e) {
      ss.close();
      throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    server = ss;
    state = State.RUNNING;
    int port = ss.getLocalPort();
    sweeper = Thread.ofVirtual().name("kmip-timeouts:" + port).start(this::sweepLoop);
    acceptor = Thread.ofVirtual().name("kmip-accept:" + port).start(this::acceptLoop);
    LOG.info("KMIP listener on {}:{}: {}, {} cipher suites, client certificates required",
        config.host(), port, String.join("/", parameters.getProtocols()),
        parameters.getCipherSuites().length);
  }

  /** The configured protocols and suites the JDK offers; the rest are dropped with a note. */
  private SSLParameters parameters() {
    SSLParameters supported = sslContext.getSupportedSSLParameters();
    List<String> protocols = available(config.enabledProtocols(), supported.getProtocols(),
        "protocols");
    // The supported list already leaves out what jdk.tls.disabledAlgorithms disables.
    List<String> suites = available(config.enabledCipherSuites(), supported.getCipherSuites(),
        "cipher suites");
    SSLParameters p = new SSLParameters(suites.toArray(String[]::new),
        protocols.toArray(String[]::new));
    p.setNeedClientAuth(true);
    p.setUseCipherSuitesOrder(true);
    return p;
  }

  private static List<String> available(List<String> wanted, String[] supported, String what) {
    List<String> have = Arrays.asList(supported);
    List<String> out = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (String w : wanted) {
      (have.contains(w) ? out : dropped).add(w);
    }
    if (!dropped.isEmpty()) {
      LOG.info("KMIP listener: {} not available in this JDK (or disabled by "
          + "jdk.tls.disabledAlgorithms), not offered: {}", what, dropped);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("none of the configured " + what + " is available: "
          + wanted);
    }
    return out;
  }

  /** The port actually bound (useful with port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("listener not started");
    }
    return server.getLocalPort();
  }

  /** The address actually bound. */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("listener not started");
    }
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Connections open now, handshaking ones included. */
  public int openConnections() {
    return open.get();
  }

  public TlsListenerConfig config() {
    return config;
  }

  private void acceptLoop() {
    while (!stopping) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (stopping) {
          break;
        }
        // e.g. out of file descriptors: say so, and do not spin.
        LOG.error("KMIP listener: accept failed: {}", e.getMessage());
        sleepQuietly(100);
        continue;
      }
      if (open.incrementAndGet() > config.maxConnections()) {
        open.decrementAndGet();
        refuse(s);
        continue;
      }
      Connection c = new Connection(this, s);
      connections.add(c);
      if (stopping) {
        // stop() may have looked at the set before this connection was in it.
        c.closeIfIdle();
        closed(c);
        break;
      }
      c.thread().start();
    }
  }

  private void refuse(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing more to do with it
    }
    refusedSinceLog++;
    long now = System.nanoTime();
    if (lastRefusalLog == 0 || now - lastRefusalLog >= 1_000_000_000L) {
      LOG.warn("KMIP connection from {} refused: {} connections open, the maximum{}",
          s.getRemoteSocketAddress(), config.maxConnections(),
          refusedSinceLog > 1 ? " (" + refusedSinceLog + " refused since the last report)" : "");
      lastRefusalLog = now;
      refusedSinceLog = 0;
    }
  }

  private void sweepLoop() {
    long tick = Math.clamp(minTimeout().toMillis() / 10, 5, 250);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Connection c : connections) {
        c.checkDeadline(now);
      }
    }
  }

  private Duration minTimeout() {
    Duration min = config.handshakeTimeout();
    for (Duration d : List.of(config.idleTimeout(), config.readTimeout(), config.writeTimeout())) {
      if (d.compareTo(min) < 0) {
        min = d;
      }
    }
    return min;
  }

  /**
   * Stops: no new connections; connections between requests are closed now; requests being
   * read, handled or answered get until {@code grace} has passed to finish, then their
   * connections are closed too. Waits for all connection threads. Idempotent.
   *
   * @return true when every in-flight request finished within the grace period
   */
  public boolean stop(Duration grace) {
    synchronized (this) {
      if (state != State.RUNNING) {
        state = State.STOPPED;
        return true;
      }
      state = State.STOPPED;
    }
    stopping = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("KMIP listener: closing the server socket: {}", e.getMessage());
    }
    for (Connection c : connections) {
      c.closeIfIdle();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    joinAll(deadline);
    boolean clean = connections.isEmpty();
    if (!clean) {
      LOG.warn("KMIP listener: {} connection(s) still busy after {} ms; closing them",
          connections.size(), grace.toMillis());
      for (Connection c : connections) {
        c.forceClose("server stopped");
      }
      joinAll(System.nanoTime() + 5_000_000_000L);
    }
    joinQuietly(acceptor, System.nanoTime() + 1_000_000_000L);
    sweeper.interrupt();
    joinQuietly(sweeper, System.nanoTime() + 1_000_000_000L);
    LOG.info("KMIP listener on port {} stopped", server.getLocalPort());
    return clean;
  }

  /** {@link #stop(Duration)} with {@link TlsListenerConfig#stopGrace()}. */
  @Override
  public void close() {
    stop(config.stopGrace());
  }

  private void joinAll(long deadline) {
    for (Connection c : connections) {
      joinQuietly(c.thread(), deadline);
    }
  }

  private static void joinQuietly(Thread t, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return;
    }
    try {
      t.join(Duration.ofNanos(left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- for Connection ---

  boolean stopping() {
    return stopping;
  }

  TtlvCodec codec() {
    return codec;
  }

  MessageHandler handler() {
    return handler;
  }

  /** Layers server-mode TLS over an accepted socket; closing the TLS socket closes it. */
  SSLSocket wrap(Socket raw) throws IOException {
    raw.setTcpNoDelay(true);
    SSLSocket ssl = (SSLSocket) socketFactory.createSocket(raw, null, true);
    ssl.setSSLParameters(parameters);
    return ssl;
  }

  /**
   * Counts a connection for its identity; false (and not counted) when the identity already
   * holds {@link TlsListenerConfig#maxConnectionsPerIdentity()}.
   */
  boolean admit(String identity) {
    boolean[] ok = new boolean[1];
    perIdentity.compute(identity, (k, n) -> {
      int have = n == null ? 0 : n;
      ok[0] = have < config.maxConnectionsPerIdentity();
      return ok[0] ? have + 1 : n;
    });
    return ok[0];
  }

  /** Undoes {@link #admit}. */
  void release(String identity) {
    perIdentity.computeIfPresent(identity, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Connections the identity holds now (past their handshake). */
  public int connectionsOf(String identity) {
    return perIdentity.getOrDefault(identity, 0);
  }

  void closed(Connection c) {
    if (connections.remove(c)) {
      open.decrementAndGet();
    }
  }
}
