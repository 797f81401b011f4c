package keyward.app.client;

import static keyward.kmip.spec.BlockCipherMode.GCM;
import static keyward.kmip.spec.HashingAlgorithm.SHA_256;
import static keyward.kmip.spec.ValidityIndicator.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keyward.client.CipherResult;
import keyward.client.CryptographicParameters;
import keyward.client.KeyPairIds;
import keyward.client.KmipClient;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ValidityIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cryptographic-services example of README.md is the body of {@link #example}: the test
 * runs it against the in-process server and checks that the README quotes it word for word.
 */
class ReadmeCryptoExampleTest {
  @TempDir Path dir;

  static void example(KmipClient client) {
    byte[] data = "payroll.csv contents".getBytes(StandardCharsets.UTF_8);
    // README-CRYPTO-EXAMPLE-START
    String aes = client.createSymmetricKey("AES", 256).activate().execute();
    CryptographicParameters gcm = CryptographicParameters.NONE.blockCipherMode(GCM).tagLength(16).randomIv(true);
    CipherResult sealed = client.encrypt(aes, data, gcm, null, null);   // IV and tag made by the server
    byte[] opened = client.decrypt(aes, sealed.data(), gcm.randomIv(null), sealed.ivCounterNonce(), null,
        sealed.authenticatedEncryptionTag()).data();

    KeyPairIds pair = client.createKeyPair("RSA", 3072).name("release-signer").activate().execute();
    byte[] signature = client.sign(pair.privateKeyUniqueIdentifier(), data, null);
    ValidityIndicator ok = client.signatureVerify(pair.publicKeyUniqueIdentifier(), data, signature, null); // VALID

    byte[] digest = client.hash(SHA_256, data);
    byte[] random = client.rngRetrieve(32);
    // README-CRYPTO-EXAMPLE-END
    assertThat(opened).isEqualTo(data);
    assertThat(ok).isEqualTo(VALID);
    assertThat(digest).hasSize(32);
    assertThat(random).hasSize(32);
  }

  @Test
  void theExampleRunsAsWritten() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data")); KmipClient c = server.client(KmipVersion.V2_1)) {
      example(c);
    }
  }

  @Test
  void theReadmeQuotesTheExample() throws Exception {
    String source = Files.readString(Path.of("src/test/java/keyward/app/client/ReadmeCryptoExampleTest.java"));
    List<String> lines = source.lines().toList();
    int start = lines.indexOf("    // README-CRYPTO-EXAMPLE-START") + 1;
    int end = lines.indexOf("    // README-CRYPTO-EXAMPLE-END");
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    List<String> example = new ArrayList<>();
    for (String line : lines.subList(start, end)) {
      example.add(line.length() >= 4 ? line.substring(4) : line.strip());
    }
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).as("README.md quotes the example of ReadmeCryptoExampleTest").contains(String.join("\n", example));
  }
}
