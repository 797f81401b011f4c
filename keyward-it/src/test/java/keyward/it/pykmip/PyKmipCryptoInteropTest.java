package keyward.it.pykmip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keyward.app.pki.DevPki;
import keyward.app.serve.RunningServer;
import keyward.it.SharedData;
import keyward.it.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PyKMIP 0.10 using Keyward as a cryptographic service over KMIP 1.2 and 2.0: Encrypt and
 * Decrypt (AES-CBC, IV given and Random IV), MAC (HMAC-SHA256), a refused Encrypt, and Derive
 * Key (PBKDF2-HMAC-SHA256, the derived key read back with Get). The script
 * (src/test/resources/pykmip/crypto.py) registers keys it knows and checks the server's answers
 * against its own computation with the `cryptography` package, an implementation independent of
 * the JDK's.
 */
class PyKmipCryptoInteropTest {
  private static final List<String> CHECKS = List.of("register_keys", "encrypt_cbc", "decrypt_cbc",
      "encrypt_random_iv", "mac_hmac_sha256", "encrypt_refused", "derive_key_pbkdf2", "create_rsa_pair",
      "sign_rsa_sha256", "signature_verify");

  @TempDir static Path dir;
  private static RunningServer server;
  private static Path script;

  @BeforeAll
  static void startServer() throws Exception {
    requirePyKmip();
    server = TestServers.withDevPki(dir.resolve("data"));
    script = dir.resolve("crypto.py");
    try (InputStream in = PyKmipCryptoInteropTest.class.getResourceAsStream("/pykmip/crypto.py")) {
      Files.copy(in, script);
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static void requirePyKmip() throws Exception {
    Path python = Path.of(PyKmipInteropTest.PYTHON);
    String why = null;
    if (!Files.isExecutable(python)) {
      why = python + " is missing";
    } else {
      Process p = new ProcessBuilder(python.toString(), "-c", "import kmip, cryptography").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        why = python + " cannot import kmip and cryptography";
      }
    }
    if (why != null) {
      SharedData.unavailable("PyKmipCryptoInteropTest", "PyKMIP interop peer not available: " + why
          + ". Install it with: apt-get install python3-pykmip");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "2.0"})
  void pyKmipUsesTheCryptographicOperations(String version) throws Exception {
    DevPki pki = server.pki();
    Path out = dir.resolve("crypto-" + version + ".out");
    Process p = new ProcessBuilder(PyKmipInteropTest.PYTHON, script.toString(), "127.0.0.1",
        String.valueOf(server.port()), pki.clientCertificate().toString(), pki.clientKey().toString(),
        pki.caCertificate().toString(), version).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the PyKMIP script did not finish within 120 s");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    System.out.println("PyKMIP crypto " + version + " output:\n" + text);
    assertThat(text).as("the script ran to its end").contains("DONE");
    for (String check : CHECKS) {
      assertThat(text).as(check + " over KMIP " + version).contains("RESULT\t" + check + "\tOK");
    }
    // 1.x has no Incompatible Cryptographic Usage Mask: Permission Denied there, as Check answers
    assertThat(text).contains("RESULT\tencrypt_refused\tOK\t"
        + (version.equals("1.2") ? "PERMISSION_DENIED" : "INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK"));
  }
}
