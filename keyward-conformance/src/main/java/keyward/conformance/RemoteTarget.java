package keyward.conformance;

import java.util.Set;
import javax.net.ssl.SSLContext;
import keyward.kmip.spec.Operation;

/**
 * Any KMIP server, over mutual TLS (and its KMIP-over-HTTPS URL for the Message Encodings files,
 * when given). Its store is not reset between files, so a Locate may see objects of earlier
 * files; its operations are known only from its answers (Operation Not Supported).
 */
public final class RemoteTarget implements Target {
  private final SSLContext tls;
  private final String host;
  private final int port;
  private final String httpsUrl; // null: the MSGENC files are not run

  public RemoteTarget(SSLContext tls, String host, int port, String httpsUrl) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.httpsUrl = httpsUrl;
  }

  @Override
  public Session open(TestCaseFile file, HttpsKmipConnection.Encoding https) throws Exception {
    if (https != null) {
      if (httpsUrl == null) {
        return null;
      }
      HttpsKmipConnection c = new HttpsKmipConnection(tls, httpsUrl, https);
      return new Session() {
        @Override
        public OasisReplay.Transport transport() {
          return c;
        }

        @Override
        public Set<Operation> performed() {
          return null;
        }

        @Override
        public void close() {}
      };
    }
    KmipConnection c = new KmipConnection(tls, host, port);
    return new Session() {
      @Override
      public OasisReplay.Transport transport() {
        return c::exchange;
      }

      @Override
      public Set<Operation> performed() {
        return null;
      }

      @Override
      public void close() throws Exception {
        c.close();
      }
    };
  }

  @Override
  public String whyNot(HttpsKmipConnection.Encoding https) {
    return "a Message Encodings file goes over KMIP-over-HTTPS: give --https-url";
  }
}
