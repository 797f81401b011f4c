package keyward.it.pykmip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import keyward.app.pki.DevPki;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.server.auth.PasswordHash;
import keyward.server.auth.UserFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyKMIP's client with Username and Password credentials (its `username`/`password` settings)
 * against a Keyward server that requires them: the right password is accepted and the request
 * acts as that user; a wrong one, or none, gets Authentication Not Successful.
 */
class PyKmipCredentialsTest {
  @TempDir static Path dir;
  private static RunningServer server;
  private static Path script;

  @BeforeAll
  static void startServer() throws Exception {
    PyKmipInteropTest.requirePyKmip();
    Path data = dir.resolve("data");
    UserFile.empty().with("bob", PasswordHash.of("bob's password".toCharArray(), 10_000))
        .write(data.resolve("users"));
    server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(data)
        .withCredentials(null, true));
    script = dir.resolve("credentials.py");
    try (InputStream in = PyKmipCredentialsTest.class.getResourceAsStream("/pykmip/credentials.py")) {
      Files.copy(in, script);
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "2.0"})
  void rightPasswordIsAcceptedAndWrongOrMissingOnesAreRefused(String version) throws Exception {
    Map<String, List<String>> ok = run(version, "bob", "bob's password");
    assertThat(ok.get("create")).as("create with the right password").first().isEqualTo("OK");
    assertThat(ok.get("locate")).as("bob finds his key by name").containsExactly("OK", "1");

    for (String[] bad : new String[][] {{"bob", "not bob's password"}, {"mallory", "bob's password"}, {"-", ""}}) {
      Map<String, List<String>> refused = run(version, bad[0], bad[1]);
      assertThat(refused.get("create")).as("create as %s", bad[0])
          .startsWith("FAIL", "AUTHENTICATION_NOT_SUCCESSFUL");
    }
  }

  private static Map<String, List<String>> run(String version, String user, String password) throws Exception {
    DevPki pki = server.pki();
    Path out = dir.resolve("credentials-" + version + "-" + user + ".out");
    Process p = new ProcessBuilder(PyKmipInteropTest.PYTHON, script.toString(), "127.0.0.1",
        String.valueOf(server.port()), pki.clientCertificate().toString(), pki.clientKey().toString(),
        pki.caCertificate().toString(), version, user, password)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the PyKMIP script did not finish within 120 s");
    }
    String text = Files.readString(out);
    assertThat(text).as("the script ran to its end").contains("DONE");
    Map<String, List<String>> results = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length >= 3 && f[0].equals("RESULT")) {
        results.put(f[1], List.of(f).subList(2, f.length));
      }
    }
    return results;
  }
}
