package keyward.app.client;

import java.nio.file.Path;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.client.KmipClient;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;

/** A running in-process server (SQLite store, dev PKI) and clients for it. */
record TestServer(RunningServer server) implements AutoCloseable {

  static TestServer start(Path dataDir) throws Exception {
    return new TestServer(RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dataDir)));
  }

  /** A builder with the dev PKI's client certificate, no server yet (fail-over tests add several). */
  KmipClient.Builder tls() throws Exception {
    return KmipClient.builder().tls(TlsFiles.pkcs12(server.pki().clientPkcs12(),
        server.pki().clientPkcs12Password(), server.pki().caCertificate()));
  }

  KmipClient.Builder builder() throws Exception {
    return tls().server("localhost", server.port());
  }

  KmipClient client(KmipVersion v) throws Exception {
    return builder().version(v).build();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
