package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.DECRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.KmipTransportException;
import keyward.client.ObjectAttributes;
import keyward.client.QueryResult;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client library against a real server (SQLite store, dev PKI, mTLS) in 1.4 and 2.1. */
class KmipClientTest {
  @TempDir static Path dir;
  static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("data")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static KmipClient.Builder builder() throws Exception {
    return KmipClient.builder().server("localhost", server.port())
        .tls(TlsFiles.pkcs12(server.pki().clientPkcs12(), server.pki().clientPkcs12Password(),
            server.pki().caCertificate()));
  }

  static KmipClient client(KmipVersion v) throws Exception {
    return builder().version(v).build();
  }

  @Test
  void negotiatesTheHighestCommonVersion() throws Exception {
    try (KmipClient c = builder().build()) {
      assertThat(c.version()).isEqualTo(KmipVersion.V2_1);
      assertThat(c.discoverVersions()).contains(KmipVersion.V2_1, KmipVersion.V1_4);
    }
    try (KmipClient c = builder().offer(List.of(KmipVersion.V1_4, KmipVersion.V1_3)).build()) {
      assertThat(c.version()).isEqualTo(KmipVersion.V1_4);
    }
  }

  @Test
  void pemCertificateAndKeyWorkLikePkcs12() throws Exception {
    try (KmipClient c = KmipClient.builder().server("localhost", server.port())
        .tls(TlsFiles.pem(server.pki().clientCertificate(), server.pki().clientKey(),
            server.pki().caCertificate())).build()) {
      assertThat(c.version()).isEqualTo(KmipVersion.V2_1);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void createActivateGetLocateRevokeDestroy(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String name = "db-tde-" + v;
      String id = c.createSymmetricKey("AES", 256).name(name).usage(ENCRYPT, DECRYPT).activate().execute();
      ObjectAttributes a = c.getAttributes(id);
      assertThat(a.uniqueIdentifier()).isEqualTo(id);
      assertThat(a.display()).containsEntry("State", "Active").containsEntry("Name", name)
          .containsEntry("Cryptographic Algorithm", "AES").containsEntry("Cryptographic Length", "256")
          .containsEntry("Cryptographic Usage Mask", "Encrypt|Decrypt");
      assertThat(c.get(id)).hasSize(32);
      assertThat(c.locate().name(name).objectType(ObjectType.SYMMETRIC_KEY).execute()).containsExactly(id);
      assertThat(c.locate().name(name).state(State.PRE_ACTIVE).execute()).isEmpty();

      assertThatThrownBy(() -> c.destroy(id)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.operation()).isEqualTo(Operation.DESTROY));
      c.revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, "retired");
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Deactivated");
      c.destroy(id);
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Destroyed");
      assertThatThrownBy(() -> c.get(id)).isInstanceOf(KmipClientException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void registerGetAndActivateSeparately(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      byte[] key = new byte[16];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) (i * 7 + 1);
      }
      String id = c.registerSymmetricKey("AES", key).name("reg-" + v).execute();
      assertThat(c.get(id)).isEqualTo(key);
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Pre-Active");
      c.activate(id);
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Active");

      byte[] secret = "s3cret".getBytes();
      String sid = c.registerSecretData(secret).execute();
      assertThat(c.get(sid)).isEqualTo(secret);
      assertThat(c.getObject(sid).first(Tag.OBJECT_TYPE)).contains(
          new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SECRET_DATA.value()));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void archivedObjectRefusesGetUntilRecovered(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      byte[] secret = "archive-me".getBytes();
      String id = c.registerSecretData(secret).execute();
      c.archive(id);
      assertThatThrownBy(() -> c.get(id)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED));
      c.recover(id);
      assertThat(c.get(id)).isEqualTo(secret);
    }
  }

  @Test
  void pingAnswersIn21() throws Exception {
    try (KmipClient c = client(KmipVersion.V2_1)) {
      c.ping();
      assertThat(c.version()).isEqualTo(KmipVersion.V2_1);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void addSetDeleteAttributes(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      c.addAttribute(id, AttributeValues.parse("x-owner", "team-a"));
      c.addAttribute(id, AttributeValues.parse("Name", "first-" + v));
      assertThat(c.getAttributes(id).display()).containsEntry("x-owner", "team-a").containsEntry("Name", "first-" + v);
      assertThat(c.getAttributeList(id)).contains("x-owner", "Name", "State");
      c.setAttribute(id, AttributeValues.parse("x-owner", "team-b"));
      assertThat(c.getAttributes(id).display()).containsEntry("x-owner", "team-b");
      c.deleteAttribute(id, "x-owner");
      assertThat(c.getAttributes(id).display()).doesNotContainKey("x-owner");
      assertThatThrownBy(() -> c.deleteAttribute(id, "x-owner"))
          .isInstanceOfSatisfying(KmipClientException.class,
              e -> assertThat(e.resultReason()).isNotNull());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void queryAndFailuresCarryTheResultReason(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      QueryResult q = c.query();
      assertThat(q.operations()).contains(Operation.CREATE, Operation.GET, Operation.LOCATE);
      assertThat(q.objectTypes()).contains(ObjectType.SYMMETRIC_KEY);
      assertThatThrownBy(() -> c.get("no-such-object"))
          .isInstanceOfSatisfying(KmipClientException.class, e -> {
            // 2.x names the case Object Not Found; 1.x has only Item Not Found
            assertThat(e.resultReason()).isEqualTo(
                v.atLeast(KmipVersion.V2_0) ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND);
            assertThat(e.operation()).isEqualTo(Operation.GET);
          });
    }
  }

  @Test
  void concurrentCallsShareThePool() throws Exception {
    try (KmipClient c = builder().poolSize(2).build()) {
      List<Thread> threads = new java.util.ArrayList<>();
      java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
      java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
      for (int t = 0; t < 6; t++) {
        Thread th = Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < 5; i++) {
              ids.add(c.createSymmetricKey("AES", 128).execute());
            }
          } catch (RuntimeException e) {
            errors.add(e);
          }
        });
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
      assertThat(errors).isEmpty();
      assertThat(ids).hasSize(30);
    }
  }

  @Test
  void aPooledConnectionTheServerClosedWhileIdleIsReplaced() throws Exception {
    try (RunningServer quick = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("idle")).withIdleTimeout(java.time.Duration.ofMillis(300)));
        KmipClient c = KmipClient.builder().server("localhost", quick.port())
            .tls(TlsFiles.pkcs12(quick.pki().clientPkcs12(), quick.pki().clientPkcs12Password(),
                quick.pki().caCertificate())).poolSize(1).build()) {
      String id = c.createSymmetricKey("AES", 128).execute();
      Thread.sleep(1200); // past the server's idle time-out: it closes the pooled connection
      assertThat(c.get(id)).hasSize(16);
    }
  }

  @Test
  void aClosedPortIsATransportFailure() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (KmipClient c = KmipClient.builder().server("localhost", port)
        .tls(TlsFiles.pkcs12(server.pki().clientPkcs12(), server.pki().clientPkcs12Password(),
            server.pki().caCertificate())).build()) {
      assertThatThrownBy(c::version).isInstanceOf(KmipTransportException.class)
          .hasMessageContaining("localhost:" + port);
    }
  }
}
