package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import keyward.client.CryptographicParameters;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.TlsFiles;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UsageLimitsUnit;
import keyward.kmip.ttlv.Item;
import keyward.store.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key's Usage Limits (2.1 §4.58) spent by many clients at once, on the embedded SQLite store
 * (one server, many connections) and on PostgreSQL (two servers on one database, the clients
 * spread over both): exactly the count's worth of uses succeed, every other one is refused with
 * Permission Denied (what CS-BC-M-7-21 expects of an Encrypt past the limit), and the count
 * ends at what is left: never below zero, no use lost or counted twice.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UsageLimitsRaceTest {
  private static final CryptographicParameters ECB = CryptographicParameters.NONE
      .blockCipherMode(BlockCipherMode.ECB).paddingMethod(PaddingMethod.PKCS5);

  @TempDir static Path dir;
  static RunningServer embedded;
  static RunningServer nodeA;
  static RunningServer nodeB;

  @BeforeAll
  static void start() throws Exception {
    embedded = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("sqlite")));
    String url = TestPostgres.newDatabase();
    Path password = Files.writeString(dir.resolve("db-password"), "postgres\n");
    StorageSettings storage = StorageSettings.defaults()
        .withPostgres(url, "postgres", password)
        .withMasterKey(MasterKeySettings.defaults().override(null, dir.resolve("master.key"),
            null, null, null, null, null));
    nodeA = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("a"))
        .withStorage(storage));
    ServerSettings b = ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("b")).withStorage(storage);
    nodeB = RunningServer.start(new ServerSettings(b.host(), 0, b.dataDir(),
        nodeA.pki().serverCertificate(), nodeA.pki().serverKey(), nodeA.pki().caCertificate(),
        b.identityField(), b.limits(), b.maxConnections(), b.idleTimeout(), b.readTimeout(),
        null).withStorage(storage));
  }

  @AfterAll
  static void stop() {
    for (RunningServer s : new RunningServer[] {nodeB, nodeA, embedded}) {
      if (s != null) {
        s.close();
      }
    }
  }

  /** The servers of the set-up: one on SQLite, or two on one PostgreSQL database. */
  private static List<RunningServer> nodes(String store) {
    return store.equals("sqlite") ? List.of(embedded) : List.of(nodeA, nodeB);
  }

  /** {@code count} clients, spread over the nodes in turn. */
  private static List<KmipClient> clients(String store, int count) throws Exception {
    List<RunningServer> nodes = nodes(store);
    RunningServer pkiOwner = nodes.getFirst(); // node B serves node A's certificates
    List<KmipClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      clients.add(KmipClient.builder().server("localhost", nodes.get(i % nodes.size()).port())
          .tls(TlsFiles.pkcs12(pkiOwner.pki().clientPkcs12(), pkiOwner.pki().clientPkcs12Password(),
              pkiOwner.pki().caCertificate())).build());
    }
    return clients;
  }

  private static Item limits(long total, UsageLimitsUnit unit) {
    return new Item.Structure(Tag.USAGE_LIMITS, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, total),
        new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, unit.value()));
  }

  private static String limitedAesKey(KmipClient c, long total, UsageLimitsUnit unit) {
    return c.createSymmetricKey("AES", 128).usage(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)
        .attribute(limits(total, unit)).activate().execute();
  }

  /** The Usage Limits Count as a client reads it (from the other node where there are two). */
  private static long countLeft(KmipClient c, String uid) {
    Item.Structure s = (Item.Structure) c.getAttributes(uid, "Usage Limits").first(Tag.USAGE_LIMITS).orElseThrow();
    return ((Item.LongInteger) s.first(Tag.USAGE_LIMITS_COUNT).orElseThrow()).value();
  }

  /** Outcomes of a race: uses that succeeded, and the reasons of those refused. */
  private record Outcomes(AtomicInteger succeeded, ConcurrentLinkedQueue<ResultReason> refused) {
    Outcomes() {
      this(new AtomicInteger(), new ConcurrentLinkedQueue<>());
    }

    void attempt(Runnable use) {
      try {
        use.run();
        succeeded.incrementAndGet();
      } catch (KmipClientException e) {
        refused.add(e.resultReason());
      }
    }
  }

  private static void race(List<KmipClient> clients, int attemptsEach, TwoNodesTest.Worker perAttempt)
      throws Exception {
    TwoNodesTest.concurrently(clients.size(), w -> {
      for (int i = 0; i < attemptsEach; i++) {
        perAttempt.run(w);
      }
    });
  }

  /** Unit Object: 16 clients try 64 encryptions of a key good for 25. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void exactlyTheCountOfEncryptionsSucceed(String store) throws Exception {
    int total = 25;
    List<KmipClient> clients = clients(store, 16);
    try {
      String uid = limitedAesKey(clients.getFirst(), total, UsageLimitsUnit.OBJECT);
      Outcomes o = new Outcomes();
      race(clients, 4, w -> o.attempt(() -> clients.get(w).encrypt(uid, new byte[16], ECB)));
      assertThat(o.succeeded()).hasValue(total);
      assertThat(o.refused()).hasSize(16 * 4 - total).containsOnly(ResultReason.PERMISSION_DENIED);
      assertThat(countLeft(clients.getLast(), uid)).isZero();
    } finally {
      clients.forEach(KmipClient::close);
    }
  }

  /**
   * Unit Byte: 7-byte encryptions against 1000 bytes: 142 fit (994 bytes), every later one is
   * refused, and the 6 bytes left stay left (a use that does not fit takes nothing).
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void exactlyTheCountOfBytesIsEncrypted(String store) throws Exception {
    int total = 1000;
    int each = 7;
    List<KmipClient> clients = clients(store, 16);
    try {
      String uid = limitedAesKey(clients.getFirst(), total, UsageLimitsUnit.BYTE);
      Outcomes o = new Outcomes();
      race(clients, 10, w -> o.attempt(() -> clients.get(w).encrypt(uid, new byte[each], ECB)));
      assertThat(o.succeeded()).hasValue(total / each);
      assertThat(o.refused()).hasSize(16 * 10 - total / each).containsOnly(ResultReason.PERMISSION_DENIED);
      assertThat(countLeft(clients.getLast(), uid)).isEqualTo(total % each);
    } finally {
      clients.forEach(KmipClient::close);
    }
  }

  /** Sign applies protection too: 8 clients try 24 signatures with a private key good for 10. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void exactlyTheCountOfSignaturesIsMade(String store) throws Exception {
    int total = 10;
    List<KmipClient> clients = clients(store, 8);
    try {
      String priv = clients.getFirst().createKeyPair("RSA", 2048)
          .privateKeyUsage(CryptographicUsageMask.SIGN).publicKeyUsage(CryptographicUsageMask.VERIFY)
          .privateKeyAttribute(limits(total, UsageLimitsUnit.OBJECT)).activate().execute()
          .privateKeyUniqueIdentifier();
      Outcomes o = new Outcomes();
      race(clients, 3, w -> o.attempt(() -> clients.get(w).sign(priv, new byte[32], null)));
      assertThat(o.succeeded()).hasValue(total);
      assertThat(o.refused()).hasSize(8 * 3 - total).containsOnly(ResultReason.PERMISSION_DENIED);
      assertThat(countLeft(clients.getLast(), priv)).isZero();
    } finally {
      clients.forEach(KmipClient::close);
    }
  }

  /**
   * Get Usage Allocation (3 units each) racing with Encrypt (1 each) for 60 units: what both
   * took adds up to exactly 60. The encryptions alone try 80 uses, so one of them found the
   * count at 0: nothing is left.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void allocationsAndEncryptionsShareTheCountExactly(String store) throws Exception {
    int total = 60;
    List<KmipClient> clients = clients(store, 16);
    try {
      String uid = limitedAesKey(clients.getFirst(), total, UsageLimitsUnit.OBJECT);
      Outcomes encryptions = new Outcomes();
      Outcomes allocations = new Outcomes();
      race(clients, 10, w -> {
        if (w % 2 == 0) {
          encryptions.attempt(() -> clients.get(w).encrypt(uid, new byte[16], ECB));
        } else {
          allocations.attempt(() -> clients.get(w).getUsageAllocation(uid, 3));
        }
      });
      assertThat(encryptions.succeeded().get() + 3 * allocations.succeeded().get()).isEqualTo(total);
      assertThat(encryptions.refused()).isNotEmpty().containsOnly(ResultReason.PERMISSION_DENIED);
      assertThat(allocations.refused()).containsOnly(ResultReason.USAGE_LIMIT_EXCEEDED);
      assertThat(countLeft(clients.getLast(), uid)).isZero();
    } finally {
      clients.forEach(KmipClient::close);
    }
  }

  /**
   * A stream spends one object, at its first part: 12 clients each open an Encrypt stream (and
   * send a middle part) with a key good for 5, spread over the nodes; exactly 5 streams open and
   * finish, the others are refused at their first part. A stream lives on the node that opened
   * it: its Correlation Value means nothing to the other node.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void exactlyTheCountOfStreamsOpens(String store) throws Exception {
    int total = 5;
    int racers = 12;
    String uid;
    try (KmipClient c = clients(store, 1).getFirst()) {
      uid = limitedAesKey(c, total, UsageLimitsUnit.OBJECT);
    }
    List<RunningServer> nodes = nodes(store);
    List<KmipTestClient> raw = new ArrayList<>();
    List<KmipTestClient> otherNode = new ArrayList<>(); // each racer's connection to the node it did not use
    try {
      for (int i = 0; i < racers; i++) {
        raw.add(new KmipTestClient(nodes.getFirst().pki().clientContext(), nodes.get(i % nodes.size()).port()));
        if (nodes.size() > 1) {
          otherNode.add(new KmipTestClient(nodes.getFirst().pki().clientContext(),
              nodes.get((i + 1) % nodes.size()).port()));
        }
      }
      Outcomes streams = new Outcomes();
      ConcurrentLinkedQueue<byte[]> crossNode = new ConcurrentLinkedQueue<>();
      TwoNodesTest.concurrently(racers, w -> {
        keyward.kmip.message.ResponseBatchItem first = encryptPart(raw.get(w), uid, null, false);
        if (first.resultStatus() != keyward.kmip.spec.ResultStatus.SUCCESS) {
          streams.refused().add(first.resultReason());
          return;
        }
        byte[] c = ((Item.ByteString) first.responsePayload().first(Tag.CORRELATION_VALUE).orElseThrow()).value();
        if (nodes.size() > 1) {
          // the other node does not know the stream
          keyward.kmip.message.ResponseBatchItem elsewhere = encryptPart(otherNode.get(w), uid, c, false);
          assertThat(elsewhere.resultReason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
          crossNode.add(c);
        }
        assertThat(encryptPart(raw.get(w), uid, c, false).resultStatus())
            .isEqualTo(keyward.kmip.spec.ResultStatus.SUCCESS);
        assertThat(encryptPart(raw.get(w), uid, c, true).resultStatus())
            .isEqualTo(keyward.kmip.spec.ResultStatus.SUCCESS);
        streams.succeeded().incrementAndGet();
      });
      assertThat(streams.succeeded()).hasValue(total);
      assertThat(streams.refused()).hasSize(racers - total).containsOnly(ResultReason.PERMISSION_DENIED);
      assertThat(crossNode).hasSize(nodes.size() > 1 ? total : 0);
    } finally {
      for (KmipTestClient c : raw) {
        c.close();
      }
      for (KmipTestClient c : otherNode) {
        c.close();
      }
    }
    try (KmipClient c = clients(store, 1).getFirst()) {
      assertThat(countLeft(c, uid)).isZero();
    }
  }

  /** One part of a streamed Encrypt in KMIP 2.1: the first (no Correlation Value), a middle one or the last. */
  private static keyward.kmip.message.ResponseBatchItem encryptPart(KmipTestClient c, String uid, byte[] correlation,
      boolean last) throws Exception {
    List<Item> p = new ArrayList<>(List.of(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid), ECB.toItem(),
        new Item.ByteString(Tag.DATA, new byte[16])));
    p.add(correlation == null ? new Item.Boolean(Tag.INIT_INDICATOR, true)
        : new Item.ByteString(Tag.CORRELATION_VALUE, correlation));
    p.add(new Item.Boolean(Tag.FINAL_INDICATOR, last));
    return c.send(keyward.kmip.spec.KmipVersion.V2_1, keyward.kmip.message.RequestBatchItem.of(
        keyward.kmip.spec.Operation.ENCRYPT, new Item.Structure(Tag.REQUEST_PAYLOAD, p))).batchItems().getFirst();
  }
}
