package keyward.store.envelope;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import keyward.spi.store.StoredObject;
import keyward.store.postgres.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's rotation without downtime on PostgreSQL: a node running with the new and the old
 * key keeps creating and changing objects while another re-wraps everything; afterwards the new
 * key alone reads every object, and the old key alone opens nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RotationWhileServingTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void rewrappingWhileAnotherNodeWritesLeavesEveryObjectUnderTheNewKey() throws Exception {
    String url = TestPostgres.newDatabase();
    byte[] oldKey = random(32);
    byte[] newKey = random(32);
    Map<String, byte[]> expected = new ConcurrentHashMap<>();
    try (EnvelopeObjectStore before = EnvelopeObjectStore.open(
        keyward.store.postgres.PostgresObjectStore.open(TestPostgres.options(url)),
        AesMasterKey.of(oldKey.clone()), List.of())) {
      for (int i = 0; i < 200; i++) {
        byte[] material = random(32);
        expected.put("old-" + i, material);
        insert(before, keyObject("old-" + i, material.clone()));
      }
    }
    try (EnvelopeObjectStore serving = open(url, newKey, oldKey);
        EnvelopeObjectStore rotating = open(url, newKey, oldKey);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> writes = threads.submit(() -> {
        for (int i = 0; i < 100; i++) {
          byte[] material = random(32);
          expected.put("new-" + i, material);
          insert(serving, keyObject("new-" + i, material.clone()));
          // Change an old object as the server would: read and write back in one transaction.
          String uid = "old-" + (i * 2);
          serving.inTransaction(false, tx -> {
            StoredObject o = tx.get(uid).orElseThrow();
            tx.update(withState(o, 3, name(uid)));
            return null;
          });
        }
        return null;
      });
      long rewritten = rotating.rewrapAll();
      writes.get(100, TimeUnit.SECONDS);
      // Old objects the serving node changed were re-encrypted under the new key by that write.
      assertThat(rewritten).isBetween(1L, 200L);
      rotating.rewrapAll(); // Whatever the first pass could not see yet.
    }
    try (EnvelopeObjectStore after = open(url, newKey)) {
      for (Map.Entry<String, byte[]> e : expected.entrySet()) {
        assertThat(get(after, e.getKey()).object()).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(get(after, "old-0").state()).isEqualTo(3);
    }
    assertThatThrownBy(() -> open(url, oldKey)).hasMessageContaining("wrong master key");
  }

  private static EnvelopeObjectStore open(String url, byte[] current, byte[]... previous)
      throws Exception {
    List<MasterKey> keys = new java.util.ArrayList<>();
    for (byte[] p : previous) {
      keys.add(AesMasterKey.of(p.clone()));
    }
    return EnvelopeObjectStore.open(
        keyward.store.postgres.PostgresObjectStore.open(TestPostgres.options(url)),
        AesMasterKey.of(current.clone()), keys);
  }

  private static StoredObject keyObject(String uid, byte[] material) {
    return new StoredObject(uid, SYMMETRIC_KEY, ACTIVE, "alice", false, material,
        ("attributes of " + uid).getBytes(StandardCharsets.US_ASCII), List.of(name(uid)), 0);
  }
}
