package keyward.store;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's inserting transaction: the work runs beside the writer,
 * and its inserts land only if what it read is unchanged; otherwise it runs again under the
 * writer. Each case changes what the work read between its read and its end (from inside the
 * first run, as another client would) and checks that the outcome is the one a write
 * transaction would have had.
 */
class InsertingTransactionTest {
  @TempDir Path temp;
  SqliteObjectStore store;

  @BeforeEach
  void open() throws Exception {
    store = SqliteObjectStore.open(temp.resolve("data"));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private void meanwhile(StoredObject changed, boolean isNew) throws Exception {
    store.inTransaction(false, tx -> {
      if (isNew) {
        tx.insert(changed);
      } else {
        tx.update(changed);
      }
      return null;
    });
  }

  private boolean exists(String uid) throws Exception {
    return store.inTransaction(true, tx -> tx.get(uid).isPresent());
  }

  private static LocateQuery byName(String name) {
    return new LocateQuery(null, List.of(new Criterion.TextEquals(NAME, name)), true, true, 0, -1);
  }

  @Test
  void insertsLandOnceWithoutASecondRun() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    long before = store.stats().writeTransactions();
    String result = store.inInsertingTransaction(tx -> {
      runs.incrementAndGet();
      tx.insert(object("a", "alice", name("a")));
      tx.insert(object("b", "alice", name("b")));
      assertThat(tx.get("a")).isPresent(); // its own insert, before it is stored
      return "done";
    });
    assertThat(result).isEqualTo("done");
    assertThat(runs).hasValue(1);
    assertThat(get(store, "a").index()).containsExactly(name("a"));
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "b"))).containsExactly("b");
    assertThat(store.stats().insertingRetries()).isZero();
    assertThat(store.stats().writeTransactions() - before).isEqualTo(1);
  }

  @Test
  void aWorkThatFailsInsertsNothing() throws Exception {
    assertThatThrownBy(() -> store.inInsertingTransaction(tx -> {
      tx.insert(object("a", "alice"));
      throw new IllegalStateException("refused");
    })).hasMessage("refused");
    assertThat(exists("a")).isFalse();
  }

  @Test
  void anObjectChangedAfterTheWorkReadItMakesTheWorkRunAgainUnderTheWriter() throws Exception {
    insert(store, object("k", "alice"));
    AtomicInteger runs = new AtomicInteger();
    store.inInsertingTransaction(tx -> {
      int run = runs.incrementAndGet();
      StoredObject k = tx.getWithoutIndex("k").orElseThrow();
      if (run == 1) {
        meanwhile(withState(get(store, "k"), 3), false);
      }
      tx.insert(object("seen-state-" + k.state(), "alice"));
      return null;
    });
    assertThat(runs).hasValue(2);
    assertThat(exists("seen-state-" + ACTIVE)).isFalse();
    assertThat(exists("seen-state-3")).isTrue();
    assertThat(store.stats().insertingRetries()).isEqualTo(1);
  }

  @Test
  void anObjectAddedUnderASearchedNameMakesTheWorkRunAgain() throws Exception {
    // Names.checkUnique searches before a Create: a name taken meanwhile must be seen
    AtomicInteger runs = new AtomicInteger();
    store.inInsertingTransaction(tx -> {
      int run = runs.incrementAndGet();
      boolean free = tx.locate(byName("n")).uniqueIdentifiers().isEmpty();
      if (run == 1) {
        meanwhile(object("other", "bob", name("n")), true);
      }
      if (free) {
        tx.insert(object("mine", "alice", name("n")));
      }
      return null;
    });
    assertThat(runs).hasValue(2);
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "n"))).containsExactly("other");
  }

  @Test
  void anIdentifierTakenMeanwhileFailsTheInsertAsUnderTheWriter() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> store.inInsertingTransaction(tx -> {
      int run = runs.incrementAndGet();
      tx.insert(object("dup", "alice")); // free when the first run looked
      if (run == 1) {
        meanwhile(object("dup", "bob"), true);
      }
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(runs).hasValue(2);
    assertThat(store.inTransaction(true, tx -> tx.get("dup")).orElseThrow().owner()).isEqualTo("bob");
  }

  @Test
  void aWorkThatUpdatesRunsUnderTheWriter() throws Exception {
    insert(store, object("k", "alice"));
    AtomicInteger runs = new AtomicInteger();
    store.inInsertingTransaction(tx -> {
      runs.incrementAndGet();
      tx.insert(object("new", "alice"));
      tx.update(withState(tx.get("k").orElseThrow(), 3));
      return null;
    });
    assertThat(runs).hasValue(2);
    assertThat(get(store, "k").state()).isEqualTo(3);
    assertThat(get(store, "k").revision()).isEqualTo(1);
    assertThat(exists("new")).isTrue();
  }

  @Test
  void aSearchAfterAnInsertRunsUnderTheWriterAndFindsTheNewObject() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<String> found = store.inInsertingTransaction(tx -> {
      runs.incrementAndGet();
      tx.insert(object("new", "alice", name("fresh")));
      return tx.locate(byName("fresh")).uniqueIdentifiers();
    });
    assertThat(runs).hasValue(2);
    assertThat(found).containsExactly("new");
  }

  @Test
  void otherWritersAndReadersGoOnWhileTheWorkRuns() throws Exception {
    // a key pair's generation runs inside the work: it must not stop the store meanwhile
    insert(store, object("k", "alice"));
    java.util.concurrent.CountDownLatch working = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var slow = threads.submit(() -> store.inInsertingTransaction(tx -> {
        tx.getWithoutIndex("k");
        working.countDown();
        release.await();
        tx.insert(object("slow", "alice"));
        return null;
      }));
      working.await();
      threads.submit(() -> {
        insert(store, object("quick", "bob"));
        return store.inTransaction(true, tx -> tx.get("k").isPresent());
      }).get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(exists("quick")).isTrue();
      release.countDown();
      slow.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(exists("slow")).isTrue();
    assertThat(store.stats().insertingRetries()).isZero();
  }

  @Test
  void aRefusalBasedOnAReadThatChangedIsDecidedAgainUnderTheWriter() throws Exception {
    insert(store, object("k", "alice"));
    AtomicInteger runs = new AtomicInteger();
    store.inInsertingTransaction(tx -> {
      int run = runs.incrementAndGet();
      StoredObject k = tx.getWithoutIndex("k").orElseThrow();
      if (run == 1) {
        meanwhile(withState(get(store, "k"), 3), false);
      }
      if (k.state() == ACTIVE) {
        throw new IllegalStateException("refused: k is active");
      }
      tx.insert(object("after-k", "alice"));
      return null;
    });
    assertThat(runs).hasValue(2);
    assertThat(exists("after-k")).isTrue();
  }

  @Test
  void aRefusalOnUnchangedReadsStands() throws Exception {
    insert(store, object("k", "alice"));
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> store.inInsertingTransaction(tx -> {
      runs.incrementAndGet();
      tx.getWithoutIndex("k");
      throw new IllegalStateException("refused");
    })).hasMessage("refused");
    assertThat(runs).hasValue(1);
  }
}
