package keyward.store.postgres;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two store instances on one database stand for two Keyward nodes behind a load balancer: what
 * one writes the other reads at once, and their concurrent writes neither collide nor get lost.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresNodesTest {
  private String url;
  private PostgresObjectStore nodeA;
  private PostgresObjectStore nodeB;

  @BeforeEach
  void twoNodes() throws Exception {
    url = TestPostgres.newDatabase();
    nodeA = PostgresObjectStore.open(TestPostgres.options(url));
    nodeB = PostgresObjectStore.open(TestPostgres.options(url));
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
  }

  @Test
  void anObjectWrittenOnOneNodeIsAtOnceVisibleOnTheOther() throws Exception {
    insert(nodeA, object("k", "alice", name("shared-name")));
    assertThat(get(nodeB, "k").owner()).isEqualTo("alice");
    assertThat(uidsMatching(nodeB, new Criterion.TextEquals(NAME, "shared-name")))
        .containsExactly("k");

    StoredObject read = get(nodeB, "k");
    nodeB.inTransaction(false, tx -> {
      tx.update(withState(read, 3, name("renamed")));
      return null;
    });
    assertThat(get(nodeA, "k").state()).isEqualTo(3);
    assertThat(uidsMatching(nodeA, new Criterion.TextEquals(NAME, "renamed")))
        .containsExactly("k");
  }

  @Test
  void concurrentCreatesOnBothNodesAllLandWithoutCollision() throws Exception {
    int writersPerNode = 8;
    int perWriter = 25;
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    runConcurrently(2 * writersPerNode, w -> {
      ObjectStore node = w % 2 == 0 ? nodeA : nodeB;
      for (int i = 0; i < perWriter; i++) {
        String uid = "w" + w + "-" + i;
        insert(node, object(uid, "owner", name(uid)));
        acknowledged.add(uid);
      }
    });
    assertThat(acknowledged).hasSize(2 * writersPerNode * perWriter);
    assertThat(locate(nodeA, new LocateQuery(null, List.of(), true, true, 0, -1))
        .uniqueIdentifiers()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(locate(nodeB, new LocateQuery(null, List.of(), true, true, 0, -1))
        .totalMatches()).isEqualTo(acknowledged.size());
  }

  /**
   * The server's Create checks that no object of the caller has the Name (a Locate inside the
   * write transaction), then inserts. Racing on both nodes, exactly one create per name wins.
   */
  @Test
  void aNameCheckedThenInsertedConcurrentlyOnBothNodesEndsUpOnExactlyOneObject()
      throws Exception {
    int names = 10;
    int racersPerName = 6;
    AtomicInteger created = new AtomicInteger();
    runConcurrently(racersPerName, r -> {
      ObjectStore node = r % 2 == 0 ? nodeA : nodeB;
      for (int n = 0; n < names; n++) {
        String name = "name-" + n;
        String uid = "racer" + r + "-" + n;
        boolean won = node.inTransaction(false, tx -> {
          LocateQuery sameName = new LocateQuery("alice",
              List.of(new Criterion.TextEquals(NAME, name)), true, true, 0, -1);
          if (tx.locate(sameName).totalMatches() > 0) {
            return false;
          }
          tx.insert(object(uid, "alice", name(name)));
          return true;
        });
        if (won) {
          created.incrementAndGet();
        }
      }
    });
    assertThat(created.get()).isEqualTo(names);
    for (int n = 0; n < names; n++) {
      assertThat(uidsMatching(nodeA, new Criterion.TextEquals(NAME, "name-" + n))).hasSize(1);
    }
  }

  /**
   * The server reads an object and writes it back inside one transaction (state changes,
   * attribute edits). From both nodes at once, no increment is lost and none fails.
   */
  @Test
  void readModifyWriteInsideTransactionsOnBothNodesLosesNothingAndNeverConflicts()
      throws Exception {
    insert(nodeA, withAttributes(object("counter", "alice"), counter(0)));
    int threads = 8;
    int incrementsEach = 25;
    runConcurrently(threads, t -> {
      ObjectStore node = t % 2 == 0 ? nodeA : nodeB;
      for (int i = 0; i < incrementsEach; i++) {
        node.inTransaction(false, tx -> {
          StoredObject read = tx.get("counter").orElseThrow();
          long value = ByteBuffer.wrap(read.attributes()).getLong();
          tx.update(withAttributes(read, counter(value + 1)));
          return null;
        });
      }
    });
    StoredObject counter = get(nodeB, "counter");
    assertThat(ByteBuffer.wrap(counter.attributes()).getLong()).isEqualTo(threads * incrementsEach);
    assertThat(counter.revision()).isEqualTo(threads * incrementsEach);
  }

  @Test
  void aReadTransactionSeesOneSnapshotWhileTheOtherNodeWrites() throws Exception {
    insert(nodeA, object("first", "alice"));
    LocateQuery all = new LocateQuery(null, List.of(), true, true, 0, -1);
    List<Long> counts = nodeA.inTransaction(true, tx -> {
      long before = tx.locate(all).totalMatches();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        threads.submit(() -> {
          insert(nodeB, object("second", "alice"));
          return null;
        }).get(30, TimeUnit.SECONDS);
      }
      return List.of(before, tx.locate(all).totalMatches(),
          tx.get("second").isPresent() ? 1L : 0L);
    });
    assertThat(counts).containsExactly(1L, 1L, 0L); // A Locate's count and page agree.
    assertThat(locate(nodeA, all).totalMatches()).isEqualTo(2);
  }

  @Test
  void aStaleUpdateFromTheOtherNodeIsAConflict() throws Exception {
    insert(nodeA, object("k", "alice"));
    StoredObject seenByB = get(nodeB, "k");
    StoredObject seenByA = get(nodeA, "k");
    nodeA.inTransaction(false, tx -> {
      tx.update(withState(seenByA, 3));
      return null;
    });
    assertThatThrownBy(() -> nodeB.inTransaction(false, tx -> {
      tx.update(withState(seenByB, 4));
      return null;
    })).isInstanceOf(StoreException.Conflict.class);
    assertThat(get(nodeA, "k").state()).isEqualTo(3);
  }

  @Test
  void nodesStartingAtOnceOnAnEmptyDatabaseMigrateItOnce() throws Exception {
    String fresh = TestPostgres.newDatabase();
    List<PostgresObjectStore> opened = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<PostgresObjectStore>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(threads.submit(() -> PostgresObjectStore.open(TestPostgres.options(fresh))));
      }
      for (Future<PostgresObjectStore> start : starts) {
        opened.add(start.get(60, TimeUnit.SECONDS));
      }
    }
    try {
      insert(opened.get(0), object("k", "alice"));
      assertThat(get(opened.get(3), "k")).isNotNull();
      try (Connection db = DriverManager.getConnection(fresh, "postgres", "postgres");
          Statement s = db.createStatement();
          var row = s.executeQuery("SELECT count(*), max(version) FROM keyward_schema_version")) {
        row.next();
        assertThat(row.getInt(1)).isEqualTo(PgMigrations.latest());
        assertThat(row.getInt(2)).isEqualTo(PgMigrations.latest());
      }
    } finally {
      opened.forEach(PostgresObjectStore::close);
    }
  }

  @Test
  void aDatabaseFromANewerKeywardIsRefused() throws Exception {
    try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = db.createStatement()) {
      s.execute("INSERT INTO keyward_schema_version VALUES (" + (PgMigrations.latest() + 1)
          + ", now())");
    }
    assertThatThrownBy(() -> PostgresObjectStore.open(TestPostgres.options(url)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer than this Keyward supports");
  }

  @Test
  void anUnreachableDatabaseIsAClearStartUpError() {
    PostgresObjectStore.Options nowhere = new PostgresObjectStore.Options(
        "jdbc:postgresql://127.0.0.1:1/keyward", "postgres", "secret-pw", 2, Duration.ofSeconds(2));
    assertThatThrownBy(() -> PostgresObjectStore.open(nowhere))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/keyward")
        .hasMessageNotContaining("secret-pw");
    // A password in the URL's parameters stays out of the message too.
    PostgresObjectStore.Options inUrl = new PostgresObjectStore.Options(
        "jdbc:postgresql://127.0.0.1:1/keyward?user=kw&password=url-secret", null, null, 2,
        Duration.ofSeconds(2));
    assertThatThrownBy(() -> PostgresObjectStore.open(inUrl))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1:1/keyward?...")
        .hasMessageNotContaining("url-secret");
    assertThat(inUrl.toString()).doesNotContain("url-secret");
  }

  @FunctionalInterface
  private interface Worker {
    void run(int index) throws Exception;
  }

  private static void runConcurrently(int count, Worker worker) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(threads.submit(() -> {
          start.await();
          worker.run(index);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(100, TimeUnit.SECONDS);
      }
    }
  }

  private static byte[] counter(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }
}
