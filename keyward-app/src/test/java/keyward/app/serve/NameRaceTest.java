package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.TlsFiles;
import keyward.kmip.spec.ResultReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Create and Register run beside the embedded store's writer and check at the end that what
 * they read still holds (SqliteObjectStore.inInsertingTransaction): a Name that many clients
 * race for still ends up on exactly one object, every other request refused with Non Unique
 * Name Attribute, as when writers ran one at a time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NameRaceTest {
  @TempDir static Path dir;
  static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("data")));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static KmipClient client() throws Exception {
    return KmipClient.builder().server("localhost", server.port())
        .tls(TlsFiles.pkcs12(server.pki().clientPkcs12(), server.pki().clientPkcs12Password(),
            server.pki().caCertificate())).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Create", "Register"})
  void aNameRacedForByManyClientsEndsUpOnExactlyOneObject(String operation) throws Exception {
    int racers = 16;
    List<KmipClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        clients.add(client());
      }
      for (int round = 0; round < 5; round++) {
        String name = operation + "-raced-" + round;
        ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ResultReason> refused = new ConcurrentLinkedQueue<>();
        TwoNodesTest.concurrently(racers, i -> {
          KmipClient c = clients.get(i);
          try {
            made.add(operation.equals("Create")
                ? c.createSymmetricKey("AES", 128).name(name).execute()
                : c.registerSymmetricKey("AES", new byte[16]).name(name).execute());
          } catch (KmipClientException e) {
            refused.add(e.resultReason());
          }
        });
        assertThat(made).as("round %d", round).hasSize(1);
        assertThat(refused).hasSize(racers - 1).containsOnly(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
        assertThat(clients.getFirst().locate().name(name).execute()).containsExactlyElementsOf(made);
      }
    } finally {
      clients.forEach(KmipClient::close);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16})
  void concurrentCreatesWithDistinctNamesAllSucceed(int racers) throws Exception {
    List<KmipClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        clients.add(client());
      }
      ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
      TwoNodesTest.concurrently(racers, i -> {
        for (int n = 0; n < 10; n++) {
          made.add(clients.get(i).createSymmetricKey("AES", 256).name("distinct-" + racers + "-" + i + "-" + n)
              .execute());
        }
      });
      assertThat(made).hasSize(racers * 10).doesNotHaveDuplicates();
      for (int i = 0; i < racers; i++) {
        assertThat(clients.getFirst().locate().name("distinct-" + racers + "-" + i + "-9").execute()).hasSize(1);
      }
    } finally {
      clients.forEach(KmipClient::close);
    }
  }
}
