package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import keyward.client.KmipClient;
import keyward.client.TlsFiles;
import keyward.store.envelope.SoftHsm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keyward serve --master-key pkcs11`: the master key on an HSM token (SoftHSM2). */
class Pkcs11ServeTest {
  @TempDir Path dir;

  @Test
  void aServerWithAnHsmMasterKeyServesItsKeysAfterARestart() throws Exception {
    Path config = SoftHsm.token();
    Path pin = Files.writeString(dir.resolve("pin"), SoftHsm.PIN + "\n");
    Path data = dir.resolve("data");
    ServerSettings base = ServerSettings.defaults().withPort(0).withDataDir(data);
    ServerSettings s = base.withStorage(base.storage().withMasterKey(base.storage().masterKey()
        .override("pkcs11", null, null, null, config, pin, "keyward-serve-test")));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String id;
    try (RunningServer server = RunningServer.start(s); KmipClient c = client(server)) {
      id = c.registerSymmetricKey("AES", key.clone()).execute();
    }
    try (RunningServer server = RunningServer.start(s); KmipClient c = client(server)) {
      assertThat(c.get(id)).isEqualTo(key);
    }
    assertThat(Files.exists(data.resolve("master.key"))).isFalse();
    String db = new String(Files.readAllBytes(data.resolve("keyward.db")), StandardCharsets.ISO_8859_1);
    assertThat(db).doesNotContain(new String(key, StandardCharsets.ISO_8859_1));
  }

  private static KmipClient client(RunningServer server) throws Exception {
    return KmipClient.builder().server("localhost", server.port())
        .tls(TlsFiles.pkcs12(server.pki().clientPkcs12(), server.pki().clientPkcs12Password(),
            server.pki().caCertificate())).build();
  }
}
