package keyward.server.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A blocking mTLS client speaking framed TTLV, for tests. */
final class TestClient implements AutoCloseable {

  final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private TestClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1, checks the server certificate names it, and completes a handshake. */
  static TestClient connect(SSLContext ctx, int port, String... protocols) throws IOException {
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
    try {
      s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
      s.setSoTimeout(20_000); // a test must fail, never hang
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      if (protocols.length > 0) {
        p.setProtocols(protocols);
      }
      s.setSSLParameters(p);
      s.startHandshake();
      return new TestClient(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** A framed message: Request Message tag, Structure type, body of {@code bodyLength} bytes. */
  static byte[] message(int bodyLength, long marker) {
    ByteBuffer b = ByteBuffer.allocate(8 + bodyLength);
    b.put((byte) 0x42).put((byte) 0x00).put((byte) 0x78).put((byte) 0x01).putInt(bodyLength);
    if (bodyLength >= 8) {
      b.putLong(marker);
    }
    while (b.hasRemaining()) {
      b.put((byte) (b.position() * 31));
    }
    return b.array();
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One framed message from the server, or null at a clean end of stream. */
  byte[] readFrame() throws IOException {
    byte[] header = new byte[8];
    int first = in.read();
    if (first < 0) {
      return null;
    }
    header[0] = (byte) first;
    in.readFully(header, 1, 7);
    int len = ByteBuffer.wrap(header, 4, 4).getInt();
    byte[] msg = new byte[8 + len];
    System.arraycopy(header, 0, msg, 0, 8);
    in.readFully(msg, 8, len);
    return msg;
  }

  byte[] exchange(byte[] request) throws IOException {
    send(request);
    byte[] r = readFrame();
    if (r == null) {
      throw new EOFException("server closed the connection instead of answering");
    }
    return r;
  }

  /**
   * True when the server has closed the connection: end of stream, or a reset/alert. Blocks
   * until then (bounded by the socket time-out), so call it only when a close is expected.
   */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return !(e instanceof java.net.SocketTimeoutException);
    }
  }

  int localPort() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
