package keyward.conformance;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.ttlv.Item;

/** One mutual-TLS connection carrying TTLV messages: a request out, its response in. */
public final class KmipConnection implements AutoCloseable {
  private final SSLSocket socket;
  private final TtlvCodec codec = new TtlvCodec(CodecLimits.DEFAULT);

  public KmipConnection(SSLContext tls, String host, int port) throws IOException {
    socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
    socket.setSoTimeout(30_000);
    socket.startHandshake();
  }

  public Item exchange(Item request) throws IOException, DecodeException {
    OutputStream out = socket.getOutputStream();
    out.write(codec.encode(request));
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] header = new byte[TtlvCodec.HEADER_LENGTH];
    in.readFully(header);
    int total = codec.messageLength(header, 0); // checked against the codec's size limit
    byte[] message = new byte[total];
    System.arraycopy(header, 0, message, 0, header.length);
    in.readFully(message, header.length, total - header.length);
    return codec.decode(message);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
