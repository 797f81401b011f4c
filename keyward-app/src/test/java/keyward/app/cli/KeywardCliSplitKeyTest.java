package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code key split} / {@code key join}: a key split 3 ways joins back from any 2 parts, in KMIP 1.2 and 2.1. */
class KeywardCliSplitKeyTest {
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

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "2.1"})
  void aSplitKeyJoinsBackFromTwoOfThreeParts(String v) throws Exception {
    String key = cli.ok(v, "key", "create", "--length", "256");
    String out = cli.ok(v, "key", "split", key, "--parts", "3", "--threshold", "2", "--json");
    String part1 = KeywardCliCryptoTest.field(out, "part1");
    String part3 = KeywardCliCryptoTest.field(out, "part3");
    String joined = cli.ok(v, "key", "join", part3, part1, "--usage", "Encrypt,Decrypt");
    Path original = dir.resolve("original-" + v);
    Path rebuilt = dir.resolve("rebuilt-" + v);
    cli.ok(v, "key", "get", key, "--out", original.toString());
    cli.ok(v, "key", "get", joined, "--out", rebuilt.toString());
    assertThat(Files.readAllBytes(rebuilt)).hasSize(32).isEqualTo(Files.readAllBytes(original));
    // one part alone is refused (exit 1)
    CliServer.Run alone = cli.kw(v, "key", "join", part1);
    assertThat(alone.exit()).isEqualTo(1);
    assertThat(alone.err()).contains("Cryptographic Failure");
  }
}
