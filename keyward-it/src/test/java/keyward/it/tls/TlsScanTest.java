package keyward.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import keyward.app.serve.RunningServer;
import keyward.it.SharedData;
import keyward.it.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's testssl.sh scans the running server's TLS port: only TLS 1.2 and 1.3, no NULL,
 * anonymous, export, low, 3DES or IDEA suites, the server's own suite order, and the one CBC
 * suite PyKMIP's client needs (ECDHE-RSA-AES128-SHA256) offered for TLS 1.2. About 30 s.
 * The same scan by hand: docs/security.md.
 */
class TlsScanTest {
  private static final Path TESTSSL = Path.of("/usr/bin/testssl");

  @TempDir Path dir;

  @Test
  void testsslFindsOnlyTls12And13AndNoWeakSuites() throws Exception {
    if (!Files.isExecutable(TESTSSL)) {
      SharedData.unavailable("TlsScanTest", "testssl.sh not installed at " + TESTSSL
          + ": apt-get install testssl.sh (./keyward test does this when run as root)");
    }
    Path json = dir.resolve("scan.json");
    try (RunningServer server = TestServers.withDevPki(dir.resolve("data"))) {
      Process p = new ProcessBuilder(TESTSSL.toString(), "--quiet", "--color", "0", "--warnings", "off",
          "--protocols", "--std", "--server-preference", "--jsonfile", json.toString(),
          "localhost:" + server.port())
          .redirectErrorStream(true).redirectOutput(dir.resolve("scan.txt").toFile()).start();
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("testssl finished").isTrue();
    }
    Map<String, String> found = new HashMap<>();
    for (JsonNode e : new ObjectMapper().readTree(json.toFile())) {
      found.put(e.get("id").asText(), e.get("finding").asText());
    }
    assertThat(found).as(Files.readString(dir.resolve("scan.txt"))).containsKey("TLS1_2");
    for (String old : List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1")) {
      assertThat(found.get(old)).as(old).isEqualTo("not offered");
    }
    assertThat(found.get("TLS1_2")).isEqualTo("offered");
    assertThat(found.get("TLS1_3")).startsWith("offered");
    for (String weak : List.of("cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT", "cipherlist_LOW",
        "cipherlist_3DES_IDEA")) {
      assertThat(found.get(weak)).as(weak).isEqualTo("not offered");
    }
    assertThat(found.get("cipher_order")).isEqualTo("server");
    assertThat(found.get("cipherorder_TLSv1_2")).contains("ECDHE-RSA-AES128-SHA256")
        .doesNotContain("-SHA ").doesNotEndWith("-SHA").doesNotContain("AES256-SHA ");
    assertThat(found.get("cipherorder_TLSv1_3")).startsWith("TLS_AES_256_GCM_SHA384");
  }
}
