package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keyward.app.Main;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.cli.ClientConfig;
import picocli.CommandLine;

/** A running server with the client.toml `keyward serve` writes, and ./keyward's command line against it. */
final class CliServer implements AutoCloseable {
  record Run(int exit, String out, String err) {}

  final RunningServer server;
  final Path config;

  CliServer(Path dir) throws Exception {
    Path data = dir.resolve("data");
    server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(data));
    config = data.resolve("client.toml");
    assertThat(ClientConfig.writeForDevServer(config, "localhost", server.port(),
        server.pki().caCertificate(), server.pki().clientPkcs12(), server.pki().clientPkcs12PasswordFile())).isTrue();
  }

  /** The command line as ./keyward runs it, output captured. */
  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A client command against this server in KMIP {@code version}. */
  Run kw(String version, String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--config", config.toString(), "--kmip-version", version));
    return run(a.toArray(String[]::new));
  }

  /** As {@link #kw}, asserting exit 0; the standard output, stripped. */
  String ok(String version, String... args) {
    Run r = kw(version, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r.out().strip();
  }

  @Override
  public void close() {
    server.close();
  }
}
