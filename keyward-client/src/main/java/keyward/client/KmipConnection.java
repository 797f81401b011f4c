package keyward.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.ttlv.Item;

/**
 * One TLS connection to a KMIP server (KMIP over TLS, port 5696 by convention): one request
 * message out, one response message in. Not thread-safe; {@link KmipClient} pools them.
 *
 * <p>The server's certificate must chain to the trusted CA and name the host (hostname
 * verification as for HTTPS), so a certificate stolen for another host is refused.
 */
public final class KmipConnection implements AutoCloseable {
  private final SSLSocket socket;
  private final TtlvCodec codec;
  private final DataInputStream in;
  private final OutputStream out;

  /**
   * Connects and completes the TLS handshake.
   *
   * @param tls context holding the client certificate and the trusted CA
   * @param connectTimeout for the TCP connect
   * @param readTimeout how long to wait for each answer (and the handshake)
   * @param limits bounds for the answers read (a hostile server cannot make us allocate more)
   */
  public KmipConnection(SSLContext tls, String host, int port, Duration connectTimeout,
      Duration readTimeout, CodecLimits limits) throws IOException {
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
    try {
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      s.setSoTimeout((int) readTimeout.toMillis());
      s.startHandshake();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    this.socket = s;
    this.codec = new TtlvCodec(limits);
    this.in = new DataInputStream(s.getInputStream());
    this.out = s.getOutputStream();
  }

  /** Sends one request message and reads the one response message, framed by its header. */
  public Item exchange(Item request) throws IOException, DecodeException {
    out.write(codec.encode(request));
    out.flush();
    byte[] header = new byte[TtlvCodec.HEADER_LENGTH];
    int first = in.read();
    if (first < 0) {
      // Closed before answering anything: typically an idle connection the server had closed.
      throw new ClosedBeforeAnswer();
    }
    header[0] = (byte) first;
    in.readFully(header, 1, header.length - 1);
    int length = codec.messageLength(header, 0); // bounded by CodecLimits before allocating
    byte[] message = new byte[length];
    System.arraycopy(header, 0, message, 0, header.length);
    in.readFully(message, header.length, length - header.length);
    return codec.decode(message);
  }

  /** The server closed the connection without a byte of answer. */
  public static final class ClosedBeforeAnswer extends java.io.EOFException {
    ClosedBeforeAnswer() {
      super("the server closed the connection without answering");
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a broken connection: nothing left to do
    }
  }
}
