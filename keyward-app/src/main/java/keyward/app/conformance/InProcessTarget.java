package keyward.app.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import keyward.app.pki.DevPki;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.conformance.ExpectedRng;
import keyward.conformance.HttpsKmipConnection;
import keyward.conformance.KmipConnection;
import keyward.conformance.OasisReplay;
import keyward.conformance.Target;
import keyward.conformance.TestCaseFile;
import keyward.kmip.spec.Operation;
import keyward.server.crypto.RngSetting;

/**
 * Keyward itself, in this process: a new server on a new data directory for each file (loopback,
 * ephemeral ports, the HTTPS endpoint for the Message Encodings files), all sharing one
 * development PKI made once, since making one costs RSA key generation.
 */
public final class InProcessTarget implements Target {
  private final Path work;
  private final DevPki pki;
  private final SSLContext clientTls;

  private final boolean fileRng;

  /** @param pki a development PKI to use, or null to make one in a temporary directory */
  public InProcessTarget(DevPki pki) throws Exception {
    this(pki, true);
  }

  /**
   * @param pki a development PKI to use, or null to make one in a temporary directory
   * @param fileRng whether a file whose answers name a generator Keyward offers (ANSI X9.31 over
   *     AES-256) runs on a server configured with it; false: every file on the defaults
   */
  public InProcessTarget(DevPki pki, boolean fileRng) throws Exception {
    this.fileRng = fileRng;
    this.work = Files.createTempDirectory("keyward-conformance");
    this.pki = pki != null ? pki : DevPki.ensure(work.resolve("pki"));
    this.clientTls = this.pki.clientContext();
  }

  /** The settings of the server a file runs on: loopback, ephemeral port, the shared PKI. */
  public ServerSettings settings(Path dataDir) {
    ServerSettings d = ServerSettings.defaults();
    return new ServerSettings("127.0.0.1", 0, dataDir, pki.serverCertificate(), pki.serverKey(),
        pki.caCertificate(), d.identityField(), d.limits(), d.maxConnections(), d.idleTimeout(), d.readTimeout());
  }

  @Override
  public Session open(TestCaseFile file, HttpsKmipConnection.Encoding https) throws Exception {
    Path data = Files.createTempDirectory(work, "data");
    RngSetting rng = fileRng ? generatorFor(file) : RngSetting.DRBG;
    ServerSettings s = settings(data).withRng(rng);
    RunningServer server;
    try {
      server = RunningServer.start(https != null ? s.withHttpsPort(0) : s);
    } catch (Exception | Error e) {
      deleteTree(data);
      throw e;
    }
    Set<Operation> performed = server.operations().all().stream().map(h -> h.operation()).collect(Collectors.toSet());
    OasisReplay.Transport transport;
    AutoCloseable connection;
    try {
      if (https != null) {
        transport = new HttpsKmipConnection(clientTls, server.httpsUrl(), https);
        connection = () -> { };
      } else {
        KmipConnection c = new KmipConnection(clientTls, "127.0.0.1", server.port());
        transport = c::exchange;
        connection = c;
      }
    } catch (IOException | RuntimeException e) {
      server.close();
      deleteTree(data);
      throw e;
    }
    return new Session() {
      @Override
      public OasisReplay.Transport transport() {
        return transport;
      }

      @Override
      public Set<Operation> performed() {
        return performed;
      }

      @Override
      public String settings() {
        return rng == RngSetting.DRBG ? null : "rng=" + rng.text();
      }

      @Override
      public void close() throws Exception {
        try (RunningServer srv = server; AutoCloseable c = connection) {
          // closes the connection, then the server
        } finally {
          deleteTree(data);
        }
      }
    };
  }

  /** The generator the file's answers name, when Keyward offers it; else the default DRBG. */
  public static RngSetting generatorFor(TestCaseFile file) {
    return ExpectedRng.of(file)
        .filter(r -> r.equals(new ExpectedRng("ANSIX9_31", "AES", 256)))
        .map(r -> RngSetting.ANSI_X931_AES_256)
        .orElse(RngSetting.DRBG);
  }

  @Override
  public void close() {
    deleteTree(work);
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
