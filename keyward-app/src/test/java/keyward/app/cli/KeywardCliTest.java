package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import keyward.app.serve.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ./keyward's client commands against a running server, through the client config file. */
class KeywardCliTest {
  @TempDir static Path dir;
  static CliServer cli;
  static RunningServer server;
  static Path config;

  @BeforeAll
  static void start() throws Exception {
    cli = new CliServer(dir);
    server = cli.server;
    config = cli.config;
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  static CliServer.Run run(String... args) {
    return CliServer.run(args);
  }

  static CliServer.Run kw(String version, String... args) {
    return cli.kw(version, args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void createListFetchRevokeDestroy(String v) throws Exception {
    String name = "cli-" + v;
    CliServer.Run created = kw(v, "key", "create", "--name", name, "--activate");
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().strip();
    assertThat(id).isNotEmpty();

    CliServer.Run list = kw(v, "key", "locate", "--name", name);
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("uniqueIdentifier").contains(id).contains("Symmetric Key").contains("Active");

    CliServer.Run json = kw(v, "key", "list", "--name", name, "--json");
    assertThat(json.out().strip()).isEqualTo("[{\"uniqueIdentifier\":\"" + id
        + "\",\"objectType\":\"Symmetric Key\",\"name\":\"" + name + "\",\"state\":\"Active\"}]");

    CliServer.Run archived = kw(v, "key", "archive", id);
    assertThat(archived.exit()).as(archived.err()).isZero();
    CliServer.Run refusedWhileArchived = kw(v, "key", "get", id, "--out", dir.resolve("archived-" + v + ".bin").toString());
    assertThat(refusedWhileArchived.exit()).isEqualTo(1);
    assertThat(refusedWhileArchived.err()).contains("Object Archived");
    CliServer.Run recovered = kw(v, "key", "recover", id);
    assertThat(recovered.exit()).as(recovered.err()).isZero();

    Path file = dir.resolve("key-" + v + ".bin");
    CliServer.Run got = kw(v, "key", "get", id, "--out", file.toString());
    assertThat(got.exit()).as(got.err()).isZero();
    assertThat(Files.readAllBytes(file)).hasSize(32);
    assertThat(got.out()).doesNotContain(java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
    CliServer.Run again = kw(v, "key", "get", id, "--out", file.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists");

    CliServer.Run refused = kw(v, "key", "destroy", id);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Result Reason");

    assertThat(kw(v, "key", "revoke", id).exit()).isZero();
    assertThat(kw(v, "key", "destroy", id).exit()).isZero();
    assertThat(kw(v, "attr", "get", id, "State").out()).contains("Destroyed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void attributesAddSetGetDelete(String v) {
    String id = kw(v, "key", "create").out().strip();
    assertThat(kw(v, "attr", "add", id, "x-owner", "team-a").exit()).isZero();
    assertThat(kw(v, "attr", "set", id, "x-owner", "team-b").exit()).isZero();
    CliServer.Run get = kw(v, "attr", "get", id, "--json");
    assertThat(get.out()).contains("{\"attribute\":\"x-owner\",\"value\":\"team-b\"}");
    assertThat(kw(v, "attr", "delete", id, "x-owner").exit()).isZero();
    assertThat(kw(v, "attr", "get", id).out()).doesNotContain("x-owner");
    CliServer.Run bad = kw(v, "attr", "set", id, "No Such Attribute", "1");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown attribute");
  }

  @Test
  void queryAndVersions() {
    CliServer.Run q = kw("2.1", "query");
    assertThat(q.exit()).isZero();
    assertThat(q.out()).contains("Create").contains("Symmetric Key");
    CliServer.Run v = run("versions", "--config", config.toString());
    assertThat(v.exit()).isZero();
    assertThat(v.out()).containsPattern("2\\.1\\s+yes");
  }

  @Test
  void exitCodesSayWhatWentWrong() throws Exception {
    CliServer.Run usage = run("key", "create", "--no-such-flag");
    assertThat(usage.exit()).isEqualTo(2);

    CliServer.Run noServer = run("key", "create", "--config", dir.resolve("missing.toml").toString());
    assertThat(noServer.exit()).isEqualTo(2);

    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliServer.Run down = run("key", "create", "--config", config.toString(), "--server", "localhost:" + closed);
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("./keyward serve");
    // several servers: the dead one is skipped for the live one
    CliServer.Run failover = run("key", "create", "--config", config.toString(), "--timeout", "5",
        "--server", "localhost:" + closed + ",localhost:" + server.port());
    assertThat(failover.exit()).as(failover.err()).isZero();
    CliServer.Run badServer = run("versions", "--config", config.toString(), "--server", "localhost:x");
    assertThat(badServer.exit()).isEqualTo(2);

    // a CA that did not sign the server's certificate: the handshake fails, exit 3
    CliServer.Run untrusted = run("versions", "--config", config.toString(),
        "--ca", server.pki().clientCertificate().toString());
    assertThat(untrusted.exit()).isEqualTo(3);
    assertThat(untrusted.err()).contains("--ca");

    CliServer.Run noPassword = run("versions", "--config", config.toString(),
        "--password-file", dir.resolve("no-such-password").toString());
    assertThat(noPassword.exit()).isEqualTo(3);
    assertThat(noPassword.err()).contains("no-such-password");

    CliServer.Run ping = kw("2.1", "ping");
    assertThat(ping.exit()).as(ping.err()).isZero();
    assertThat(ping.out()).contains("pong");

    CliServer.Run notFound = kw("2.1", "key", "activate", "no-such-id");
    assertThat(notFound.exit()).isEqualTo(1);
    assertThat(notFound.err()).contains("Object Not Found");
  }
}
