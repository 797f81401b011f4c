package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.DECRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.client.Batch;
import keyward.client.BatchResult;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.RevocationReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client example of README.md is the body of {@link #example}: the test runs it against the
 * in-process server, checks what it did, and checks that the README quotes it word for word.
 */
class ReadmeExampleTest {
  @TempDir Path dir;

  /** Runs the README's example in a directory holding keyward-data/pki; returns the two keys' IDs. */
  static List<String> example(Path workingDirectory, int port) throws Exception {
    Path pki = workingDirectory.resolve("keyward-data/pki");
    // README-EXAMPLE-START
    char[] password = Files.readString(pki.resolve("client.p12.password")).strip().toCharArray();
    try (KmipClient client = KmipClient.builder()
        .server("localhost", port)                     // call again to add fail-over servers
        .tls(TlsFiles.pkcs12(pki.resolve("client.p12"), password, pki.resolve("ca.pem")))
        .build()) {
      String id = client.createSymmetricKey("AES", 256).name("db-tde")
          .usage(ENCRYPT, DECRYPT).activate().execute(); // Create + Activate in one message
      byte[] key = client.get(id);                       // 32 bytes; clear them when done
      List<String> found = client.locate().name("db-tde").execute();

      BatchResult r = client.batch()                     // several operations in one message
          .add(client.createSymmetricKey("AES", 256).name("db-tde-next"))
          .activate(Batch.ID_PLACEHOLDER)                // the key the Create just made
          .getAttributes(Batch.ID_PLACEHOLDER, "State")
          .execute();
      String next = r.item(0).uniqueIdentifier();        // throws if that item failed
      String state = r.item(2).attributes().display().get("State");   // "Active"

      client.revoke(id, RevocationReasonCode.SUPERSEDED, "rotated");
      client.destroy(id);
      Arrays.fill(key, (byte) 0);
      // README-EXAMPLE-END
      assertThat(found).containsExactly(id);
      assertThat(state).isEqualTo("Active");
      return List.of(id, next);
    } catch (KmipClientException e) {
      throw new AssertionError("the example failed: " + e.resultReason() + " " + e.resultMessage(), e);
    }
  }

  @Test
  void theExampleRunsAsWritten() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("keyward-data"))) {
      List<String> ids = example(dir, server.port());
      try (KmipClient c = server.client(KmipVersion.V2_1)) {
        assertThat(c.getAttributes(ids.get(0), "State", "Revocation Reason").display())
            .containsEntry("State", "Destroyed");
        assertThat(c.getAttributes(ids.get(1), "State", "Name").display())
            .containsEntry("State", "Active").containsEntry("Name", "db-tde-next");
      }
    }
  }

  @Test
  void theReadmeQuotesTheExample() throws Exception {
    String source = Files.readString(Path.of("src/test/java/keyward/app/client/ReadmeExampleTest.java"));
    List<String> lines = source.lines().toList();
    int start = lines.indexOf("    // README-EXAMPLE-START") + 1;
    int end = lines.indexOf("      // README-EXAMPLE-END");
    assertThat(start).isPositive();
    List<String> example = new ArrayList<>();
    for (String line : lines.subList(start, end)) {
      example.add(line.length() >= 4 ? line.substring(4) : line.strip());
    }
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).as("README.md quotes the example of ReadmeExampleTest").contains(String.join("\n", example));
  }
}
