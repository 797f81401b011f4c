package keyward.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.cli.bench.LoadGenerator;
import keyward.kmip.spec.KmipVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyward soak}: an in-process server under load for minutes, with its heap (after a
 * GC) and open file descriptors sampled between rounds. Both must stay flat: a leak of
 * objects, connections or files shows as steady growth. Exit 0 when flat, 1 when not.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = {"Run a server in this process at high load for a while and report whether its "
        + "heap and open file descriptors stay flat.",
        "Exit 0: flat; 1: growth beyond the tolerance (see docs/security.md)."})
final class SoakCommand implements Callable<Integer> {

  @Option(names = "--seconds", defaultValue = "300", description = "How long (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--round", defaultValue = "30", paramLabel = "SECONDS",
      description = "Load between samples (default ${DEFAULT-VALUE}).")
  int round;

  @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--mix", defaultValue = "create-get-destroy",
      description = "get, create, create-get-destroy or locate (default ${DEFAULT-VALUE}).")
  String mix;

  @Option(names = "--data-dir", description = "Data directory (default: a new temporary one, deleted after).")
  Path dataDir;

  @Spec CommandSpec spec;

  /** Heap may grow by this much over the run (caches, the JIT's data) and still count as flat. */
  static final long HEAP_TOLERANCE_BYTES = 32L << 20;
  /** File descriptors may differ by this many (log files, a JDK-internal pipe). */
  static final int FD_TOLERANCE = 8;

  record Sample(int round, double opsPerSecond, long errors, long heapBytes, int fds) {}

  @Override
  public Integer call() throws Exception {
    if (seconds < 1 || round < 1 || connections < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--seconds, --round and --connections must be at least 1");
    }
    LoadGenerator.Mix m = LoadGenerator.Mix.parse(mix);
    PrintWriter out = spec.commandLine().getOut();
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("keyward-soak");
    List<Sample> samples = new ArrayList<>();
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir))) {
      samples.add(new Sample(0, 0, 0, heapAfterGc(), openFds()));
      out.printf(Locale.ROOT, "%5s %10s %8s %10s %6s%n", "round", "ops/s", "errors", "heap MiB", "fds");
      print(out, samples.getFirst());
      int rounds = Math.max(1, seconds / round);
      for (int i = 1; i <= rounds; i++) {
        LoadGenerator.Result r = LoadGenerator.run(new LoadGenerator.Settings("localhost", server.port(),
            server.pki().clientContext(), KmipVersion.V2_1, m, connections, Duration.ZERO,
            Duration.ofSeconds(round), 100, null, 10));
        long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
        Thread.sleep(500); // the server's side of the closed connections winds down
        Sample s = new Sample(i, r.opsPerSecond(), errors, heapAfterGc(), openFds());
        samples.add(s);
        print(out, s);
      }
    } finally {
      if (dataDir == null) {
        deleteTree(dir);
      }
    }
    String verdict = verdict(samples);
    out.println(verdict);
    out.flush();
    return verdict.startsWith("flat") ? 0 : 1;
  }

  /**
   * Compares the last sample with the first loaded one (round 1: the server has warmed up,
   * its caches are filled): growth beyond the tolerances is reported.
   */
  static String verdict(List<Sample> samples) {
    Sample first = samples.get(Math.min(1, samples.size() - 1));
    Sample last = samples.getLast();
    long heap = last.heapBytes() - first.heapBytes();
    int fds = last.fds() - first.fds();
    long errors = samples.stream().mapToLong(Sample::errors).sum();
    String figures = String.format(Locale.ROOT, "heap %+.1f MiB, fds %+d from round %d to %d, %d errors",
        heap / 1048576.0, fds, first.round(), last.round(), errors);
    boolean flat = heap <= HEAP_TOLERANCE_BYTES && fds <= FD_TOLERANCE;
    return (flat ? "flat: " : "GROWING: ") + figures;
  }

  private static void print(PrintWriter out, Sample s) {
    out.printf(Locale.ROOT, "%5d %10.0f %8d %10.1f %6d%n", s.round(), s.opsPerSecond(), s.errors(),
        s.heapBytes() / 1048576.0, s.fds());
    out.flush();
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Open file descriptors of this process (Linux), or -1 where /proc is not available. */
  static int openFds() {
    Path fd = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fd)) {
      return -1;
    }
    try (Stream<Path> s = Files.list(fd)) {
      return (int) s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
