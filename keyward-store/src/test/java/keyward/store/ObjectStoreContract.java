package keyward.store;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ObjectStore} must do, whatever the engine. A subclass supplies an empty store
 * per test (published in this module's test-jar so the PostgreSQL store runs the same contract).
 * A store that hangs fails rather than stalling the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ObjectStoreContract {

  /** A store holding no objects; the contract closes it after each test. */
  protected abstract ObjectStore newEmptyStore() throws Exception;

  protected ObjectStore store;

  @BeforeEach
  void openStore() throws Exception {
    store = newEmptyStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  // ---- insert / get / update / delete

  @Test
  void getReturnsEverythingInserted() throws Exception {
    IndexEntry[] index = {name("ünïcödé name ✓"), length(256), usage(0x0C),
        IndexEntry.number(0x420099, Long.MIN_VALUE), IndexEntry.number(0x420099, Long.MAX_VALUE)};
    StoredObject o = new StoredObject("uid-1", PUBLIC_KEY, 3, "alice", true,
        new byte[] {0, 1, -1, 127, -128}, new byte[] {9, 8, 7}, List.of(index), 0);
    insert(store, o);

    StoredObject read = get(store, "uid-1");
    assertThat(read.uniqueIdentifier()).isEqualTo("uid-1");
    assertThat(read.objectType()).isEqualTo(PUBLIC_KEY);
    assertThat(read.state()).isEqualTo(3);
    assertThat(read.owner()).isEqualTo("alice");
    assertThat(read.archived()).isTrue();
    assertThat(read.object()).containsExactly(0, 1, -1, 127, -128);
    assertThat(read.attributes()).containsExactly(9, 8, 7);
    assertThat(read.index()).containsExactlyInAnyOrder(index);
    assertThat(read.revision()).isZero();
  }

  @Test
  void getWithoutIndexReturnsEverythingButTheIndexEntries() throws Exception {
    StoredObject o = new StoredObject("uid-1", PUBLIC_KEY, 3, "alice", true,
        new byte[] {0, 1, -1, 127, -128}, new byte[] {9, 8, 7}, List.of(name("n"), length(256)), 0);
    insert(store, o);
    StoredObject changed = withState(get(store, "uid-1"), 4, name("n"));
    store.inTransaction(false, tx -> {
      tx.update(changed);
      return null;
    });

    StoredObject read = store.inTransaction(true, tx -> tx.getWithoutIndex("uid-1")).orElseThrow();
    assertThat(read.uniqueIdentifier()).isEqualTo("uid-1");
    assertThat(read.objectType()).isEqualTo(PUBLIC_KEY);
    assertThat(read.state()).isEqualTo(4);
    assertThat(read.owner()).isEqualTo("alice");
    assertThat(read.archived()).isTrue();
    assertThat(read.object()).containsExactly(0, 1, -1, 127, -128);
    assertThat(read.attributes()).containsExactly(9, 8, 7);
    assertThat(read.revision()).isEqualTo(1);
    Optional<StoredObject> absent = store.inTransaction(true, tx -> tx.getWithoutIndex("absent"));
    assertThat(absent).isEmpty();
    // the entries are still stored and searched
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "n"))).containsExactly("uid-1");
  }

  @Test
  void getOfAnUnknownIdentifierIsEmpty() throws Exception {
    insert(store, object("present", "alice"));
    Optional<StoredObject> absent = store.inTransaction(true, tx -> tx.get("absent"));
    assertThat(absent).isEmpty();
  }

  @Test
  void destroyedObjectKeepsMetadataWithoutKeyBytes() throws Exception {
    StoredObject o = new StoredObject("gone", SYMMETRIC_KEY, 5, "alice", false, null,
        new byte[] {1}, List.of(name("n")), 0);
    insert(store, o);
    StoredObject read = get(store, "gone");
    assertThat(read.object()).isNull();
    assertThat(read.attributes()).containsExactly(1);
  }

  @Test
  void insertOfAnExistingIdentifierThrowsDuplicateAndKeepsTheOriginal() throws Exception {
    insert(store, object("k", "alice", name("original")));

    StoredObject clash = object("k", "mallory", name("impostor"));
    assertThatThrownBy(() -> insert(store, clash))
        .isInstanceOf(StoreException.Duplicate.class)
        .hasMessageContaining("k");
    assertThat(get(store, "k").owner()).isEqualTo("alice");
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "impostor"))).isEmpty();
  }

  @Test
  void insertTwiceInOneTransactionThrowsDuplicate() throws Exception {
    assertThatThrownBy(() -> insert(store, object("k", "alice"), object("k", "alice")))
        .isInstanceOf(StoreException.Duplicate.class);
    assertThat(get(store, "k")).isNull();
  }

  @Test
  void updateBumpsTheRevisionAndReplacesTheIndex() throws Exception {
    insert(store, object("k", "alice", name("old"), length(128)));
    StoredObject read = get(store, "k");

    store.inTransaction(false, tx -> {
      tx.update(withState(read, 3, name("new")));
      return null;
    });

    StoredObject updated = get(store, "k");
    assertThat(updated.revision()).isEqualTo(1);
    assertThat(updated.state()).isEqualTo(3);
    assertThat(updated.index()).containsExactly(name("new"));
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "old"))).isEmpty();
    assertThat(uidsMatching(store, new Criterion.NumberEquals(CRYPTOGRAPHIC_LENGTH, 128)))
        .isEmpty();
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "new"))).containsExactly("k");
  }

  @Test
  void updateWithAStaleRevisionThrowsConflictAndChangesNothing() throws Exception {
    insert(store, object("k", "alice", name("v0")));
    StoredObject first = get(store, "k");
    store.inTransaction(false, tx -> {
      tx.update(withState(first, 3, name("v1")));
      return null;
    });

    assertThatThrownBy(() -> store.inTransaction(false, tx -> {
      tx.update(withState(first, 4, name("stale")));
      return null;
    })).isInstanceOf(StoreException.Conflict.class).hasMessageContaining("k");

    StoredObject now = get(store, "k");
    assertThat(now.revision()).isEqualTo(1);
    assertThat(now.state()).isEqualTo(3);
    assertThat(now.index()).containsExactly(name("v1"));
  }

  @Test
  void updateOfADeletedObjectThrowsConflict() throws Exception {
    insert(store, object("k", "alice"));
    StoredObject read = get(store, "k");
    store.inTransaction(false, tx -> {
      tx.delete("k");
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(false, tx -> {
      tx.update(read);
      return null;
    })).isInstanceOf(StoreException.Conflict.class);
    assertThat(get(store, "k")).isNull();
  }

  @Test
  void deleteRemovesTheObjectAndItsIndex() throws Exception {
    insert(store, object("a", "alice", name("shared")), object("b", "alice", name("shared")));
    store.inTransaction(false, tx -> {
      tx.delete("a");
      return null;
    });
    assertThat(get(store, "a")).isNull();
    assertThat(get(store, "b")).isNotNull();
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "shared"))).containsExactly("b");
  }

  @Test
  void deleteOfAnUnknownIdentifierChangesNothing() throws Exception {
    insert(store, object("a", "alice"));
    store.inTransaction(false, tx -> {
      tx.delete("never-existed");
      return null;
    });
    assertThat(uidsMatching(store)).containsExactly("a");
  }

  // ---- transactions

  @Test
  void workResultIsReturnedAndWritesAreVisibleInsideTheirTransaction() throws Exception {
    String result = store.inTransaction(false, tx -> {
      tx.insert(object("k", "alice", name("mine")));
      assertThat(tx.get("k")).isPresent();
      assertThat(tx.locate(new LocateQuery(null, List.of(new Criterion.TextEquals(NAME, "mine")),
          true, false, 0, -1)).uniqueIdentifiers()).containsExactly("k");
      return "done";
    });
    assertThat(result).isEqualTo("done");
  }

  @Test
  void aThrowingWorkRollsBackAllItsWritesAndTheExceptionReachesTheCaller() throws Exception {
    insert(store, object("kept", "alice", name("before")), object("doomed", "alice"));
    StoredObject kept = get(store, "kept");
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> store.inTransaction(false, tx -> {
      tx.insert(object("new", "alice", name("new")));
      tx.update(withState(kept, 4, name("after")));
      tx.delete("doomed");
      throw boom;
    })).isSameAs(boom);

    assertThat(get(store, "new")).isNull();
    assertThat(get(store, "doomed")).isNotNull();
    StoredObject still = get(store, "kept");
    assertThat(still.revision()).isZero();
    assertThat(still.index()).containsExactly(name("before"));
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "new"))).isEmpty();
  }

  @Test
  void aConflictRollsBackTheEarlierWritesOfItsTransaction() throws Exception {
    insert(store, object("k", "alice"));
    StoredObject stale = get(store, "k");
    store.inTransaction(false, tx -> {
      tx.update(stale);
      return null;
    });
    assertThatThrownBy(() -> store.inTransaction(false, tx -> {
      tx.insert(object("side-effect", "alice"));
      tx.update(stale);
      return null;
    })).isInstanceOf(StoreException.Conflict.class);
    assertThat(get(store, "side-effect")).isNull();
  }

  @Test
  void aReadOnlyTransactionRefusesWrites() throws Exception {
    insert(store, object("k", "alice"));
    StoredObject k = get(store, "k");
    assertThatThrownBy(() -> store.inTransaction(true, tx -> {
      tx.insert(object("new", "alice"));
      return null;
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.inTransaction(true, tx -> {
      tx.update(k);
      return null;
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.inTransaction(true, tx -> {
      tx.delete("k");
      return null;
    })).isInstanceOf(IllegalStateException.class);
    assertThat(uidsMatching(store)).containsExactly("k");
    assertThat(get(store, "k").revision()).isZero();
  }

  @Test
  void aWriteCompletesWhileAReadTransactionIsOpen() throws Exception {
    insert(store, object("old", "alice"));
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Boolean writtenDuringRead = store.inTransaction(true, tx -> {
        assertThat(tx.get("old")).isPresent();
        Future<?> write = threads.submit(() -> {
          insert(store, object("new", "alice"));
          return null;
        });
        write.get(20, TimeUnit.SECONDS); // A reader that blocked writers would time out here.
        return write.isDone();
      });
      assertThat(writtenDuringRead).isTrue();
    }
    assertThat(get(store, "new")).isNotNull();
  }

  @Test
  void aClosedStoreRefusesWorkAndClosingAgainIsHarmless() throws Exception {
    insert(store, object("k", "alice"));
    store.close();
    store.close();
    assertThatThrownBy(() -> get(store, "k")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> insert(store, object("j", "alice")))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void noMessageOrRenderingShowsKeyBytes() throws Exception {
    StoredObject o = object("k", "alice");
    insert(store, o);
    List<String> texts = new ArrayList<>();
    texts.add(o.toString());
    texts.add(get(store, "k").toString());
    texts.add(Optional.of(get(store, "k")).toString());
    collect(texts, () -> insert(store, o));
    collect(texts, () -> store.inTransaction(false, tx -> {
      tx.update(withState(o, 3)); // o.revision() is 0: fine once...
      tx.update(withState(o, 4)); // ...then stale.
      return null;
    }));
    assertThat(texts).hasSizeGreaterThanOrEqualTo(5);
    for (String text : texts) {
      for (String secret : secretRenderings()) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  private static void collect(List<String> texts, ThrowingRunnable action) {
    try {
      action.run();
      throw new AssertionError("expected a failure");
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        texts.add(t.toString());
      }
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ---- Locate

  /** k1..k4 and multi: a small population covering every criterion kind. */
  private void insertPopulation() throws Exception {
    insert(store,
        object("k1", "alice", name("alpha"), type(SYMMETRIC_KEY), length(128), usage(0x0C),
            activation(1000)),
        object("k2", "alice", name("beta"), type(SYMMETRIC_KEY), length(256), usage(0x01)),
        object("k3", "bob", name("alpha"), type(PUBLIC_KEY), length(2048), usage(0x0D)),
        archived(object("k4", "bob", name("gamma"), type(SYMMETRIC_KEY), length(256),
            usage(0x0C), activation(2000))),
        object("multi", "carol", name("one"), name("two")));
  }

  @Test
  void textEqualsMatchesTheExactValueOnly() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "alpha")))
        .containsExactly("k1", "k3");
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "Alpha"))).isEmpty();
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "alph"))).isEmpty();
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "two")))
        .containsExactly("multi");
  }

  @Test
  void numberEqualsMatchesTheValue() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.NumberEquals(CRYPTOGRAPHIC_LENGTH, 256)))
        .containsExactly("k2", "k4");
    assertThat(uidsMatching(store, new Criterion.NumberEquals(OBJECT_TYPE, PUBLIC_KEY)))
        .containsExactly("k3");
  }

  @Test
  void numberBetweenIncludesBothBounds() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.NumberBetween(ACTIVATION_DATE, 1000, 1999)))
        .containsExactly("k1");
    assertThat(uidsMatching(store, new Criterion.NumberBetween(ACTIVATION_DATE, 1000, 2000)))
        .containsExactly("k1", "k4");
    assertThat(uidsMatching(store, new Criterion.NumberBetween(ACTIVATION_DATE, 1001, 1999)))
        .isEmpty();
  }

  @Test
  void bitsSetNeedsEveryBitOfTheMask() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.BitsSet(CRYPTOGRAPHIC_USAGE_MASK, 0x0C)))
        .containsExactly("k1", "k3", "k4");
    assertThat(uidsMatching(store, new Criterion.BitsSet(CRYPTOGRAPHIC_USAGE_MASK, 0x01)))
        .containsExactly("k2", "k3");
    assertThat(uidsMatching(store, new Criterion.BitsSet(CRYPTOGRAPHIC_USAGE_MASK, 0x03)))
        .isEmpty();
  }

  @Test
  void presentMatchesAnyValueOfTheAttribute() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.Present(ACTIVATION_DATE)))
        .containsExactly("k1", "k4");
    assertThat(uidsMatching(store, new Criterion.Present(NAME)))
        .containsExactly("k1", "k2", "k3", "k4", "multi");
  }

  @Test
  void allCriteriaMustHoldAndEachMayUseADifferentValueOfOneAttribute() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "alpha"),
        new Criterion.NumberEquals(OBJECT_TYPE, SYMMETRIC_KEY))).containsExactly("k1");
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "one"),
        new Criterion.TextEquals(NAME, "two"))).containsExactly("multi");
    assertThat(uidsMatching(store, new Criterion.TextEquals(NAME, "one"),
        new Criterion.TextEquals(NAME, "three"))).isEmpty();
  }

  @Test
  void textAndNumberValuesNeverMatchEachOther() throws Exception {
    insertPopulation();
    assertThat(uidsMatching(store, new Criterion.TextEquals(CRYPTOGRAPHIC_LENGTH, "256")))
        .isEmpty();
    insert(store, object("numeric-name", "alice", name("42")));
    assertThat(uidsMatching(store, new Criterion.NumberEquals(NAME, 42))).isEmpty();
  }

  @Test
  void ownerFilterShowsOnlyThatOwnersObjects() throws Exception {
    insertPopulation();
    assertThat(locateAll("alice", true, true)).containsExactly("k1", "k2");
    assertThat(locateAll("bob", true, true)).containsExactly("k3", "k4");
    assertThat(locateAll("nobody", true, true)).isEmpty();
    assertThat(locateAll(null, true, true)).containsExactly("k1", "k2", "k3", "k4", "multi");
    LocateResult aliceAlpha = locate(store, new LocateQuery("alice",
        List.of(new Criterion.TextEquals(NAME, "alpha")), true, true, 0, -1));
    assertThat(aliceAlpha.uniqueIdentifiers()).containsExactly("k1");
    assertThat(aliceAlpha.totalMatches()).isEqualTo(1);
  }

  @Test
  void archivedFilterSelectsLiveArchivedBothOrNeither() throws Exception {
    insertPopulation();
    assertThat(locateAll("bob", true, false)).containsExactly("k3");
    assertThat(locateAll("bob", false, true)).containsExactly("k4");
    assertThat(locateAll("bob", true, true)).containsExactly("k3", "k4");
    LocateResult neither = locate(store, new LocateQuery("bob", List.of(), false, false, 0, -1));
    assertThat(neither.uniqueIdentifiers()).isEmpty();
    assertThat(neither.totalMatches()).isZero();
  }

  @Test
  void offsetAndMaxItemsPageWhileTheTotalCountsEveryMatch() throws Exception {
    List<String> all = uids("p", 10);
    for (String uid : all) {
      insert(store, object(uid, "alice", name("same")));
    }
    insert(store, object("other", "alice", name("different")));
    List<Criterion> same = List.of(new Criterion.TextEquals(NAME, "same"));

    LocateResult page = locate(store, new LocateQuery("alice", same, true, false, 3, 4));
    assertThat(page.uniqueIdentifiers()).containsExactlyElementsOf(all.subList(3, 7));
    assertThat(page.totalMatches()).isEqualTo(10);

    LocateResult tail = locate(store, new LocateQuery("alice", same, true, false, 8, 4));
    assertThat(tail.uniqueIdentifiers()).containsExactlyElementsOf(all.subList(8, 10));
    assertThat(tail.totalMatches()).isEqualTo(10);

    LocateResult beyond = locate(store, new LocateQuery("alice", same, true, false, 50, 4));
    assertThat(beyond.uniqueIdentifiers()).isEmpty();
    assertThat(beyond.totalMatches()).isEqualTo(10);

    LocateResult countOnly = locate(store, new LocateQuery("alice", same, true, false, 0, 0));
    assertThat(countOnly.uniqueIdentifiers()).isEmpty();
    assertThat(countOnly.totalMatches()).isEqualTo(10);

    LocateResult unlimited = locate(store, new LocateQuery("alice", same, true, false, 0, -1));
    assertThat(unlimited.uniqueIdentifiers()).containsExactlyElementsOf(all);
  }

  @Test
  void resultsComeInCreationOrderNotIdentifierOrder() throws Exception {
    insert(store, object("zulu", "alice"));
    insert(store, object("alpha", "alice"), object("mike", "alice"));
    insert(store, object("bravo", "alice"));
    assertThat(locateAll(null, true, true)).containsExactly("zulu", "alpha", "mike", "bravo");

    // An update keeps an object's place; deleting and creating again makes it the newest.
    StoredObject zulu = get(store, "zulu");
    store.inTransaction(false, tx -> {
      tx.update(withState(zulu, 3));
      tx.delete("alpha");
      return null;
    });
    insert(store, object("alpha", "alice"));
    assertThat(locateAll(null, true, true)).containsExactly("zulu", "mike", "bravo", "alpha");
  }

  private List<String> locateAll(String owner, boolean live, boolean archived) throws Exception {
    LocateResult result = locate(store, new LocateQuery(owner, List.of(), live, archived, 0, -1));
    assertThat(result.totalMatches()).isEqualTo(result.uniqueIdentifiers().size());
    return result.uniqueIdentifiers();
  }

  // ---- concurrency

  @Test
  void concurrentWritersLoseNoAcknowledgedInsertAndKeepNoFailedOne() throws Exception {
    int writers = 32;
    int perWriter = 30;
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(threads.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            String uid = "w" + writer + "-" + i;
            boolean fail = i % 7 == 3; // Some transactions fail amid the others' group commit.
            try {
              store.inTransaction(false, tx -> {
                tx.insert(object(uid, "owner-" + writer, name(uid)));
                if (fail) {
                  throw new IllegalStateException("planned failure");
                }
                return null;
              });
              acknowledged.add(uid);
            } catch (IllegalStateException e) {
              failed.add(uid);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(50, TimeUnit.SECONDS);
      }
    }
    assertThat(acknowledged.size() + failed.size()).isEqualTo(writers * perWriter);
    assertThat(failed).isNotEmpty();
    assertThat(locateAll(null, true, false)).containsExactlyInAnyOrderElementsOf(acknowledged);
    // Each writer's own inserts appear in the order it made them.
    for (int w = 0; w < writers; w++) {
      List<String> mine = new ArrayList<>();
      for (String uid : locateAll("owner-" + w, true, false)) {
        mine.add(uid);
      }
      assertThat(mine).isSortedAccordingTo((a, b) -> Integer.compare(
          Integer.parseInt(a.substring(a.indexOf('-') + 1)),
          Integer.parseInt(b.substring(b.indexOf('-') + 1))));
    }
  }

  @Test
  void optimisticReadModifyWriteFromManyThreadsLosesNoUpdate() throws Exception {
    insert(store, withAttributes(object("counter", "alice"), counterBytes(0)));
    int threadsCount = 16;
    int incrementsEach = 20;
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threadsCount; t++) {
        threads.submit(() -> {
          try {
            for (int i = 0; i < incrementsEach; i++) {
              while (true) {
                StoredObject read = get(store, "counter"); // Read outside the write...
                long value = ByteBuffer.wrap(read.attributes()).getLong();
                try {
                  store.inTransaction(false, tx -> { // ...then write naming what was read.
                    tx.update(withAttributes(read, counterBytes(value + 1)));
                    return null;
                  });
                  break;
                } catch (StoreException.Conflict e) {
                  // Another thread got there first: read again and retry.
                }
              }
            }
          } catch (Throwable e) {
            unexpected.compareAndSet(null, e);
          }
        });
      }
    }
    assertThat(unexpected.get()).isNull();
    StoredObject counter = get(store, "counter");
    assertThat(ByteBuffer.wrap(counter.attributes()).getLong())
        .isEqualTo(threadsCount * incrementsEach);
    assertThat(counter.revision()).isEqualTo(threadsCount * incrementsEach);
  }

  private static byte[] counterBytes(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }
}
