package keyward.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import keyward.cli.bench.LoadGenerator;
import keyward.client.KmipClient;
import keyward.kmip.spec.KmipVersion;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: a load generator against any KMIP server, same connection settings as the rest. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Load generator: N persistent mutual-TLS connections send requests for a fixed "
        + "time; prints throughput, latency percentiles and errors by Result Reason.")
final class BenchCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Spec CommandSpec spec;

  @Option(names = "--connections", defaultValue = "8", description = "Concurrent connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--mix", defaultValue = "get", paramLabel = "MIX",
      description = "get (random Gets of pre-created keys), create, create-get-destroy, locate (by Name), "
          + "locate-attributes (AES Symmetric Keys, --max-items). Default ${DEFAULT-VALUE}.")
  String mix;

  @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS", description = "Measured time (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS", description = "Unmeasured time before (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--keys", defaultValue = "300", description = "Keys pre-created for get and locate (default ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--names", paramLabel = "PREFIX",
      description = "locate: Locate existing keys named PREFIX0 .. PREFIX<keys-1> (see `keyward admin fill`) instead of pre-creating them.")
  String names;

  @Option(names = "--max-items", defaultValue = "10", description = "Maximum Items of locate-attributes (default ${DEFAULT-VALUE}).")
  int maxItems;

  @Override
  public Integer call() throws Exception {
    LoadGenerator.Mix m = LoadGenerator.Mix.parse(mix);
    if (connections < 1 || connections > 1024) {
      throw new UsageException("--connections: expected 1..1024, not " + connections);
    }
    if (duration < 1 || duration > 3600 || warmup < 0 || warmup > 3600) {
      throw new UsageException("--duration must be 1..3600 and --warmup 0..3600 seconds");
    }
    int maxKeys = names != null ? Integer.MAX_VALUE : 100_000; // existing keys cost nothing to pick from
    if (keys < 1 || keys > maxKeys) {
      throw new UsageException("--keys: expected 1.." + maxKeys + ", not " + keys);
    }
    if (names != null && m != LoadGenerator.Mix.LOCATE) {
      throw new UsageException("--names goes with --mix locate");
    }
    if (maxItems < 1 || maxItems > 100_000) {
      throw new UsageException("--max-items: expected 1..100000, not " + maxItems);
    }
    ConnectionOptions.Endpoint ep = connection.endpoint();
    KmipVersion version;
    if (connection.kmipVersion != null) {
      try {
        version = KmipVersion.parse(connection.kmipVersion);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--kmip-version: " + e.getMessage());
      }
    } else {
      try (KmipClient c = connection.open()) {
        version = c.version(); // Discover Versions: the highest both know
      }
    }
    LoadGenerator.Result r = LoadGenerator.run(new LoadGenerator.Settings(ep.host(), ep.port(),
        ep.tls(), version, m, connections, Duration.ofSeconds(warmup), Duration.ofSeconds(duration), keys, names, maxItems));
    print(r, ep, spec.commandLine().getOut(), connection.json);
    return 0;
  }

  static void print(LoadGenerator.Result r, ConnectionOptions.Endpoint ep, PrintWriter out, boolean json) {
    Histogram h = r.latency();
    LoadGenerator.Settings s = r.settings();
    long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
    if (json) {
      List<String> errs = new ArrayList<>();
      for (Map.Entry<String, Long> e : r.errors().entrySet()) {
        errs.add(Output.quote(e.getKey()) + ":" + e.getValue());
      }
      out.println("{\"server\":" + Output.quote(ep.host() + ":" + ep.port())
          + ",\"kmipVersion\":" + Output.quote(s.version().toString())
          + ",\"mix\":" + Output.quote(s.mix().label)
          + ",\"connections\":" + s.connections()
          + ",\"warmupSeconds\":" + s.warmup().toSeconds()
          + ",\"durationSeconds\":" + s.duration().toSeconds()
          + ",\"ops\":" + r.ops()
          + ",\"opsPerSecond\":" + num(r.opsPerSecond())
          + ",\"latencyMs\":{\"p50\":" + ms(h, 50) + ",\"p99\":" + ms(h, 99) + ",\"p99.9\":" + ms(h, 99.9)
          + ",\"max\":" + num(h.getMaxValue() / 1e6) + "}"
          + ",\"errors\":" + errors
          + ",\"errorsByReason\":{" + String.join(",", errs) + "}}");
    } else {
      out.printf(Locale.ROOT, "%s mix, %d connection(s), KMIP %s, %s:%d, %ds (after %ds warm-up)%n",
          s.mix().label, s.connections(), s.version(), ep.host(), ep.port(),
          s.duration().toSeconds(), s.warmup().toSeconds());
      out.printf(Locale.ROOT, "ops         %d (%d failed)%n", r.ops(), errors);
      out.printf(Locale.ROOT, "throughput  %.0f ops/s%n", r.opsPerSecond());
      out.printf(Locale.ROOT, "latency ms  p50 %s  p99 %s  p99.9 %s  max %s%n",
          ms(h, 50), ms(h, 99), ms(h, 99.9), num(h.getMaxValue() / 1e6));
      r.errors().forEach((k, v) -> out.printf(Locale.ROOT, "error       %s: %d%n", k, v));
    }
    out.flush();
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "null" : num(h.getValueAtPercentile(percentile) / 1e6);
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }
}
