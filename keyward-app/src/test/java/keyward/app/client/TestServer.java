package keyward.app.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.client.KmipClient;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running in-process server (SQLite store, dev PKI) and clients for it. As a JUnit extension
 * ({@code @RegisterExtension static final TestServer server = new TestServer();}) it runs for
 * the test class in a temporary directory of its own; {@link #start} runs one explicitly.
 */
final class TestServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private RunningServer server;
  private Path temporary;

  /** Starts a server with its data (and dev PKI) in {@code dataDir}. */
  static TestServer start(Path dataDir) throws Exception {
    TestServer t = new TestServer();
    t.server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dataDir));
    return t;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    temporary = Files.createTempDirectory("keyward-client-test");
    server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(temporary.resolve("data")));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
    try (Stream<Path> files = Files.walk(temporary)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  RunningServer running() {
    return server;
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
    if (server != null) {
      server.close();
    }
  }
}
