package keyward.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import keyward.app.serve.ConfigFile;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import keyward.app.serve.StorageSettings;
import keyward.client.KmipClient;
import keyward.client.TlsFiles;
import keyward.spi.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Choosing the store and the master key: flags, the TOML file, and the rotation command. */
class StorageConfigTest {
  @TempDir Path dir;

  @Test
  void theDefaultIsSqliteWithAMasterKeyFileInTheDataDirectory() throws Exception {
    StorageSettings s = ServerSettings.defaults().storage();
    assertThat(s.store()).isEqualTo("sqlite");
    assertThat(s.masterKey().source()).isEqualTo("file");
    assertThat(s.masterKey().file()).isNull(); // <data_dir>/master.key
    try (RunningServer server = RunningServer.start(
        ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("d")))) {
      assertThat(Files.size(dir.resolve("d/master.key"))).isEqualTo(32);
    }
  }

  @Test
  void flagsChooseThePostgresStoreAndTheMasterKeySource() throws Exception {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--store", "postgres",
        "--db-url", "jdbc:postgresql://db:5432/keyward", "--db-user", "kw",
        "--db-password-file", "/run/pw", "--db-pool-size", "8",
        "--master-key", "passphrase", "--master-key-passphrase-file", "/run/pass",
        "--previous-master-key-file", "/old.key");
    StorageSettings s = serve.settings().storage();
    assertThat(s.store()).isEqualTo("postgres");
    assertThat(s.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/keyward");
    assertThat(s.dbUser()).isEqualTo("kw");
    assertThat(s.dbPasswordFile()).isEqualTo(Path.of("/run/pw"));
    assertThat(s.dbPoolSize()).isEqualTo(8);
    assertThat(s.masterKey().source()).isEqualTo("passphrase");
    assertThat(s.masterKey().passphraseFile()).isEqualTo(Path.of("/run/pass"));
    assertThat(s.previousMasterKey().source()).isEqualTo("file");
    assertThat(s.previousMasterKey().file()).isEqualTo(Path.of("/old.key"));

    ServeCommand bad = new ServeCommand();
    new CommandLine(bad).parseArgs("--store", "mongodb");
    assertThatThrownBy(bad::settings).hasMessageContaining("sqlite or postgres");
  }

  @Test
  void theConfigFileChoosesThemTooAndRefusesUnknownKeys() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, """
        [store]
        type = "postgres"
        db_url = "jdbc:postgresql://db:5432/keyward"
        db_user = "kw"
        db_password_file = "secrets/db"
        [master_key]
        source = "pkcs11"
        pkcs11_config = "pkcs11.cfg"
        pkcs11_pin_file = "secrets/pin"
        label = "kw-master"
        [master_key.previous]
        source = "file"
        file = "old.key"
        """);
    StorageSettings s = ConfigFile.read(cfg, ServerSettings.defaults()).storage();
    assertThat(s.store()).isEqualTo("postgres");
    assertThat(s.dbPasswordFile()).isEqualTo(dir.resolve("secrets/db"));
    assertThat(s.masterKey().source()).isEqualTo("pkcs11");
    assertThat(s.masterKey().pkcs11Config()).isEqualTo(dir.resolve("pkcs11.cfg"));
    assertThat(s.masterKey().label()).isEqualTo("kw-master");
    assertThat(s.previousMasterKey().file()).isEqualTo(dir.resolve("old.key"));

    Files.writeString(cfg, "[master_key]\nsorce = \"file\"\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults()))
        .hasMessageContaining("master_key.sorce");
    Files.writeString(cfg, "[store]\ndb_uri = \"x\"\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults()))
        .hasMessageContaining("store.db_uri");
  }

  @Test
  void aPassphraseMasterKeyServesAfterARestartAndAWrongPassphraseStopsTheStart() throws Exception {
    Path data = dir.resolve("data");
    Path passphrase = Files.writeString(dir.resolve("passphrase"), "a long enough passphrase\n");
    ServerSettings base = ServerSettings.defaults().withPort(0).withDataDir(data);
    ServerSettings withPassphrase = base.withStorage(base.storage().withMasterKey(
        base.storage().masterKey().override("passphrase", null, passphrase, null, null, null, null)));
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    String id;
    try (RunningServer server = RunningServer.start(withPassphrase); KmipClient c = client(server)) {
      id = c.registerSymmetricKey("AES", key.clone()).execute();
    }
    assertThat(Files.readString(data.resolve("master-key.kdf"))).contains("kdf = argon2id");
    assertThat(Files.exists(data.resolve("master.key"))).isFalse();
    try (RunningServer server = RunningServer.start(withPassphrase); KmipClient c = client(server)) {
      assertThat(c.get(id)).isEqualTo(key);
    }
    Files.writeString(passphrase, "another long passphrase\n");
    assertThatThrownBy(() -> RunningServer.start(withPassphrase))
        .isInstanceOf(StoreException.class).hasMessageContaining("wrong master key");
  }

  @Test
  void rotateMasterKeyMovesEveryObjectToTheNewKey() throws Exception {
    Path data = dir.resolve("data");
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    String id;
    try (RunningServer server = RunningServer.start(
        ServerSettings.defaults().withPort(0).withDataDir(data))) {
      try (KmipClient c = client(server)) {
        id = c.registerSymmetricKey("AES", key.clone()).execute();
      }
    }
    Path newKey = dir.resolve("new-master.key");
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(out));
    int code = cl.execute("admin", "rotate-master-key", "--data-dir", data.toString(),
        "--master-key-file", newKey.toString(),
        "--previous-master-key-file", data.resolve("master.key").toString());
    assertThat(code).as(out.toString()).isZero();

    // The old key alone no longer opens the store; the new one does and serves the key.
    assertThatThrownBy(() -> RunningServer.start(
        ServerSettings.defaults().withPort(0).withDataDir(data)))
        .isInstanceOf(StoreException.class).hasMessageContaining("wrong master key");
    ServerSettings withNewKey = ServerSettings.defaults().withPort(0).withDataDir(data);
    withNewKey = withNewKey.withStorage(withNewKey.storage().withMasterKey(
        withNewKey.storage().masterKey().override(null, newKey, null, null, null, null, null)));
    try (RunningServer server = RunningServer.start(withNewKey); KmipClient c = client(server)) {
      assertThat(c.get(id)).isEqualTo(key);
    }
  }

  private static KmipClient client(RunningServer server) throws Exception {
    return KmipClient.builder().server("localhost", server.port())
        .tls(TlsFiles.pkcs12(server.pki().clientPkcs12(), server.pki().clientPkcs12Password(),
            server.pki().caCertificate())).build();
  }
}
