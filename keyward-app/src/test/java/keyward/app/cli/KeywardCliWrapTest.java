package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code key get ID --wrap-with KEK}: the key comes wrapped by a server key, to a 0600 file. */
class KeywardCliWrapTest {
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

  private static byte[] file(String v, String name, String... getArgs) throws Exception {
    Path f = dir.resolve(name + "-" + v);
    String[] args = new String[getArgs.length + 2];
    System.arraycopy(getArgs, 0, args, 0, getArgs.length);
    args[getArgs.length] = "--out";
    args[getArgs.length + 1] = f.toString();
    cli.ok(v, args);
    KeywardCliCryptoTest.assertPrivateFile(f);
    return Files.readAllBytes(f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void getWrappedWithAServerKey(String v) throws Exception {
    String kek = cli.ok(v, "key", "create", "--length", "128", "--usage", "WrapKey,UnwrapKey", "--activate");
    String key = cli.ok(v, "key", "create", "--length", "256", "--activate");
    byte[] plain = file(v, "plain", "key", "get", key);
    byte[] kekBytes = file(v, "kek", "key", "get", kek);
    // NIST Key Wrap of the bare key bytes: RFC 3394, readable by any AES-KW implementation
    byte[] kw = file(v, "kw", "key", "get", key, "--wrap-with", kek, "--no-encoding");
    Cipher c = Cipher.getInstance("AES/KW/NoPadding");
    c.init(Cipher.UNWRAP_MODE, new SecretKeySpec(kekBytes, "AES"));
    assertThat(c.unwrap(kw, "AES", Cipher.SECRET_KEY).getEncoded()).isEqualTo(plain);
    // GCM: the nonce is shown (JSON field), the file is ciphertext || tag
    Path g = dir.resolve("gcm-" + v);
    CliServer.Run gcm = cli.kw(v, "key", "get", key, "--wrap-with", kek, "--wrap-mode", "GCM", "--no-encoding",
        "--out", g.toString(), "--json");
    assertThat(gcm.exit()).as(gcm.err()).isZero();
    byte[] iv = HexFormat.of().parseHex(KeywardCliCryptoTest.field(gcm.out(), "ivCounterNonce"));
    Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
    d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kekBytes, "AES"), new GCMParameterSpec(128, iv));
    assertThat(d.doFinal(Files.readAllBytes(g))).isEqualTo(plain);
    assertThat(gcm.out()).doesNotContain(HexFormat.of().formatHex(plain));
    // encrypt then MAC: the MAC shown is the HMAC of the wrapped bytes in the file
    String hmac = cli.ok(v, "key", "create", "--algorithm", "HMAC-SHA256", "--length", "256", "--usage", "MACGenerate",
        "--activate");
    byte[] hmacBytes = file(v, "hmac", "key", "get", hmac);
    Path m = dir.resolve("mac-" + v);
    CliServer.Run macked = cli.kw(v, "key", "get", key, "--wrap-with", kek, "--mac-with", hmac, "--out", m.toString(), "--json");
    assertThat(macked.exit()).as(macked.err()).isZero();
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hmacBytes, "HmacSHA256"));
    assertThat(KeywardCliCryptoTest.field(macked.out(), "macSignature"))
        .isEqualTo(HexFormat.of().formatHex(mac.doFinal(Files.readAllBytes(m))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void wrappingRefusals(String v) throws Exception {
    String noWrap = cli.ok(v, "key", "create", "--usage", "Encrypt", "--activate");
    String key = cli.ok(v, "key", "create", "--activate");
    CliServer.Run refused = cli.kw(v, "key", "get", key, "--wrap-with", noWrap, "--out", dir.resolve("no-" + v).toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains(v.equals("2.1") ? "Incompatible Cryptographic Usage Mask" : "Invalid Field");
    assertThat(dir.resolve("no-" + v)).doesNotExist();
    CliServer.Run usage = cli.kw(v, "key", "get", key, "--wrap-mode", "GCM", "--out", dir.resolve("u-" + v).toString());
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("--wrap-with");
  }
}
