package keyward.app.serve;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/** A bare TTLV-over-TLS client for end-to-end tests: one message out, one message in. */
public final class KmipTestClient implements AutoCloseable {
  private final SSLSocket socket;
  private final TtlvCodec codec = new TtlvCodec();

  public KmipTestClient(SSLContext tls, int port) throws IOException {
    socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    socket.startHandshake();
  }

  public Item exchange(Item request) throws IOException, DecodeException {
    OutputStream out = socket.getOutputStream();
    out.write(codec.encode(request));
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] header = new byte[8];
    in.readFully(header);
    int length = ByteBuffer.wrap(header, 4, 4).getInt();
    byte[] message = new byte[8 + length];
    System.arraycopy(header, 0, message, 0, 8);
    in.readFully(message, 8, length);
    return codec.decode(message);
  }

  public ResponseMessage send(KmipVersion version, RequestBatchItem... items) throws Exception {
    RequestMessage m = new RequestMessage(RequestHeader.of(ProtocolVersion.of(version), items.length), List.of(items));
    return ResponseMessage.fromItem(exchange(m.toItem(version)), version);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
