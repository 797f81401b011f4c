package keyward.server.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import org.slf4j.Logger;

/**
 * One accepted TCP connection, served on its own virtual thread: TLS handshake, then messages one
 * at a time in arrival order.
 *
 * <p>Time-outs are deadlines that the listener's sweeper enforces by closing the plain socket
 * under the TLS layer: that unblocks a read or write at once and, unlike closing the TLS socket,
 * never waits on a lock held by a blocked writer. A per-read {@code SO_TIMEOUT} would not do, as
 * a client sending one byte a second never lets a single read time out.
 */
final class Connection implements Runnable {

  /** What the connection is doing, each with the time-out that bounds it. */
  enum Phase {
    HANDSHAKE, IDLE, READ, HANDLE, WRITE, CLOSE
  }

  /** A phase and when it must be over, one immutable value so the sweeper reads them together. */
  private record Deadline(Phase phase, long nanos) {}

  // Life-cycle states; IDLE is the only one in which a graceful stop may close the connection.
  private static final int OPENING = 0;
  private static final int IDLE = 1;
  private static final int BUSY = 2;
  private static final int CLOSED = 3;

  private final TtlvTlsListener listener;
  private final TlsListenerConfig config;
  private final Logger log;
  private final Socket raw;
  private final InetSocketAddress remote;
  private final Thread thread;
  private final AtomicInteger state = new AtomicInteger(OPENING);
  private volatile Deadline deadline;
  /** Why this connection was closed from outside its thread; already logged when set. */
  private volatile String closedBecause;
  private ClientIdentity identity;
  /** True once counted against the identity's connection limit; released when closed. */
  private boolean admitted;

  Connection(TtlvTlsListener listener, Socket raw) {
    this.listener = listener;
    this.config = listener.config();
    this.log = TtlvTlsListener.LOG;
    this.raw = raw;
    this.remote = (InetSocketAddress) raw.getRemoteSocketAddress();
    this.thread = Thread.ofVirtual().name("kmip-conn " + remote).unstarted(this);
    this.deadline = new Deadline(Phase.HANDSHAKE, System.nanoTime()
        + config.handshakeTimeout().toNanos());
  }

  Thread thread() {
    return thread;
  }

  InetSocketAddress remote() {
    return remote;
  }

  @Override
  public void run() {
    SSLSocket ssl = null;
    try {
      ssl = listener.wrap(raw);
      if (!handshake(ssl)) {
        return;
      }
      serve(ssl);
    } catch (IOException e) {
      if (closedBecause == null) {
        log.info("KMIP connection {} lost: {}", who(), e.getMessage());
      }
    } catch (RuntimeException e) {
      log.error("KMIP connection {}: unexpected failure; closing", who(), e);
    } finally {
      state.set(CLOSED);
      closeTls(ssl);
      if (admitted) {
        listener.release(identity.name());
      }
      listener.closed(this);
    }
  }

  private boolean handshake(SSLSocket ssl) {
    try {
      ssl.startHandshake();
      SSLSession session = ssl.getSession();
      List<X509Certificate> chain = peerChain(session);
      String name = IdentityNames.name(chain.getFirst(), config.identityField());
      if (!listener.admit(name)) {
        log.warn("KMIP connection from {} refused: '{}' already holds {} connections, the maximum"
            + " per identity", remote, name, config.maxConnectionsPerIdentity());
        return false;
      }
      admitted = true;
      identity = new ClientIdentity(chain, name, remote, session.getProtocol(),
          session.getCipherSuite());
      log.info("KMIP connection from {}: {} {} as '{}'", remote, session.getProtocol(),
          session.getCipherSuite(), name);
      return true;
    } catch (IOException e) {
      if (closedBecause == null) {
        log.warn("KMIP connection from {} refused: TLS handshake failed: {}", remote,
            reason(e));
      }
    } catch (IdentityNames.NoIdentityException e) {
      log.warn("KMIP connection from {} refused: no identity in client certificate ({}): {}",
          remote, config.identityField(), e.getMessage());
    }
    return false;
  }

  /**
   * The JSSE message, plus the innermost cause's when it adds to it ("PKIX path building failed"
   * says less than "unable to find valid certification path").
   */
  private static String reason(Throwable e) {
    String msg = String.valueOf(e.getMessage());
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMsg = root.getMessage();
    return root == e || rootMsg == null || msg.contains(rootMsg) ? msg : msg + " (" + rootMsg + ")";
  }

  private static List<X509Certificate> peerChain(SSLSession session)
      throws SSLPeerUnverifiedException {
    Certificate[] certs = session.getPeerCertificates();
    List<X509Certificate> chain = new ArrayList<>(certs.length);
    for (Certificate c : certs) {
      chain.add((X509Certificate) c);
    }
    return chain;
  }

  private void serve(SSLSocket ssl) throws IOException {
    SSLSession session = ssl.getSession();
    InputStream in = ssl.getInputStream();
    OutputStream out = ssl.getOutputStream();
    TtlvCodec codec = listener.codec();
    byte[] header = new byte[TtlvCodec.HEADER_LENGTH];
    while (true) {
      if (!goIdle()) {
        return; // the listener is stopping
      }
      int first = in.read();
      if (first < 0) {
        log.debug("KMIP connection {} closed by the client", who());
        return;
      }
      if (!state.compareAndSet(IDLE, BUSY)) {
        return; // a graceful stop closed us between requests; this request came too late
      }
      enter(Phase.READ, config.readTimeout());
      header[0] = (byte) first;
      if (in.readNBytes(header, 1, header.length - 1) != header.length - 1) {
        log.info("KMIP connection {} closed by the client inside a message header", who());
        return;
      }
      int total;
      try {
        total = codec.messageLength(header, 0);
      } catch (DecodeException e) {
        log.warn("KMIP connection {} closed without reply: {}", who(), e.getMessage());
        return;
      }
      // Only now, with the length within the limit, is the buffer allocated.
      byte[] message = new byte[total];
      System.arraycopy(header, 0, message, 0, header.length);
      int body = total - header.length;
      if (in.readNBytes(message, header.length, body) != body) {
        log.info("KMIP connection {} closed by the client inside a message", who());
        return;
      }
      if (ssl.getSession() != session) {
        // TLS 1.2 renegotiation: the identity was fixed at the first handshake.
        session = ssl.getSession();
        if (!peerChain(session).getFirst().equals(identity.certificate())) {
          log.warn("KMIP connection {} closed: client certificate changed in renegotiation",
              who());
          return;
        }
      }
      enter(Phase.HANDLE, null);
      byte[] response;
      try {
        response = listener.handler().handle(message, identity);
      } catch (Exception e) {
        if (closedBecause != null) {
          log.warn("KMIP connection {}: request abandoned: {}", who(), closedBecause);
        } else {
          log.error("KMIP connection {}: message handler failed; closing", who(), e);
        }
        return;
      }
      if (response == null || response.length == 0) {
        log.debug("KMIP connection {}: handler gave no response; closing", who());
        return;
      }
      enter(Phase.WRITE, config.writeTimeout());
      out.write(response);
      out.flush();
    }
  }

  /** Between requests: idle, and closable by a graceful stop. False when stopping. */
  private boolean goIdle() {
    enter(Phase.IDLE, config.idleTimeout());
    // Other threads only ever move the state to CLOSED, which this must not overwrite.
    int s = state.get();
    if (s == CLOSED || !state.compareAndSet(s, IDLE)) {
      return false;
    }
    // Dekker pairing with closeIfIdle(): the listener sets "stopping" then reads our state; we
    // set our state then read "stopping". One of the two sides sees the other.
    if (listener.stopping() && state.compareAndSet(IDLE, CLOSED)) {
      return false;
    }
    return state.get() == IDLE;
  }

  private void enter(Phase phase, Duration timeout) {
    deadline = new Deadline(phase, timeout == null ? 0 : System.nanoTime() + timeout.toNanos());
  }

  /** Called by the sweeper: closes the connection if its current phase is over time. */
  void checkDeadline(long now) {
    Deadline d = deadline;
    if (d.nanos() == 0 || now - d.nanos() < 0 || closedBecause != null) {
      return;
    }
    String why = switch (d.phase()) {
      case HANDSHAKE -> "TLS handshake not completed within " + secs(config.handshakeTimeout());
      case IDLE -> "idle for " + secs(config.idleTimeout());
      case READ -> "message not completed within " + secs(config.readTimeout())
          + " (read time-out)";
      case WRITE -> "response not taken within " + secs(config.writeTimeout())
          + " (write time-out)";
      case CLOSE -> "close not completed";
      case HANDLE -> null;
    };
    if (why == null) {
      return;
    }
    closedBecause = why;
    if (d.phase() == Phase.IDLE) {
      log.info("KMIP connection {} closed: {}", who(), why);
    } else if (d.phase() != Phase.CLOSE) {
      log.warn("KMIP connection {} closed: {}", who(), why);
    }
    closeRaw();
  }

  /** Graceful stop: closes the connection if it is between requests (or not yet serving). */
  boolean closeIfIdle() {
    int s = state.get();
    if ((s == IDLE || s == OPENING) && state.compareAndSet(s, CLOSED)) {
      closedBecause = "server stopping";
      closeRaw();
      return true;
    }
    return s == CLOSED;
  }

  /**
   * End of the grace period: closes the connection whatever it is doing, and interrupts its
   * thread so that a handler waiting on something gives up too.
   */
  void forceClose(String why) {
    if (closedBecause == null) {
      closedBecause = why;
    }
    closeRaw();
    thread.interrupt();
  }

  private void closeRaw() {
    try {
      raw.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }

  private void closeTls(SSLSocket ssl) {
    // close_notify is a write too: bound it like one.
    enter(Phase.CLOSE, config.writeTimeout());
    if (ssl != null && !raw.isClosed()) {
      try {
        ssl.close();
      } catch (IOException ignored) {
        // the peer may already be gone
      }
    }
    closeRaw();
  }

  private String who() {
    ClientIdentity id = identity;
    return id == null ? "from " + remote : "from " + remote + " ('" + id.name() + "')";
  }

  private static String secs(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
