package keyward.store;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on SQLite, plus what only the embedded store has: files, limits, the planner. */
class SqliteObjectStoreTest extends ObjectStoreContract {

  @TempDir Path temp;

  @Override
  protected ObjectStore newEmptyStore() throws Exception {
    return SqliteObjectStore.open(temp.resolve("data"));
  }

  private SqliteObjectStore sqlite() {
    return (SqliteObjectStore) store;
  }

  @Test
  void committedDataSurvivesCloseAndReopen() throws Exception {
    insert(store, object("k", "alice", name("kept")));
    store.close();
    // A clean close folds the log into the database file: one file to copy or back up.
    Path data = temp.resolve("data");
    assertThat(data.resolve(SqliteObjectStore.DATABASE_FILE + "-wal")).doesNotExist();
    assertThat(data.resolve(SqliteObjectStore.DATABASE_FILE)).isNotEmptyFile();
    store = SqliteObjectStore.open(data);
    assertThat(get(store, "k").object()).isEqualTo(secretBytes("k"));
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "kept"))).containsExactly("k");
  }

  @Test
  void theFileIsInWalModeAndRecordsItsSchemaVersion() throws Exception {
    insert(store, object("k", "alice"));
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("wal");
      }
      try (ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(Migrations.latest()).isPositive();
      }
    }
  }

  @Test
  void aSchemaNewerThanTheCodeIsRefused() throws Exception {
    store.close();
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'later')");
    }
    assertThatThrownBy(() -> SqliteObjectStore.open(temp.resolve("data")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("version 999")
        .hasMessageContaining("newer");
  }

  @Test
  void aDataDirectoryThatIsAFileGivesAClearError() throws Exception {
    Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> SqliteObjectStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("data directory")
        .hasMessageContaining(file.toString());
  }

  @Test
  void aFileThatIsNotADatabaseGivesAClearError() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("garbage"));
    Files.write(directory.resolve(SqliteObjectStore.DATABASE_FILE),
        "this is certainly not a SQLite database file, just text".repeat(100)
            .getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> SqliteObjectStore.open(directory))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a SQLite database")
        .hasMessageContaining(SqliteObjectStore.DATABASE_FILE);
  }

  @Test
  void aDatabasePathThatCannotBeOpenedGivesAClearError() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("blocked"));
    Files.createDirectories(directory.resolve(SqliteObjectStore.DATABASE_FILE));
    assertThatThrownBy(() -> SqliteObjectStore.open(directory))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot be opened")
        .hasMessageContaining(SqliteObjectStore.DATABASE_FILE);
  }

  @Test
  void aDatabaseFileThatRefusesWritesGivesAClearErrorAtOpen() throws Exception {
    insert(store, object("k", "alice"));
    store.close();
    Path file = temp.resolve("data").resolve(SqliteObjectStore.DATABASE_FILE);
    makeUnwritable(file);
    try {
      assertThatThrownBy(() -> SqliteObjectStore.open(temp.resolve("data")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("read-only")
          .hasMessageContaining(SqliteObjectStore.DATABASE_FILE);
    } finally {
      makeWritable(file);
    }
  }

  /**
   * Read-only permissions stop anyone but root; for root (as in CI here) the immutable attribute
   * does. If neither works on this machine the test is reported as skipped, not passed.
   */
  private static void makeUnwritable(Path file) throws Exception {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    if (refusesWrites(file)) {
      return;
    }
    try {
      new ProcessBuilder("chattr", "+i", file.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      // No chattr: checked below.
    }
    Assumptions.assumeTrue(refusesWrites(file), "cannot make a file unwritable here");
  }

  private static void makeWritable(Path file) throws Exception {
    try {
      new ProcessBuilder("chattr", "-i", file.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      // Was not made immutable.
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }

  private static boolean refusesWrites(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void aDirectoryAlreadyOpenIsNotOpenedTwice() throws Exception {
    assertThatThrownBy(() -> SqliteObjectStore.open(temp.resolve("data")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("already open");
    // The failed open left the first store working.
    insert(store, object("k", "alice"));
    assertThat(get(store, "k")).isNotNull();
  }

  @Test
  void aFullDatabaseFailsWritesClearlyKeepsWhatWasAcknowledgedAndRecovers() throws Exception {
    store.close();
    store = SqliteObjectStore.open(temp.resolve("small"),
        SqliteObjectStore.Options.defaults().withMaxDatabaseBytes(256 * 1024));
    List<String> acknowledged = new ArrayList<>();
    StoreException full = null;
    for (int i = 0; i < 1_000 && full == null; i++) {
      String uid = "big-" + i;
      try {
        insert(store, bigObject(uid));
        acknowledged.add(uid);
      } catch (StoreException e) {
        full = e;
      }
    }
    assertThat(full).as("the size limit was reached").isNotNull();
    assertThat(full).hasMessageContaining("full");
    for (Throwable t = full; t != null; t = t.getCause()) {
      for (String secret : secretRenderings()) {
        assertThat(t.toString()).doesNotContain(secret);
      }
    }
    assertThat(acknowledged).hasSizeGreaterThan(10);
    assertThat(locateAll()).containsExactlyElementsOf(acknowledged);

    // Work that swallows the failure still fails: whatever else it wrote is undone.
    StoredObject first = get(store, acknowledged.getFirst());
    assertThatThrownBy(() -> store.inTransaction(false, tx -> {
      tx.update(withState(first, 3, name("changed"))); // Same size: fits even when full.
      try {
        tx.insert(bigObject("too-big"));
      } catch (StoreException swallowed) {
        // Carry on as if nothing happened.
      }
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("full");
    assertThat(get(store, acknowledged.getFirst()).revision()).isZero();
    assertThat(get(store, "too-big")).isNull();

    // Concurrent writers against the full file: each is either acknowledged or told why.
    ConcurrentLinkedQueue<String> later = new ConcurrentLinkedQueue<>();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        int writer = t;
        threads.submit(() -> {
          for (int i = 0; i < 5; i++) {
            String uid = "late-" + writer + "-" + i;
            try {
              insert(store, bigObject(uid));
              later.add(uid);
            } catch (StoreException e) {
              if (!e.getMessage().contains("full")) {
                unexpected.compareAndSet(null, e);
              }
            } catch (Exception e) {
              unexpected.compareAndSet(null, e);
            }
          }
        });
      }
    }
    assertThat(unexpected.get()).isNull();
    List<String> expected = new ArrayList<>(acknowledged);
    expected.addAll(later);
    assertThat(locateAll()).containsExactlyInAnyOrderElementsOf(expected);

    // Freeing space makes writes work again.
    store.inTransaction(false, tx -> {
      for (String uid : acknowledged.subList(0, 10)) {
        tx.delete(uid);
      }
      return null;
    });
    insert(store, bigObject("after-cleanup"));
    assertThat(get(store, "after-cleanup")).isNotNull();
  }

  private static StoredObject bigObject(String uid) {
    byte[] bytes = new byte[4096];
    byte[] marker = secretBytes(uid);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = marker[i % marker.length];
    }
    StoredObject o = object(uid, "alice", name(uid));
    return new StoredObject(uid, o.objectType(), o.state(), o.owner(), false, bytes,
        o.attributes(), o.index(), 0);
  }

  private List<String> locateAll() throws Exception {
    return locate(store, new LocateQuery(null, List.of(), true, true, 0, -1)).uniqueIdentifiers();
  }

  @Test
  void concurrentWritersShareCommits() throws Exception {
    int writers = 32;
    int each = 20;
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(threads.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            insert(store, object("g" + writer + "-" + i, "alice"));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(50, TimeUnit.SECONDS);
      }
    }
    SqliteObjectStore.Stats stats = sqlite().stats();
    assertThat(stats.writeTransactions()).isEqualTo(writers * each);
    assertThat(stats.commits()).isLessThan(stats.writeTransactions());
    assertThat(locateAll()).hasSize(writers * each);
  }

  @Test
  void locateSearchesTheIndexInsteadOfScanningObjects() throws Exception {
    insert(store, object("k", "alice", name("n")));
    List<Criterion> kinds = List.of(new Criterion.TextEquals(NAME, "n"),
        new Criterion.NumberEquals(CRYPTOGRAPHIC_LENGTH, 256),
        new Criterion.NumberBetween(ACTIVATION_DATE, 1, 2),
        new Criterion.BitsSet(CRYPTOGRAPHIC_USAGE_MASK, 4),
        new Criterion.Present(NAME));
    List<List<Criterion>> queries = new ArrayList<>();
    for (Criterion kind : kinds) {
      queries.add(List.of(kind));
    }
    queries.add(kinds); // A Name drives; every other kind is a per-candidate probe.
    queries.add(kinds.subList(1, kinds.size())); // No text: an exact number drives.
    queries.add(List.of(kinds.get(4), kinds.get(3))); // Only weak ones: still no scan.
    for (List<Criterion> criteria : queries) {
      for (String owner : new String[] {null, "alice"}) {
        LocateSql sql = LocateSql.of(new LocateQuery(owner, criteria, true, false, 0, 10));
        String page = plan(sql.pageSql(), sql.parameters(), 2);
        for (String plan : List.of(plan(sql.countSql(), sql.parameters(), 1), page)) {
          assertThat(plan).as(criteria + " owner " + owner)
              .containsPattern("SEARCH o USING (COVERING )?INDEX sqlite_autoindex_objects_2 "
                  + "\\(seq=\\?\\)")
              .containsPattern("SEARCH d USING COVERING INDEX object_index_(text|num) \\(tag=\\?")
              .doesNotContainPattern("SCAN (?!\\(subquery)"); // the count reads its own subquery
          assertThat(plan.lines().filter(line -> line.contains("SEARCH i ")))
              .as("each probe looks up its candidate: " + plan)
              .hasSize(criteria.size() - 1)
              .allMatch(line -> line.contains("seq=?") && line.contains("COVERING INDEX"));
        }
        assertThat(page).as("matches come in creation order without a sort")
            .doesNotContain("TEMP B-TREE");
        if (criteria.stream().anyMatch(c -> c instanceof Criterion.TextEquals
            || c instanceof Criterion.NumberEquals)) {
          assertThat(page).as("an exact value is read in creation order, not collected first: "
                  + criteria)
              .startsWith("SEARCH d USING COVERING INDEX")
              .doesNotContain("LIST SUBQUERY");
        }
      }
    }
    LocateSql byOwner = LocateSql.of(new LocateQuery("alice", List.of(), true, true, 0, 10));
    assertThat(plan(byOwner.pageSql(), byOwner.parameters(), 2))
        .contains("SEARCH o USING INDEX objects_owner_seq (owner=?)")
        .doesNotContain("TEMP B-TREE");
  }

  @Test
  void locateOfManyMatchesReadsOnlyItsPageAndStopsCounting() throws Exception {
    int many = LocateSql.MAX_COUNTED + 5;
    store.inTransaction(false, tx -> {
      for (int i = 0; i < many; i++) {
        tx.insert(object("m" + i, "alice", length(256)));
      }
      return null;
    });
    List<Criterion> all = List.of(new Criterion.NumberEquals(CRYPTOGRAPHIC_LENGTH, 256));
    var page = locate(store, new LocateQuery("alice", all, true, false, 2, 3));
    assertThat(page.uniqueIdentifiers()).containsExactly("m2", "m3", "m4");
    assertThat(page.totalMatches()).isEqualTo(keyward.spi.store.LocateResult.UNCOUNTED);
    var tail = locate(store, new LocateQuery("alice", all, true, false, many - 2, 10));
    assertThat(tail.uniqueIdentifiers()).containsExactly("m" + (many - 2), "m" + (many - 1));
    assertThat(tail.totalMatches()).as("counted from the offset on").isEqualTo(many);
    var everything = locate(store, new LocateQuery("alice", all, true, false, 0, -1));
    assertThat(everything.uniqueIdentifiers()).hasSize(many);
    assertThat(everything.totalMatches()).as("every match read: known").isEqualTo(many);
    var few = locate(store, new LocateQuery("alice",
        List.of(new Criterion.NumberEquals(CRYPTOGRAPHIC_LENGTH, 128)), true, false, 0, 3));
    assertThat(few.totalMatches()).isZero();
  }

  private String plan(String sql, List<Object> parameters, int extra) throws Exception {
    try (Connection c = jdbc();
        PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      int i = 1;
      for (Object p : parameters) {
        s.setObject(i++, p);
      }
      for (int e = 0; e < extra; e++) {
        s.setLong(i++, 0);
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          plan.append(r.getString("detail")).append('\n');
        }
      }
      return plan.toString();
    }
  }

  @Test
  void workThatCatchesDuplicateMayGoOnAndCommit() throws Exception {
    insert(store, object("taken", "alice"));
    store.inTransaction(false, tx -> {
      try {
        tx.insert(object("taken", "alice"));
        throw new AssertionError("expected Duplicate");
      } catch (StoreException.Duplicate e) {
        tx.insert(object("taken-2", "alice", name("second choice")));
      }
      return null;
    });
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "second choice")))
        .containsExactly("taken-2");
  }

  @Test
  void tooManyCriteriaAreRefusedClearly() {
    List<Criterion> many = new ArrayList<>();
    for (int i = 0; i <= LocateSql.MAX_CRITERIA; i++) {
      many.add(new Criterion.Present(NAME));
    }
    assertThatThrownBy(() -> locate(store, new LocateQuery(null, many, true, true, 0, -1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("criteria");
  }

  @Test
  void aTransactionCannotBeUsedAfterItsWorkReturned() throws Exception {
    StoreTransaction leaked = store.inTransaction(false, tx -> tx);
    assertThatThrownBy(() -> leaked.insert(object("late", "alice")))
        .isInstanceOf(IllegalStateException.class);
    StoreTransaction leakedRead = store.inTransaction(true, tx -> tx);
    assertThatThrownBy(() -> leakedRead.get("late")).isInstanceOf(IllegalStateException.class);
    assertThat(get(store, "late")).isNull();
  }

  @Test
  void readsNestedInReadsDoNotExhaustTheConnections() throws Exception {
    insert(store, object("k", "alice"));
    int threads = 4 * SqliteObjectStore.Options.defaults().readConnections();
    CountDownLatch allInside = new CountDownLatch(threads);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> store.inTransaction(true, outer -> {
          allInside.countDown();
          allInside.await(1, TimeUnit.SECONDS); // Pile up holders of the outer connections.
          return store.inTransaction(true, inner -> inner.get("k").orElseThrow().owner());
        })));
      }
      for (Future<String> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("alice");
      }
    }
  }

  @Test
  void aWriteNestedInAWriteIsRefusedAndTheOuterRollsBack() throws Exception {
    assertThatThrownBy(() -> store.inTransaction(false, tx -> {
      tx.insert(object("outer", "alice"));
      return store.inTransaction(false, inner -> null);
    })).isInstanceOf(IllegalStateException.class);
    assertThat(get(store, "outer")).isNull();
    insert(store, object("after", "alice")); // The writer is not stuck.
    assertThat(get(store, "after")).isNotNull();
  }

  private Connection jdbc() throws Exception {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + temp.resolve("data").resolve(SqliteObjectStore.DATABASE_FILE));
  }
}
