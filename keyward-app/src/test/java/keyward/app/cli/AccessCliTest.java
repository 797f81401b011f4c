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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** ./keyward access grant|list|revoke against a running server, in KMIP 1.4 and 2.1. */
class AccessCliTest {
  @TempDir static Path dir;
  static RunningServer server;
  static Path config;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("data");
    server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(data));
    config = data.resolve("client.toml");
    assertThat(ClientConfig.writeForDevServer(config, "localhost", server.port(),
        server.pki().caCertificate(), server.pki().clientPkcs12(), server.pki().clientPkcs12PasswordFile())).isTrue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Run kw(String version, String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--config", config.toString(), "--kmip-version", version));
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(a.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void grantListRevoke(String v) throws Exception {
    Run created = kw(v, "key", "create", "--name", "access-" + v);
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().strip();

    Run granted = kw(v, "access", "grant", id, "bob", "Get", "Get Attributes");
    assertThat(granted.exit()).as(granted.err()).isZero();
    assertThat(kw(v, "access", "grant", id, "group:ops", "read").exit()).isZero();
    Run list = kw(v, "access", "list", id);
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("bob", "Get,Get Attributes", "group:ops", "read");

    Run revoked = kw(v, "access", "revoke", id, "bob");
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    Run after = kw(v, "access", "list", id);
    assertThat(after.out()).doesNotContain("bob").contains("group:ops");

    assertThat(kw(v, "access", "revoke", id, "bob").exit()).as("nothing to revoke").isEqualTo(2);
    Run bad = kw(v, "access", "grant", id, "carol", "Fly");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err() + bad.out()).contains("Fly");
  }
}
