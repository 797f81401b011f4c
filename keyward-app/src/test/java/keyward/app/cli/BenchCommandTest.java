package keyward.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ./keyward bench: option checks, and short runs against an in-process server. */
class BenchCommandTest {
  @TempDir static Path dir;
  static CliServer cli;
  static Path config;

  @BeforeAll
  static void start() throws Exception {
    cli = new CliServer(dir);
    config = cli.config;
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  static CliServer.Run run(String... args) {
    return CliServer.run(args);
  }

  @ParameterizedTest
  // locate-attributes last: it finds the AES keys the runs before it made
  @CsvSource({"get,2.1", "get,1.2", "create-get-destroy,1.4", "locate,2.0", "locate-attributes,1.4",
      "locate-attributes,2.1"})
  void aShortRunReportsThroughputAndPercentilesWithoutErrors(String mix, String version) throws Exception {
    long t0 = System.nanoTime();
    CliServer.Run r = run("bench", "--config", config.toString(), "--kmip-version", version, "--mix", mix,
        "--connections", "2", "--duration", "2", "--warmup", "0", "--keys", "20", "--json");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("mix").asText()).isEqualTo(mix);
    assertThat(j.get("kmipVersion").asText()).isEqualTo(version);
    assertThat(j.get("connections").asInt()).isEqualTo(2);
    assertThat(j.get("ops").asLong()).isPositive();
    assertThat(j.get("opsPerSecond").asDouble()).isEqualTo(j.get("ops").asLong() / 2.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(j.get("errors").asLong()).as(r.out()).isZero();
    JsonNode l = j.get("latencyMs");
    assertThat(l.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(l.get("p99").asDouble());
    assertThat(l.get("p99").asDouble()).isLessThanOrEqualTo(l.get("p99.9").asDouble());
    assertThat(l.get("p99.9").asDouble()).isLessThanOrEqualTo(l.get("max").asDouble());
    assertThat(seconds).as("stops by itself after the duration").isLessThan(30);
  }

  @Test
  void theTextReportNamesTheRunAndItsFigures() {
    CliServer.Run r = run("bench", "--config", config.toString(), "--kmip-version", "2.1", "--mix", "create",
        "--connections", "1", "--duration", "1", "--warmup", "0");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("create mix, 1 connection(s), KMIP 2.1")
        .containsPattern("throughput +\\d+ ops/s").containsPattern("latency ms +p50 [0-9.]+ +p99 ");
  }

  @Test
  void badOptionsAreUsageErrors() {
    CliServer.Run mix = run("bench", "--config", config.toString(), "--mix", "delete");
    assertThat(mix.exit()).isEqualTo(2);
    assertThat(mix.err()).contains("--mix").contains("create-get-destroy");
    CliServer.Run conns = run("bench", "--config", config.toString(), "--connections", "0");
    assertThat(conns.exit()).isEqualTo(2);
    assertThat(conns.err()).contains("--connections");
    CliServer.Run version = run("bench", "--config", config.toString(), "--kmip-version", "9.9");
    assertThat(version.exit()).isEqualTo(2);
    assertThat(version.err()).contains("--kmip-version");
    CliServer.Run names = run("bench", "--config", config.toString(), "--mix", "get", "--names", "fill-");
    assertThat(names.exit()).isEqualTo(2);
    assertThat(names.err()).contains("--names");
  }
}
