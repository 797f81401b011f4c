package keyward.app.cli;

import static keyward.app.cli.KeywardCliCryptoTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue #10 modes from the command line: XTS, GMAC's IV, ML-KEM's new keys, the feedback KDF's IV. */
class KeywardCliCryptoModesTest {
  static final byte[] MESSAGE = "seventeen bytes!!".getBytes(StandardCharsets.UTF_8);
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

  @Test
  void xtsEncryptPrintsTheTweakAndDecrypts() throws Exception {
    String key = cli.ok("2.1", "key", "create", "--length", "512", "--activate");
    Path ct = dir.resolve("xts.ct");
    String enc = cli.ok("2.1", "crypto", "encrypt", key, "--in", message.toString(), "--out", ct.toString(),
        "--mode", "XTS", "--json");
    String tweak = field(enc, "ivCounterNonce");
    assertThat(Files.readAllBytes(ct)).hasSize(17).isNotEqualTo(MESSAGE);
    String dec = cli.ok("2.1", "crypto", "decrypt", key, "--in", ct.toString(), "--hex", "--mode", "XTS",
        "--iv", tweak, "--json");
    assertThat(HexFormat.of().parseHex(field(dec, "data"))).isEqualTo(MESSAGE);
  }

  @Test
  void gmacPrintsItsIvAndVerifiesWithIt() throws Exception {
    String key = cli.ok("2.1", "key", "create", "--length", "128", "--usage", "MACGenerate,MACVerify", "--activate");
    Path mac = dir.resolve("gmac");
    String made = cli.ok("2.1", "crypto", "mac", key, "--in", message.toString(), "--out", mac.toString(),
        "--mode", "GCM", "--json");
    String iv = field(made, "ivCounterNonce");
    assertThat(Files.readAllBytes(mac)).hasSize(16);
    assertThat(cli.ok("2.1", "crypto", "mac-verify", key, "--in", message.toString(), "--mac", mac.toString(),
        "--mode", "GCM", "--iv", iv)).isEqualTo("MAC Valid");
    CliServer.Run other = cli.kw("2.1", "crypto", "mac-verify", key, "--in", message.toString(), "--mac",
        mac.toString(), "--mode", "GCM", "--iv", "00".repeat(12));
    assertThat(other.exit()).isEqualTo(1);
  }

  @Test
  void mlKemEncryptAndDecryptPrintTheSharedSecretKeys() throws Exception {
    String created = cli.ok("2.1", "keypair", "create", "--algorithm", "ML-KEM-768", "--private-usage", "Decrypt",
        "--public-usage", "Encrypt", "--activate", "--json");
    String priv = field(created, "privateKeyUniqueIdentifier");
    String pub = field(created, "publicKeyUniqueIdentifier");
    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    Path encapsulation = dir.resolve("encapsulation");
    String sent = cli.ok("2.1", "crypto", "encrypt", pub, "--in", empty.toString(), "--out", encapsulation.toString(),
        "--json");
    assertThat(Files.readAllBytes(encapsulation)).hasSize(1088);
    String received = cli.ok("2.1", "crypto", "decrypt", priv, "--in", encapsulation.toString(), "--hex", "--json");
    String senderKey = field(sent, "sharedSecretKey");
    String receiverKey = field(received, "sharedSecretKey");
    assertThat(field(received, "data")).isEmpty();
    assertThat(senderKey).isNotEqualTo(receiverKey);
    assertThat(cli.ok("2.1", "attr", "get", senderKey, "Cryptographic Length")).contains("256");
  }

  @Test
  void deriveTakesTheFeedbackModeIv() throws Exception {
    String base = cli.ok("2.1", "key", "create", "--algorithm", "HMAC-SHA256", "--length", "256", "--usage",
        "DeriveKey", "--activate");
    String a = cli.ok("2.1", "key", "derive", base, "--method", "NIST800-108-F", "--secret-data", "--length", "256",
        "--data", "0102", "--iv", "00ff");
    assertThat(cli.ok("2.1", "attr", "get", a, "Link")).contains(base);
  }
}
