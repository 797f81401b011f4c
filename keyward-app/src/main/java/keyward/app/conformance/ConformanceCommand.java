package keyward.app.conformance;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import keyward.client.TlsFiles;
import keyward.conformance.Conformance;
import keyward.conformance.ConformanceResults;
import keyward.conformance.ConformanceResults.Row;
import keyward.conformance.RemoteTarget;
import keyward.conformance.Target;
import keyward.conformance.TestCases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keyward conformance}: replays the OASIS profile test cases against Keyward in this process
 * (a fresh server per file) or against any KMIP server, and prints each file's outcome and a
 * summary. Exit code 0 when every file replayed passes, 1 otherwise, 2 on a usage error.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the OASIS KMIP profile test cases (1.3, 1.4, 2.1) and compare each response with the",
      "reference one, allowing only the permitted variations. Default: against Keyward itself, a fresh",
      "in-process server per file; with --server, against that KMIP server (mutual TLS).",
      "Exit code: 0 all passed, 1 a file failed or used what the server lacks, 2 usage error."
    })
public final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--profile", paramLabel = "P", split = ",",
      description = "Only these profiles (BL, SKLC, SKFF, OMOS, AKLC, CS-BC, MSGENC-HTTPS, ...; default all).")
  List<String> profiles = new ArrayList<>();

  @Option(names = "--version", paramLabel = "V", split = ",", description = "Only these KMIP versions (1.0, 1.1, 1.2, 1.3, 1.4, 2.1; default all).")
  List<String> versions = new ArrayList<>();

  @Option(names = "--testcases", paramLabel = "DIR",
      description = "The kmip-testcases directory (default: ../shared/kmip-testcases beside the checkout).")
  Path testCases;

  @Option(names = "--server", paramLabel = "HOST:PORT", description = "Replay against this KMIP server instead of an in-process Keyward.")
  String server;

  @Option(names = "--https-url", paramLabel = "URL", description = "The server's KMIP-over-HTTPS URL, for the MSGENC files (with --server).")
  String httpsUrl;

  @Option(names = "--ca", paramLabel = "PEM", description = "CA certificate(s) the server's certificate chains to (with --server).")
  Path ca;

  @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate chain, with --key.")
  Path cert;

  @Option(names = "--key", paramLabel = "PEM", description = "Client private key, PKCS#8 unencrypted.")
  Path key;

  @Option(names = "--pkcs12", paramLabel = "FILE", description = "Client key and certificate as PKCS#12, with --password-file.")
  Path pkcs12;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the PKCS#12 password.")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    // the in-process servers' INFO lines (a listener per file) would drown the results; the
    // launcher's logback.xml reads this before its first logger (KEYWARD_LOG_LEVEL=INFO shows them)
    if (System.getenv("KEYWARD_LOG_LEVEL") == null && System.getProperty("KEYWARD_LOG_LEVEL") == null) {
      System.setProperty("KEYWARD_LOG_LEVEL", "WARN");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = testCases != null ? testCases : defaultTestCases();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "no test cases at " + dir + ": give --testcases DIR");
    }
    for (String v : versions) {
      if (!TestCases.VERSIONS.contains(v)) {
        throw new ParameterException(spec.commandLine(), "--version " + v + ": one of " + TestCases.VERSIONS);
      }
    }
    List<Path> files;
    try {
      files = TestCases.find(dir, versions, profiles);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (files.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no test-case file matches --profile " + profiles
          + " --version " + versions);
    }
    List<Row> rows = new ArrayList<>();
    int skipped = 0;
    try (Target target = target()) {
      for (Path f : files) {
        Conformance.Outcome o = Conformance.replay(dir, f, target);
        String rel = TestCases.relative(dir, f);
        if (!o.ran()) {
          skipped++;
          out.printf("%-13s %s: %s%n", "skipped", rel, o.skipped());
        } else {
          rows.add(o.row());
          out.printf("%-13s %s%s%s%n", o.row().status().text(), rel,
              o.row().settings().isEmpty() ? "" : " (with " + o.row().settings() + ")",
              o.row().pass() ? "" : ": " + o.row().mismatch());
        }
        out.flush();
      }
    }
    out.println();
    out.print(ConformanceResults.summary(rows));
    if (skipped > 0) {
      out.println(skipped + " file(s) skipped");
    }
    out.flush();
    return rows.stream().allMatch(Row::pass) ? 0 : 1;
  }

  private Target target() throws Exception {
    if (server == null) {
      if (httpsUrl != null || ca != null || cert != null || key != null || pkcs12 != null) {
        throw new ParameterException(spec.commandLine(), "--https-url and the TLS options go with --server");
      }
      return new InProcessTarget(null);
    }
    int colon = server.lastIndexOf(':');
    int port;
    try {
      port = colon < 0 ? 5696 : Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--server: expected HOST:PORT, not " + server);
    }
    String host = colon < 0 ? server : server.substring(0, colon);
    return new RemoteTarget(tls(), host, port, httpsUrl);
  }

  private SSLContext tls() {
    if (ca == null) {
      throw new ParameterException(spec.commandLine(), "--server needs --ca PEM (the CA that signed the server's certificate)");
    }
    try {
      if (pkcs12 != null) {
        if (passwordFile == null) {
          throw new ParameterException(spec.commandLine(), "--pkcs12 needs --password-file FILE");
        }
        char[] password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").toCharArray();
        return TlsFiles.pkcs12(pkcs12, password, ca);
      }
      if (cert != null && key != null) {
        return TlsFiles.pem(cert, key, ca);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the client's TLS files: " + e.getMessage(), e);
    }
    throw new ParameterException(spec.commandLine(),
        "--server needs a client certificate: --pkcs12 FILE --password-file FILE, or --cert PEM --key PEM");
  }

  /** ../shared/kmip-testcases beside the checkout the launcher runs from, else beside the current directory. */
  static Path defaultTestCases() {
    String home = System.getProperty("keyward.home");
    Path base = home != null ? Path.of(home) : Path.of(".");
    return base.resolve("..").resolve("shared").resolve("kmip-testcases").toAbsolutePath().normalize();
  }
}
