package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI for key pairs, key derivation and the cryptographic services: keypair create/rekey,
 * key derive, crypto encrypt/decrypt/sign/verify/mac/mac-verify, hash, rng get/seed, in KMIP
 * 1.4 and 2.1; results to 0600 files or hex, verification answers as exit codes, refusals as
 * exit 1 with the Result Reason.
 */
class KeywardCliCryptoTest {
  static final byte[] MESSAGE = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
  @TempDir static Path dir;
  static CliServer cli;
  static Path message;

  @BeforeAll
  static void start() throws Exception {
    cli = new CliServer(dir);
    message = dir.resolve("message.txt");
    Files.write(message, MESSAGE);
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  static String field(String out, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(out);
    assertThat(m.find()).as(name + " in " + out).isTrue();
    return m.group(1);
  }

  static void assertPrivateFile(Path f) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void encryptThenDecryptGivesTheFileBack(String v) throws Exception {
    String key = cli.ok(v, "key", "create", "--length", "256", "--activate");
    Path aad = dir.resolve("aad-" + v);
    Files.writeString(aad, "header");
    Path ct = dir.resolve("ct-" + v);
    String enc = cli.ok(v, "crypto", "encrypt", key, "--in", message.toString(), "--out", ct.toString(),
        "--mode", "GCM", "--tag-length", "16", "--aad", aad.toString(), "--json");
    assertPrivateFile(ct);
    assertThat(Files.readAllBytes(ct)).hasSameSizeAs(MESSAGE).isNotEqualTo(MESSAGE);
    String iv = field(enc, "ivCounterNonce");
    String tag = field(enc, "tag");
    assertThat(HexFormat.of().parseHex(iv)).hasSize(12);

    Path pt = dir.resolve("pt-" + v);
    cli.ok(v, "crypto", "decrypt", key, "--in", ct.toString(), "--out", pt.toString(), "--mode", "GCM",
        "--iv", iv, "--tag", tag, "--aad", aad.toString());
    assertThat(Files.readAllBytes(pt)).isEqualTo(MESSAGE);
    assertPrivateFile(pt);

    // --hex for small results
    String hex = cli.ok(v, "crypto", "decrypt", key, "--in", ct.toString(), "--hex", "--mode", "GCM",
        "--iv", iv, "--tag", tag, "--aad", aad.toString(), "--json");
    assertThat(HexFormat.of().parseHex(field(hex, "data"))).isEqualTo(MESSAGE);

    // a wrong tag: exit 1 with the Result Reason, and no file
    Path none = dir.resolve("none-" + v);
    CliServer.Run bad = cli.kw(v, "crypto", "decrypt", key, "--in", ct.toString(), "--out", none.toString(),
        "--mode", "GCM", "--iv", iv, "--tag", "00".repeat(16), "--aad", aad.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("Result Reason: Cryptographic Failure");
    assertThat(none).doesNotExist();

    // neither --out nor --hex: usage error before anything is sent
    CliServer.Run usage = cli.kw(v, "crypto", "encrypt", key, "--in", message.toString());
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("--out FILE or --hex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void keyPairSignAndVerify(String v) throws Exception {
    String created = cli.ok(v, "keypair", "create", "--algorithm", "RSA", "--length", "2048", "--name", "cli-signer-" + v,
        "--activate", "--json");
    String priv = field(created, "privateKeyUniqueIdentifier");
    String pub = field(created, "publicKeyUniqueIdentifier");
    assertThat(cli.ok(v, "attr", "get", pub, "Name", "State")).contains("cli-signer-" + v + "-public").contains("Active");
    assertThat(cli.ok(v, "attr", "get", priv, "Link")).contains(pub);

    Path sig = dir.resolve("sig-" + v);
    cli.ok(v, "crypto", "sign", priv, "--in", message.toString(), "--out", sig.toString(), "--padding", "PSS",
        "--hash", "SHA-256");
    assertThat(Files.readAllBytes(sig)).hasSize(256);
    assertThat(cli.ok(v, "crypto", "verify", pub, "--in", message.toString(), "--signature", sig.toString(),
        "--padding", "PSS", "--hash", "SHA-256")).isEqualTo("signature Valid");

    byte[] changed = MESSAGE.clone();
    changed[0] ^= 1;
    Path other = dir.resolve("changed-" + v);
    Files.write(other, changed);
    CliServer.Run invalid = cli.kw(v, "crypto", "verify", pub, "--in", other.toString(), "--signature", sig.toString(),
        "--padding", "PSS", "--hash", "SHA-256", "--json");
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(field(invalid.out(), "validityIndicator")).isEqualTo("Invalid");

    // a public key does not sign
    CliServer.Run refused = cli.kw(v, "crypto", "sign", pub, "--in", message.toString(), "--hex");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Result Reason");

    String rekeyed = cli.ok(v, "keypair", "rekey", priv, "--json");
    String newPriv = field(rekeyed, "privateKeyUniqueIdentifier");
    assertThat(newPriv).isNotEqualTo(priv);
    assertThat(cli.ok(v, "key", "list", "--name", "cli-signer-" + v)).contains(newPriv);
  }

  @Test
  void ecKeyPairByCurve() {
    String out = cli.ok("2.1", "keypair", "create", "--algorithm", "EC", "--curve", "P-384");
    assertThat(out).contains("privateKeyUniqueIdentifier").contains("publicKeyUniqueIdentifier");
    CliServer.Run bad = cli.kw("2.1", "keypair", "create", "--algorithm", "EC", "--curve", "P-999");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown Recommended Curve");
  }

  @Test
  void ed25519IsA2xAlgorithm() {
    assertThat(cli.ok("2.1", "keypair", "create", "--algorithm", "Ed25519")).contains("publicKeyUniqueIdentifier");
    CliServer.Run in14 = cli.kw("1.4", "keypair", "create", "--algorithm", "Ed25519");
    assertThat(in14.exit()).isEqualTo(1);
    assertThat(in14.err()).contains("not defined in KMIP 1.4").contains("Result Reason: Invalid Field");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void macAndMacVerify(String v) throws Exception {
    String key = cli.ok(v, "key", "create", "--algorithm", "HMAC-SHA256", "--length", "256", "--usage",
        "MACGenerate,MACVerify", "--activate");
    Path mac = dir.resolve("mac-" + v);
    cli.ok(v, "crypto", "mac", key, "--in", message.toString(), "--out", mac.toString());
    assertThat(Files.readAllBytes(mac)).hasSize(32);
    assertThat(cli.ok(v, "crypto", "mac-verify", key, "--in", message.toString(), "--mac", mac.toString()))
        .isEqualTo("MAC Valid");
    Path wrong = dir.resolve("mac-wrong-" + v);
    Files.write(wrong, new byte[32]);
    CliServer.Run invalid = cli.kw(v, "crypto", "mac-verify", key, "--in", message.toString(), "--mac", wrong.toString());
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.out()).contains("MAC Invalid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void hashEqualsTheJdkDigest(String v) throws Exception {
    assertThat(cli.ok(v, "hash", "--algorithm", "SHA-256", "--in", message.toString()))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MESSAGE)));
    CliServer.Run unknown = cli.kw(v, "hash", "--algorithm", "SHA-999", "--in", message.toString());
    assertThat(unknown.exit()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void rngGetAndSeed(String v) throws Exception {
    Path random = dir.resolve("random-" + v);
    cli.ok(v, "rng", "get", "48", "--out", random.toString());
    assertThat(Files.readAllBytes(random)).hasSize(48);
    assertPrivateFile(random);
    String hex = cli.ok(v, "rng", "get", "16", "--hex", "--json");
    assertThat(HexFormat.of().parseHex(field(hex, "data"))).hasSize(16);
    assertThat(cli.ok(v, "rng", "seed", "--in", message.toString())).contains("accepted " + MESSAGE.length);
    CliServer.Run tooMany = cli.kw(v, "rng", "get", "70000", "--out", dir.resolve("big-" + v).toString());
    assertThat(tooMany.exit()).isEqualTo(1);
    assertThat(tooMany.err()).contains("Result Reason: Invalid Field");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void deriveKeyFromABaseKey(String v) throws Exception {
    String base = cli.ok(v, "key", "create", "--usage", "DeriveKey", "--activate");
    String derived = cli.ok(v, "key", "derive", base, "--method", "HKDF", "--length", "128", "--salt", "0011",
        "--data", "cafe", "--name", "cli-derived-" + v);
    assertThat(cli.ok(v, "attr", "get", derived, "Cryptographic Length", "Link")).contains("128").contains(base);
    CliServer.Run refused = cli.kw(v, "key", "derive", base, "--method", "PBKDF2", "--salt", "00");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Iteration Count");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void certifyAPublicKey(String v) throws Exception {
    String created = cli.ok(v, "keypair", "create", "--name", "cli-ca-" + v, "--private-usage", "Sign,CertificateSign",
        "--activate", "--json");
    String priv = field(created, "privateKeyUniqueIdentifier");
    String pub = field(created, "publicKeyUniqueIdentifier");
    String cert = cli.ok(v, "cert", "certify", pub, "--issuer-key", priv, "--name", "cli-ca-cert-" + v);
    Path pem = dir.resolve("ca-" + v + ".pem");
    cli.ok(v, "cert", "get", cert, "--out", pem.toString(), "--pem");
    java.security.cert.X509Certificate x = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
        .getInstance("X.509").generateCertificate(Files.newInputStream(pem));
    assertThat(x.getSubjectX500Principal().getName()).isEqualTo("CN=cli-ca-" + v + "-public"); // the public key's Name
    x.verify(x.getPublicKey());
    // the public key cannot issue
    CliServer.Run refused = cli.kw(v, "cert", "certify", pub, "--issuer-key", pub);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Result Reason: Invalid Field");
    CliServer.Run neither = cli.kw(v, "cert", "certify", "--issuer-key", priv);
    assertThat(neither.exit()).isEqualTo(2);
  }

  /** cert recertify and cert validate: the renewal under the same CA; the chain's answer is the exit code. */
  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void reCertifyAndValidate(String v) throws Exception {
    String created = cli.ok(v, "keypair", "create", "--name", "cli-rc-ca-" + v, "--private-usage", "Sign,CertificateSign",
        "--activate", "--json");
    String priv = field(created, "privateKeyUniqueIdentifier");
    String ca = cli.ok(v, "cert", "certify", field(created, "publicKeyUniqueIdentifier"), "--issuer-key", priv);
    String leafPair = cli.ok(v, "keypair", "create", "--name", "cli-rc-leaf-" + v, "--json");
    String leaf = cli.ok(v, "cert", "certify", field(leafPair, "publicKeyUniqueIdentifier"), "--issuer-key", priv,
        "--issuer-cert", ca, "--name", "cli-rc-cert-" + v);
    String renewed = cli.ok(v, "cert", "recertify", leaf, "--name", "cli-rc-cert2-" + v);
    assertThat(renewed).isNotEqualTo(leaf);
    Path caPem = dir.resolve("rc-ca-" + v + ".pem");
    cli.ok(v, "cert", "get", ca, "--out", caPem.toString(), "--pem");
    assertThat(cli.kw(v, "cert", "validate", renewed, ca).exit()).isZero();
    assertThat(cli.kw(v, "cert", "validate", renewed, "--cert-file", caPem.toString()).exit()).isZero();
    CliServer.Run unknown = cli.kw(v, "cert", "validate", renewed);
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.out()).contains("Unknown");
    assertThat(cli.kw(v, "cert", "validate", renewed, ca, "--date", "2100-01-01T00:00:00Z").exit()).isEqualTo(1);
    assertThat(cli.kw(v, "cert", "validate", renewed, ca, "--date", "tomorrow").exit()).isEqualTo(2);
    assertThat(cli.kw(v, "cert", "validate").exit()).isEqualTo(2);
    // a public key is no certificate to renew
    CliServer.Run refused = cli.kw(v, "cert", "recertify", field(leafPair, "publicKeyUniqueIdentifier"));
    assertThat(refused.exit()).isEqualTo(1);
    // Invalid Object Type is a 2.x reason: 1.x clients get Invalid Field (ReasonsByVersion)
    assertThat(refused.err()).contains(v.equals("2.1") ? "Result Reason: Invalid Object Type" : "Result Reason: Invalid Field");
  }

  /** key register-pgp stores the file as given; key register-pkcs12 opens a PFX with the password in a Secret Data. */
  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void registerPgpAndPkcs12(String v) throws Exception {
    Path pgp = dir.resolve("key-" + v + ".asc");
    Files.writeString(pgp, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF\n-----END PGP PUBLIC KEY BLOCK-----\n");
    String pgpId = cli.ok(v, "key", "register-pgp", "--file", pgp.toString(), "--name", "cli-pgp-" + v);
    assertThat(cli.ok(v, "attr", "get", pgpId)).contains("PGP Key");

    java.security.KeyPair kp = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
    java.time.Instant now = java.time.Instant.now();
    byte[] der = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
        new javax.security.auth.x500.X500Principal("CN=cli p12"), java.math.BigInteger.TEN,
        java.util.Date.from(now.minusSeconds(60)), java.util.Date.from(now.plusSeconds(86_400)),
        new javax.security.auth.x500.X500Principal("CN=cli p12"), kp.getPublic())
        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
        .getEncoded();
    java.security.cert.Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(der));
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("cli", kp.getPrivate(), "pfx pass".toCharArray(), new java.security.cert.Certificate[] {cert});
    Path p12 = dir.resolve("key-" + v + ".p12");
    try (var out = Files.newOutputStream(p12)) {
      ks.store(out, "pfx pass".toCharArray());
    }
    Path pw = dir.resolve("pw-" + v + ".txt");
    Files.writeString(pw, "pfx pass");
    String pwId = cli.ok(v, "secret", "register", "--file", pw.toString());
    String keyId = cli.ok(v, "key", "register-pkcs12", "--file", p12.toString(), "--password-id", pwId);
    assertThat(cli.ok(v, "attr", "get", keyId)).contains("Private Key");
    Path wrong = dir.resolve("wrong-" + v + ".txt");
    Files.writeString(wrong, "not it");
    CliServer.Run refused = cli.kw(v, "key", "register-pkcs12", "--file", p12.toString(), "--password-id",
        cli.ok(v, "secret", "register", "--file", wrong.toString()));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Result Reason: Invalid Field");
  }
}
