package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI for every operation beyond create/list/get/destroy: register from a file, secrets,
 * opaque objects, rekey, check, lease, allocate, attribute list/modify/adjust.
 */
class KeywardCliOperationsTest {
  @TempDir static Path dir;
  static CliServer cli;

  @BeforeAll
  static void start() throws Exception {
    cli = new CliServer(dir);
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  static Path file(String name, byte[] content) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, content);
    return f;
  }

  static void assertPrivateFile(Path f) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void registerAKeyFromAFileAndGetTheSameBytesBack(String v) throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (255 - i);
    }
    Path in = file("in-" + v + ".key", key);
    String id = cli.ok(v, "key", "register", "--file", in.toString(), "--algorithm", "AES", "--name", "reg-cli-" + v,
        "--activate");
    assertThat(cli.ok(v, "attr", "get", id, "State", "Cryptographic Length")).contains("Active").contains("256");
    Path out = dir.resolve("out-" + v + ".key");
    cli.ok(v, "key", "get", id, "--out", out.toString());
    assertThat(Files.readAllBytes(out)).isEqualTo(key);
    assertPrivateFile(out);
    // raw key bytes have no PEM form
    CliServer.Run pem = cli.kw(v, "key", "get", id, "--out", dir.resolve("pem-" + v).toString(), "--pem");
    assertThat(pem.exit()).isEqualTo(2);
    assertThat(pem.err()).contains("omit --pem");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void secretsAndOpaqueObjects(String v) throws Exception {
    byte[] secret = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    String sid = cli.ok(v, "secret", "register", "--file", file("secret-" + v, secret).toString(), "--name", "pw-" + v);
    Path got = dir.resolve("secret-out-" + v);
    CliServer.Run get = cli.kw(v, "secret", "get", sid, "--out", got.toString());
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out()).doesNotContain("horse");
    assertThat(Files.readAllBytes(got)).isEqualTo(secret);
    assertPrivateFile(got);
    assertThat(cli.ok(v, "key", "list", "--type", "SecretData", "--name", "pw-" + v)).contains(sid).contains("Secret Data");

    byte[] blob = {0, 1, 2, (byte) 0xff};
    String oid = cli.ok(v, "opaque", "register", "--file", file("blob-" + v, blob).toString(), "--type", "0x80000002");
    Path gotBlob = dir.resolve("blob-out-" + v);
    cli.ok(v, "opaque", "get", oid, "--out", gotBlob.toString());
    assertThat(Files.readAllBytes(gotBlob)).isEqualTo(blob);
    assertThat(cli.ok(v, "attr", "get", oid, "Object Type")).contains("Opaque Object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void certificatesGoInAsPemAndComeBackAsPemOrDer(String v) throws Exception {
    Path pem = cli.server.pki().clientCertificate();
    String id = cli.ok(v, "cert", "register", "--file", pem.toString(), "--name", "client-cert-" + v);
    assertThat(cli.ok(v, "attr", "get", id, "Object Type")).contains("Certificate");
    Path asPem = dir.resolve("cert-" + v + ".pem");
    cli.ok(v, "cert", "get", id, "--out", asPem.toString(), "--pem");
    java.security.cert.CertificateFactory x509 = java.security.cert.CertificateFactory.getInstance("X.509");
    try (var original = Files.newInputStream(pem); var fetched = Files.newInputStream(asPem)) {
      assertThat(x509.generateCertificate(fetched)).isEqualTo(x509.generateCertificate(original));
    }
    assertThat(Files.readString(asPem)).startsWith("-----BEGIN CERTIFICATE-----\n");
    Path asDer = dir.resolve("cert-" + v + ".der");
    cli.ok(v, "cert", "get", id, "--out", asDer.toString());
    try (var original = Files.newInputStream(pem)) {
      assertThat(Files.readAllBytes(asDer)).isEqualTo(x509.generateCertificate(original).getEncoded());
    }
    // and DER goes in as well
    String again = cli.ok(v, "cert", "register", "--file", asDer.toString());
    assertThat(again).isNotEqualTo(id);
  }

  @Test
  void secretCreateIn21() throws Exception {
    String id = cli.ok("2.1", "secret", "create", "--length", "128", "--name", "made-secret");
    Path out = dir.resolve("made-secret");
    cli.ok("2.1", "secret", "get", id, "--out", out.toString());
    assertThat(Files.readAllBytes(out)).hasSize(16);
    CliServer.Run in14 = cli.kw("1.4", "secret", "create");
    assertThat(in14.exit()).isEqualTo(1);
    assertThat(in14.err()).contains("Result Reason");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void rekeyCheckLeaseAllocate(String v) {
    String name = "rotate-" + v;
    String id = cli.ok(v, "key", "create", "--name", name, "--activate", "--usage", "Encrypt");
    assertThat(cli.ok(v, "key", "check", id, "--usage", "Encrypt", "--lease-time", "60")).isEqualTo("checked " + id);
    CliServer.Run refused = cli.kw(v, "key", "check", id, "--usage", "Sign");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains(v.equals("2.1") ? "Incompatible Cryptographic Usage Mask" : "Permission Denied");

    String lease = cli.ok(v, "key", "lease", id, "--json");
    assertThat(lease).startsWith("{\"uniqueIdentifier\":\"" + id + "\",\"leaseTimeSeconds\":\"").contains("lastChangeDate");

    // no Usage Limits on this key: nothing to allocate from
    CliServer.Run allocate = cli.kw(v, "key", "allocate", id, "--count", "1");
    assertThat(allocate.exit()).isEqualTo(1);
    assertThat(allocate.err()).contains("Usage Limits");

    String replacement = cli.ok(v, "key", "rekey", id, "--offset", "3600");
    assertThat(replacement).isNotEqualTo(id);
    assertThat(cli.ok(v, "key", "list", "--name", name)).contains(replacement).doesNotContain(id + " ");
    assertThat(cli.ok(v, "attr", "get", replacement, "State")).contains("Pre-Active");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void attributeListAndModify(String v) {
    String id = cli.ok(v, "key", "create");
    assertThat(cli.ok(v, "attr", "list", id)).contains("State").contains("Cryptographic Algorithm");
    CliServer.Run missing = cli.kw(v, "attr", "modify", id, "x-team", "b");
    assertThat(missing.exit()).isEqualTo(1);
    cli.ok(v, "attr", "add", id, "x-team", "a");
    assertThat(cli.ok(v, "attr", "modify", id, "x-team", "b")).isEqualTo("modified x-team of " + id);
    assertThat(cli.ok(v, "attr", "get", id, "x-team", "--json")).isEqualTo("[{\"attribute\":\"x-team\",\"value\":\"b\"}]");
  }

  @Test
  void adjustAnActivationDateIn21() {
    String id = cli.ok("2.1", "key", "create");
    Instant at = Instant.parse("2031-06-01T00:00:00Z");
    cli.ok("2.1", "attr", "set", id, "Activation Date", at.toString());
    cli.ok("2.1", "attr", "adjust", id, "Activation Date", "--by", "86400");
    cli.ok("2.1", "attr", "adjust", id, "Activation Date", "--by", "3600", "--type", "Decrement");
    assertThat(cli.ok("2.1", "attr", "get", id, "Activation Date")).contains(at.plusSeconds(86400 - 3600).toString());
    CliServer.Run bad = cli.kw("2.1", "attr", "adjust", id, "Activation Date", "--type", "Sideways");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown Adjustment Type");
  }

  @Test
  void registerRefusesAMissingOrEmptyFile() throws Exception {
    CliServer.Run missing = cli.kw("2.1", "key", "register", "--file", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
    CliServer.Run empty = cli.kw("2.1", "secret", "register", "--file", file("empty", new byte[0]).toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("is empty");
  }
}
