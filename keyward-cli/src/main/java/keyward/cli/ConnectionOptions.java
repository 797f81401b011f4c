package keyward.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import keyward.client.KmipClient;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;
import picocli.CommandLine.Option;

/**
 * Where the server is and which certificate to show it. Each setting comes from the flag, else
 * the environment (KEYWARD_SERVER, KEYWARD_CA, ...), else the config file (--config,
 * KEYWARD_CLIENT_CONFIG, or keyward-data/client.toml in the current directory when present).
 */
public final class ConnectionOptions {
  /** Where {@code keyward serve} writes its client settings, relative to where it runs. */
  public static final Path DEFAULT_CONFIG = Path.of("keyward-data", "client.toml");

  @Option(names = "--server", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "KMIP server; several, comma-separated, are tried in order (env KEYWARD_SERVER).")
  String server;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Connect and answer time-out per server (default 10 s to connect, 30 s to answer).")
  Integer timeout;

  @Option(names = "--ca", paramLabel = "PEM", description = "CA certificate(s) the server's certificate chains to (env KEYWARD_CA).")
  Path ca;

  @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate chain, with --key (env KEYWARD_CERT).")
  Path cert;

  @Option(names = "--key", paramLabel = "PEM", description = "Client private key, PKCS#8 unencrypted (env KEYWARD_KEY).")
  Path key;

  @Option(names = "--pkcs12", paramLabel = "FILE", description = "Client key and certificate as PKCS#12, with --password-file (env KEYWARD_PKCS12).")
  Path pkcs12;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the PKCS#12 password (env KEYWARD_PASSWORD_FILE).")
  Path passwordFile;

  @Option(names = "--config", paramLabel = "FILE", description = "Client config file (env KEYWARD_CLIENT_CONFIG; default ./keyward-data/client.toml when present).")
  Path config;

  @Option(names = "--kmip-version", paramLabel = "X.Y", description = "Speak this KMIP version (default: negotiated, the highest both know).")
  String kmipVersion;

  @Option(names = "--json", description = "Machine-readable JSON output.")
  boolean json;

  Map<String, String> env = System.getenv();

  /** Host, port and TLS context from the settings, for raw connections (bench). */
  record Endpoint(String host, int port, SSLContext tls) {}

  /** The first server (bench talks to one). */
  Endpoint endpoint() {
    Map<String, String> s = settings();
    Endpoint first = endpoints(s, null).getFirst();
    return new Endpoint(first.host(), first.port(), tls(s));
  }

  private static List<Endpoint> endpoints(Map<String, String> s, SSLContext tls) {
    String srv = s.get("server");
    if (srv == null) {
      throw new UsageException("no server given: use --server HOST:PORT, set KEYWARD_SERVER, or run "
          + "from the directory where `keyward serve` wrote keyward-data/client.toml");
    }
    List<Endpoint> out = new ArrayList<>();
    for (String one : srv.split(",")) {
      String hp = one.strip();
      int colon = hp.lastIndexOf(':');
      String host = colon < 0 ? hp : hp.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 5696 : Integer.parseInt(hp.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new UsageException("--server: expected HOST:PORT, not " + hp);
      }
      if (host.isEmpty() || port < 1 || port > 65535) {
        throw new UsageException("--server: expected HOST:PORT, not " + hp);
      }
      out.add(new Endpoint(host, port, tls));
    }
    return out;
  }

  /** The client, from the settings; a UsageException says which setting is missing. */
  KmipClient open() {
    Map<String, String> s = settings();
    List<Endpoint> servers = endpoints(s, null);
    KmipClient.Builder b = KmipClient.builder().tls(tls(s));
    for (Endpoint ep : servers) {
      b.server(ep.host(), ep.port());
    }
    if (timeout != null) {
      if (timeout < 1) {
        throw new UsageException("--timeout: at least 1 second");
      }
      b.connectTimeout(Duration.ofSeconds(timeout)).readTimeout(Duration.ofSeconds(timeout));
    }
    if (kmipVersion != null) {
      try {
        b.version(KmipVersion.parse(kmipVersion));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--kmip-version: " + e.getMessage() + " (the client speaks "
            + KmipClient.SUPPORTED + ")");
      }
    }
    return b.build();
  }

  private SSLContext tls(Map<String, String> s) {
    String caFile = s.get("ca");
    if (caFile == null) {
      throw new UsageException("no CA certificate given: use --ca PEM (the CA that signed the server's certificate)");
    }
    try {
      if (s.get("pkcs12") != null) {
        String pw = s.get("password_file");
        if (pw == null) {
          throw new UsageException("--pkcs12 needs --password-file FILE (a file holding the password)");
        }
        char[] password = Files.readAllLines(Path.of(pw), StandardCharsets.UTF_8).stream()
            .findFirst().orElse("").toCharArray();
        return TlsFiles.pkcs12(Path.of(s.get("pkcs12")), password, Path.of(caFile));
      }
      if (s.get("cert") != null && s.get("key") != null) {
        return TlsFiles.pem(Path.of(s.get("cert")), Path.of(s.get("key")), Path.of(caFile));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsSetupException("cannot load the client's TLS files: " + e.getMessage(), e);
    }
    throw new UsageException("no client certificate given: use --pkcs12 FILE --password-file FILE, "
        + "or --cert PEM --key PEM");
  }

  Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    Path file = config != null ? config
        : env.get("KEYWARD_CLIENT_CONFIG") != null ? Path.of(env.get("KEYWARD_CLIENT_CONFIG"))
        : Files.exists(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    if (file != null) {
      if (!Files.exists(file)) {
        throw new UsageException("the client config " + file + " does not exist (start `keyward serve`"
            + " once to write one, or give --server, --ca and a client certificate)");
      }
      try {
        s.putAll(ClientConfig.read(file));
      } catch (IOException e) {
        throw new UsageException("cannot read the client config " + file + ": " + e.getMessage());
      }
    }
    put(s, "server", env.get("KEYWARD_SERVER"));
    put(s, "ca", env.get("KEYWARD_CA"));
    put(s, "cert", env.get("KEYWARD_CERT"));
    put(s, "key", env.get("KEYWARD_KEY"));
    put(s, "pkcs12", env.get("KEYWARD_PKCS12"));
    put(s, "password_file", env.get("KEYWARD_PASSWORD_FILE"));
    put(s, "server", server);
    put(s, "ca", ca);
    put(s, "cert", cert);
    put(s, "key", key);
    put(s, "pkcs12", pkcs12);
    put(s, "password_file", passwordFile);
    if (cert != null || key != null) {
      s.remove("pkcs12"); // PEM flags win over a PKCS#12 from the environment or config
    }
    return s;
  }

  private static void put(Map<String, String> s, String k, Object v) {
    if (v != null) {
      s.put(k, v.toString());
    }
  }
}
