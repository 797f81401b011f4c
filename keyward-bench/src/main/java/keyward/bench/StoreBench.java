package keyward.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoredObject;
import keyward.store.SqliteObjectStore;

/**
 * Throughput of the embedded store on this machine's disk: durable creates with 1 and 32
 * concurrent writers (virtual threads), then with 100,000 objects stored, Get by identifier and
 * Locate by Name. A plain timed loop rather than JMH: the quantity is fsyncs and group commit
 * under concurrency, which JMH's per-thread harness would not model better.
 *
 * <pre>
 * java -cp 'keyward-bench/target/classes:keyward-bench/target/lib/*' keyward.bench.StoreBench \
 *     [seconds per phase, default 5] [runs, default 3] [directory, default a new temp dir]
 *     [writes: only the create phases]
 * </pre>
 */
public final class StoreBench {
  // KMIP tags (the store treats them as plain numbers).
  private static final int NAME = 0x420053;
  private static final int OBJECT_TYPE = 0x420057;
  private static final int CRYPTOGRAPHIC_ALGORITHM = 0x420028;
  private static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;
  private static final int CRYPTOGRAPHIC_USAGE_MASK = 0x42002C;
  private static final int STATE = 0x42008D;
  private static final int ACTIVATION_DATE = 0x420001;
  private static final int STORED_OBJECTS = 100_000;
  private static final String OWNER = "bench";

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path base = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("storebench");
    boolean writesOnly = args.length > 3 && args[3].equals("writes");
    Map<String, double[]> results = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      Path directory = base.resolve("run-" + run + "-" + System.nanoTime());
      Map<String, Double> figures = new LinkedHashMap<>();
      try (SqliteObjectStore store = SqliteObjectStore.open(directory)) {
        AtomicLong next = new AtomicLong();
        figures.put("create/s 1 writer", timed(seconds, 1, () -> insert(store, next.getAndIncrement())));
        SqliteObjectStore.Stats before = store.stats();
        long cpuBefore = processCpuNanos();
        figures.put("create/s 32 writers",
            timed(seconds, 32, () -> insert(store, next.getAndIncrement())));
        long cpu = processCpuNanos() - cpuBefore;
        SqliteObjectStore.Stats after = store.stats();
        long creates = after.writeTransactions() - before.writeTransactions();
        figures.put("CPU us per create (32)", cpu / 1e3 / creates);
        figures.put("creates per commit (32)",
            (double) creates / (after.commits() - before.commits()));
        if (!writesOnly) {
          long filled = next.get();
          long fillStart = System.nanoTime();
          fill(store, next, STORED_OBJECTS);
          long stored = next.get();
          figures.put("create/s 1,000 per tx",
              (stored - filled) / ((System.nanoTime() - fillStart) / 1e9));
          figures.put("get/s 1 thread", timed(seconds, 1, () -> get(store, stored)));
          figures.put("get/s 32 threads", timed(seconds, 32, () -> get(store, stored)));
          figures.put("locate-by-name/s 1 thread",
              timed(seconds, 1, () -> locateByName(store, stored)));
          figures.put("locate-by-name/s 32 threads",
              timed(seconds, 32, () -> locateByName(store, stored)));
        }
        System.out.printf("run %d (%d objects):%n", run + 1, next.get());
      }
      for (Map.Entry<String, Double> figure : figures.entrySet()) {
        System.out.printf("  %-28s %,12.1f%n", figure.getKey(), figure.getValue());
        results.computeIfAbsent(figure.getKey(), k -> new double[runs])[run] = figure.getValue();
      }
    }
    System.out.printf("median of %d runs, %d s per phase, in %s:%n", runs, seconds, base);
    for (Map.Entry<String, double[]> result : results.entrySet()) {
      double[] sorted = result.getValue().clone();
      Arrays.sort(sorted);
      System.out.printf("  %-28s %,12.1f%n", result.getKey(), sorted[runs / 2]);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }

  /** Runs {@code op} in a loop on {@code threads} virtual threads; returns completed ops/s. */
  private static double timed(int seconds, int threads, Op op) throws Exception {
    AtomicLong done = new AtomicLong();
    List<Throwable> failures = new ArrayList<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(Thread.ofVirtual().start(() -> {
        try {
          while (System.nanoTime() < deadline) {
            op.run();
            done.incrementAndGet();
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }));
    }
    for (Thread t : running) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("benchmark operation failed", failures.getFirst());
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void insert(SqliteObjectStore store, long n) throws Exception {
    StoredObject object = object(n);
    store.inTransaction(false, tx -> {
      tx.insert(object);
      return null;
    });
  }

  /** Tops the store up to {@code count} objects, 1,000 per transaction (not measured). */
  private static void fill(SqliteObjectStore store, AtomicLong next, int count) throws Exception {
    while (next.get() < count) {
      long from = next.get();
      long to = Math.min(count, from + 1_000);
      store.inTransaction(false, tx -> {
        for (long n = from; n < to; n++) {
          tx.insert(object(n));
        }
        return null;
      });
      next.set(to);
    }
  }

  private static void get(SqliteObjectStore store, long stored) throws Exception {
    String uid = uid(ThreadLocalRandom.current().nextLong(stored));
    if (store.inTransaction(true, tx -> tx.get(uid)).isEmpty()) {
      throw new IllegalStateException("missing " + uid);
    }
  }

  private static void locateByName(SqliteObjectStore store, long stored) throws Exception {
    long n = ThreadLocalRandom.current().nextLong(stored);
    LocateQuery query = new LocateQuery(OWNER,
        List.of(new Criterion.TextEquals(NAME, "name-" + n),
            new Criterion.NumberEquals(OBJECT_TYPE, 2)),
        true, false, 0, -1);
    LocateResult result = store.inTransaction(true, tx -> tx.locate(query));
    if (!result.uniqueIdentifiers().equals(List.of(uid(n)))) {
      throw new IllegalStateException("Locate found " + result.uniqueIdentifiers());
    }
  }

  /** Random-looking like the UUIDs a server assigns, yet reproducible from n for Get. */
  private static String uid(long n) {
    return UUID.nameUUIDFromBytes(Long.toString(n).getBytes(StandardCharsets.US_ASCII)).toString();
  }

  /** About the size of an AES-256 key and its attributes in TTLV, with a typical index. */
  private static StoredObject object(long n) {
    byte[] key = new byte[80];
    byte[] attributes = new byte[400];
    ThreadLocalRandom.current().nextBytes(key);
    Arrays.fill(attributes, (byte) 0x42);
    List<IndexEntry> index = List.of(
        IndexEntry.text(NAME, "name-" + n),
        IndexEntry.number(OBJECT_TYPE, 2),
        IndexEntry.number(CRYPTOGRAPHIC_ALGORITHM, 3),
        IndexEntry.number(CRYPTOGRAPHIC_LENGTH, 256),
        IndexEntry.number(CRYPTOGRAPHIC_USAGE_MASK, 12),
        IndexEntry.number(STATE, 2),
        IndexEntry.number(ACTIVATION_DATE, 1_700_000_000L + n));
    return new StoredObject(uid(n), 2, 2, OWNER, false, key, attributes, index, 0);
  }
}
