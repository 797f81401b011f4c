package keyward.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import keyward.app.pki.DevPki;
import keyward.cli.ClientConfig;
import keyward.cli.ConnectionOptions;
import keyward.app.serve.ConfigFile;
import keyward.app.serve.RunningServer;
import keyward.app.serve.SecuritySettings;
import keyward.app.serve.ServerSettings;
import keyward.server.access.AccessPolicy;
import keyward.server.batch.RequestLimits;
import keyward.kmip.codec.CodecLimits;
import keyward.server.crypto.RngSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `keyward serve`: runs the KMIP server until SIGTERM/SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the KMIP server (TLS with client certificates, port 5696).",
        "With no options: data in ./keyward-data, a development PKI made there on first start."})
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--config", description = "TOML config file (flags override it).")
  Path config;

  @Option(names = "--host", description = "Address to listen on (default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (default 5696; 0 picks a free one).")
  Integer port;

  @Option(names = "--data-dir", description = "Data directory (default ./keyward-data).")
  Path dataDir;

  @Option(names = "--server-cert", description = "Server certificate chain (PEM).")
  Path serverCert;

  @Option(names = "--server-key", description = "Server private key (PEM, PKCS#8/PKCS#1/SEC1).")
  Path serverKey;

  @Option(names = "--client-ca", description = "CA certificates client certificates must chain to (PEM).")
  Path clientCa;

  @Option(names = "--max-message-bytes", description = "Largest request accepted (default 4 MiB).")
  Integer maxMessageBytes;

  @Option(names = "--max-depth", description = "Deepest structure nesting (default 32).")
  Integer maxDepth;

  @Option(names = "--max-items", description = "Most items in one message (default 100000).")
  Integer maxItems;

  @Option(names = "--max-string-bytes", description = "Longest string or byte string (default 1 MiB).")
  Integer maxStringBytes;

  @Option(names = "--max-connections", description = "Connections open at once (default 1000).")
  Integer maxConnections;

  @Option(names = "--idle-timeout", description = "Seconds a connection may stay idle (default 300).")
  Integer idleTimeout;

  @Option(names = "--read-timeout", description = "Seconds a started request may take to arrive (default 30).")
  Integer readTimeout;

  @Option(names = "--handshake-timeout", description = "Seconds a TLS handshake may take (default 10).")
  Integer handshakeTimeout;

  @Option(names = "--max-connections-per-identity",
      description = "Connections one client identity may hold at once (default 250).")
  Integer maxConnectionsPerIdentity;

  @Option(names = "--max-batch-items", description = "Most batch items in one request (default 1000).")
  Integer maxBatchItems;

  @Option(names = "--max-locate-items",
      description = "Most identifiers one Locate returns; caps Maximum Items (default 10000).")
  Integer maxLocateItems;

  @Option(names = "--requests-per-second",
      description = "Requests one identity may send per second (default 0: no limit).")
  Integer requestsPerSecond;

  @Option(names = "--audit-log", description = "Audit log file (default <data-dir>/audit.jsonl).")
  Path auditLog;

  @Option(names = "--admin", description = "An identity with the admin role (repeatable; adds to the config's).")
  List<String> admins = new ArrayList<>();

  @Option(names = "--tls-protocols", split = ",", description = "TLS versions offered (default TLSv1.3,TLSv1.2).")
  List<String> tlsProtocols;

  @Option(names = "--cipher-suites", split = ",",
      description = "Cipher suites offered, in order of preference (JSSE names; default: see docs/security.md).")
  List<String> cipherSuites;

  @Option(names = "--https-port", description = "Also serve KMIP over HTTPS on this port (default off; 0 picks a free one).")
  Integer httpsPort;

  @Option(names = "--users-file", description = "Users for Username and Password credentials (default DATA_DIR/users; manage with `keyward user`).")
  Path usersFile;

  @Option(names = "--require-credentials", negatable = true,
      description = "Every request must carry a valid Username and Password credential (default: checked only when sent).")
  Boolean requireCredentials;

  @Option(names = "--rng", paramLabel = "GENERATOR",
      description = "Generator of key material: drbg (default, the JDK's NIST SP 800-90A DRBG) or "
          + "ansi-x9.31-aes-256 (legacy: ANSI X9.31 over AES-256, withdrawn by NIST in 2016; for clients that expect it).")
  String rng;

  @Mixin
  StorageOptions storage = new StorageOptions();

  @Option(names = "--client-crl", description = "CRLs of the client CAs (PEM or DER): certificates they revoke, or do not cover, are refused.")
  Path clientCrl;

  @Override
  public Integer call() throws Exception {
    ServerSettings s = settings();
    RunningServer server = RunningServer.start(s);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(Duration.ofSeconds(10));
      stopped.countDown();
    }, "keyward-shutdown"));
    System.out.println("Keyward KMIP server listening on " + s.host() + ":" + server.port()
        + startedIn());
    if (server.httpsUrl() != null) {
      System.out.println("  KMIP over HTTPS (TTLV, XML, JSON): " + server.httpsUrl());
    }
    System.out.println("  data directory: " + s.dataDir().toAbsolutePath());
    System.out.println("  store: " + (s.storage().store().equals("postgres")
        ? "PostgreSQL " + s.storage().dbUrl().replaceFirst("\\?.*", "") : "SQLite in the data directory")
        + "; key material encrypted under a master key from " + s.storage().masterKey().source());
    DevPki pki = server.pki();
    if (pki != null) {
      System.out.println("  development PKI (for clients):");
      System.out.println("    CA certificate:      " + pki.caCertificate().toAbsolutePath());
      System.out.println("    client certificate:  " + pki.clientCertificate().toAbsolutePath());
      System.out.println("    client key:          " + pki.clientKey().toAbsolutePath());
      System.out.println("    client PKCS#12:      " + pki.clientPkcs12().toAbsolutePath()
          + " (password in " + pki.clientPkcs12PasswordFile().getFileName() + ")");
      Path clientConfig = s.dataDir().resolve("client.toml");
      if (ClientConfig.writeForDevServer(clientConfig, clientHost(s.host()), server.port(),
          pki.caCertificate(), pki.clientPkcs12(), pki.clientPkcs12PasswordFile())) {
        System.out.println("    client settings:     " + clientConfig.toAbsolutePath()
            + " (./keyward key ... uses it from " + cwdHint(s.dataDir()) + ")");
      }
    }
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** " (started in N ms)": from the process start (JVM start-up included) to listening. */
  static String startedIn() {
    return ProcessHandle.current().info().startInstant()
        .map(t -> " (started in " + Duration.between(t, java.time.Instant.now()).toMillis() + " ms)")
        .orElse("");
  }

  /** The server certificate of the dev PKI names localhost: clients must connect by that name. */
  static String clientHost(String listenHost) {
    return switch (listenHost) {
      case "0.0.0.0", "::", "127.0.0.1", "::1", "localhost" -> "localhost";
      default -> listenHost;
    };
  }

  private static String cwdHint(Path dataDir) {
    Path parent = dataDir.toAbsolutePath().getParent();
    return dataDir.equals(ConnectionOptions.DEFAULT_CONFIG.getParent()) ? "this directory" : String.valueOf(parent)
        + " (or pass --config)";
  }

  ServerSettings settings() throws java.io.IOException {
    ServerSettings s = ServerSettings.defaults();
    if (config != null) {
      s = ConfigFile.read(config, s);
    }
    CodecLimits l = s.limits();
    l = new CodecLimits(or(maxMessageBytes, l.maxMessageBytes()), or(maxDepth, l.maxDepth()),
        or(maxItems, l.maxItems()), or(maxStringBytes, l.maxStringBytes()));
    return new ServerSettings(
        host != null ? host : s.host(),
        or(port, s.port()),
        dataDir != null ? dataDir : s.dataDir(),
        serverCert != null ? serverCert : s.serverCert(),
        serverKey != null ? serverKey : s.serverKey(),
        clientCa != null ? clientCa : s.clientCa(),
        s.identityField(),
        l,
        or(maxConnections, s.maxConnections()),
        idleTimeout != null ? Duration.ofSeconds(idleTimeout) : s.idleTimeout(),
        readTimeout != null ? Duration.ofSeconds(readTimeout) : s.readTimeout(),
        httpsPort != null ? httpsPort : s.httpsPort(),
        usersFile != null ? usersFile : s.usersFile(),
        requireCredentials != null ? requireCredentials : s.requireCredentials(),
        rng != null ? RngSetting.parse(rng) : s.rng(),
        security(s.security()),
        storage.apply(s.storage()));
  }

  private SecuritySettings security(SecuritySettings sec) {
    RequestLimits r = sec.requestLimits();
    sec = sec.withRequestLimits(new RequestLimits(or(maxBatchItems, r.maxBatchItems()),
        or(maxLocateItems, r.maxLocateItems()), or(requestsPerSecond, r.requestsPerSecond())));
    if (maxConnectionsPerIdentity != null) {
      sec = sec.withMaxConnectionsPerIdentity(maxConnectionsPerIdentity);
    }
    if (handshakeTimeout != null) {
      sec = sec.withHandshakeTimeout(Duration.ofSeconds(handshakeTimeout));
    }
    if (auditLog != null) {
      sec = sec.withAuditLog(auditLog);
    }
    if (clientCrl != null) {
      sec = sec.withClientCrl(clientCrl);
    }
    if (tlsProtocols != null || cipherSuites != null) {
      sec = sec.withTls(tlsProtocols != null ? tlsProtocols : sec.tlsProtocols(),
          cipherSuites != null ? cipherSuites : sec.cipherSuites());
    }
    if (!admins.isEmpty()) {
      Set<String> all = new HashSet<>(sec.access().admins());
      all.addAll(admins);
      sec = sec.withAccess(new AccessPolicy(all, sec.access().groups()));
    }
    return sec;
  }

  private static int or(Integer v, int dflt) {
    return v != null ? v : dflt;
  }
}
