package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.stream.Stream;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.TlsFiles;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.spi.store.StoreException;
import keyward.store.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Keyward servers on one PostgreSQL database (the load-balanced set-up of the README): they
 * behave as one server, and the database holds no key bytes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoNodesTest {
  @TempDir static Path dir;
  static String url;
  static RunningServer nodeA;
  static RunningServer nodeB;

  @BeforeAll
  static void start() throws Exception {
    url = TestPostgres.newDatabase();
    Path password = Files.writeString(dir.resolve("db-password"), "postgres\n");
    StorageSettings storage = StorageSettings.defaults()
        .withPostgres(url, "postgres", password)
        .withMasterKey(MasterKeySettings.defaults().override(null, dir.resolve("master.key"),
            null, null, null, null, null));
    nodeA = RunningServer.start(ServerSettings.defaults().withPort(0)
        .withDataDir(dir.resolve("a")).withStorage(storage));
    // Node B: its own data directory, the same certificates (as behind a load balancer) and the
    // same master key file.
    ServerSettings b = ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("b"))
        .withStorage(storage);
    nodeB = RunningServer.start(new ServerSettings(b.host(), 0, b.dataDir(),
        nodeA.pki().serverCertificate(), nodeA.pki().serverKey(), nodeA.pki().caCertificate(),
        b.identityField(), b.limits(), b.maxConnections(), b.idleTimeout(), b.readTimeout(),
        null).withStorage(storage));
  }

  @AfterAll
  static void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
  }

  static KmipClient client(RunningServer node) throws Exception {
    return KmipClient.builder().server("localhost", node.port())
        .tls(TlsFiles.pkcs12(nodeA.pki().clientPkcs12(), nodeA.pki().clientPkcs12Password(),
            nodeA.pki().caCertificate())).build();
  }

  @Test
  void aKeyCreatedOnOneNodeIsAtOnceServedByTheOther() throws Exception {
    try (KmipClient a = client(nodeA); KmipClient b = client(nodeB)) {
      String id = a.createSymmetricKey("AES", 256).name("shared-key").activate().execute();
      assertThat(b.get(id)).hasSize(32).isEqualTo(a.get(id));
      assertThat(b.locate().name("shared-key").execute()).containsExactly(id);
      b.revoke(id, keyward.kmip.spec.RevocationReasonCode.CESSATION_OF_OPERATION, null);
      assertThat(a.getAttributes(id).display()).containsEntry("State", "Deactivated");
    }
  }

  @Test
  void aDateSetOnOneNodeTakesEffectOnTheOther() throws Exception {
    try (KmipClient a = client(nodeA); KmipClient b = client(nodeB)) {
      java.time.Instant soon = java.time.Instant.now().plusSeconds(2)
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      String id = a.createSymmetricKey("AES", 128)
          .attribute(AttributeValues.parse("Activation Date", soon.toString())).execute();
      assertThat(b.getAttributes(id).display()).containsEntry("State", "Pre-Active");
      Thread.sleep(java.time.Duration.between(java.time.Instant.now(), soon).plusMillis(1100));
      assertThat(b.getAttributes(id).display()).containsEntry("State", "Active");
      assertThat(a.getAttributes(id).display()).containsEntry("State", "Active");
    }
  }

  @Test
  void aNameCreatedConcurrentlyOnBothNodesEndsUpOnExactlyOneKey() throws Exception {
    int racers = 6;
    ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<ResultReason> refused = new ConcurrentLinkedQueue<>();
    List<KmipClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        clients.add(client(i % 2 == 0 ? nodeA : nodeB));
      }
      concurrently(racers, i -> {
        try {
          created.add(clients.get(i).createSymmetricKey("AES", 128).name("raced-name").execute());
        } catch (KmipClientException e) {
          refused.add(e.resultReason());
        }
      });
    } finally {
      clients.forEach(KmipClient::close);
    }
    assertThat(created).hasSize(1);
    assertThat(refused).hasSize(racers - 1).containsOnly(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
    try (KmipClient b = client(nodeB)) {
      assertThat(b.locate().name("raced-name").execute()).containsExactlyElementsOf(created);
    }
  }

  @Test
  void concurrentChangesToOneObjectThroughBothNodesAreAllKept() throws Exception {
    String id;
    try (KmipClient a = client(nodeA)) {
      id = a.createSymmetricKey("AES", 256).execute();
    }
    int writers = 4;
    int each = 5;
    List<KmipClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        clients.add(client(i % 2 == 0 ? nodeA : nodeB));
      }
      concurrently(writers, w -> {
        for (int i = 0; i < each; i++) {
          clients.get(w).addAttribute(id, AttributeValues.parse("x-w" + w + "-" + i, "v"));
        }
      });
    } finally {
      clients.forEach(KmipClient::close);
    }
    try (KmipClient b = client(nodeB)) {
      List<String> names = b.getAttributeList(id);
      for (int w = 0; w < writers; w++) {
        for (int i = 0; i < each; i++) {
          assertThat(names).contains("x-w" + w + "-" + i);
        }
      }
    }
  }

  @Test
  void theDatabaseNeverHoldsTheBytesOfARegisteredKey() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String id;
    try (KmipClient a = client(nodeA); KmipClient b = client(nodeB)) {
      id = a.registerSymmetricKey("AES", key.clone()).name("registered").execute();
      assertThat(b.get(id)).isEqualTo(key);
    }
    try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = db.createStatement()) {
      // Every stored byte string, as a dump would show it...
      ByteArrayOutputStream rows = new ByteArrayOutputStream();
      try (ResultSet r = s.executeQuery("SELECT object, attributes FROM objects")) {
        while (r.next()) {
          for (int c = 1; c <= 2; c++) {
            byte[] v = r.getBytes(c);
            if (v != null) {
              rows.write(v);
            }
          }
        }
      }
      assertThat(rows.size()).isGreaterThan(32);
      assertThat(indexOf(rows.toByteArray(), key)).isEqualTo(-1);
      // ...and every file of the cluster once the data is flushed (tables, WAL).
      s.execute("CHECKPOINT");
      Path data;
      try (ResultSet r = s.executeQuery("SHOW data_directory")) {
        r.next();
        data = Path.of(r.getString(1));
      }
      try (Stream<Path> files = Files.walk(data)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] bytes;
          try {
            bytes = Files.readAllBytes(f);
          } catch (java.nio.file.NoSuchFileException gone) {
            continue; // Temporary files come and go.
          }
          assertThat(indexOf(bytes, key)).as(f.toString()).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void aNodeWithAnotherMasterKeyRefusesToStart() throws Exception {
    try (KmipClient a = client(nodeA)) {
      a.registerSecretData(new byte[] {1, 2, 3, 4}).execute(); // Something encrypted to check.
    }
    StorageSettings wrongKey = nodeA.settings().storage().withMasterKey(
        MasterKeySettings.defaults().override(null, dir.resolve("other-master.key"), null, null,
            null, null, null));
    assertThatThrownBy(() -> RunningServer.start(ServerSettings.defaults().withPort(0)
        .withDataDir(dir.resolve("c")).withStorage(wrongKey)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("wrong master key");
  }

  @FunctionalInterface
  interface Worker {
    void run(int index) throws Exception;
  }

  static void concurrently(int count, Worker worker) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(threads.submit(() -> {
          go.await();
          worker.run(index);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
