package keyward.store.envelope;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;
import keyward.store.SqliteObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master key that stays on an HSM (SoftHSM2 through the JDK's SunPKCS11). */
class Pkcs11MasterKeyTest {
  @TempDir
  Path dir;

  @Test
  void keyMaterialIsEncryptedUnderATokenKeyThatCannotBeExported() throws Exception {
    Path config = SoftHsm.token();
    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    Path db = dir.resolve("db");
    String id;
    try (Pkcs11MasterKey master = Pkcs11MasterKey.open(config, SoftHsm.PIN.toCharArray(),
        "keyward-master", true)) {
      id = master.id();
      assertThat(master.extractable()).isFalse();
      try (EnvelopeObjectStore store =
          EnvelopeObjectStore.open(SqliteObjectStore.open(db), master, List.of())) {
        insert(store, new StoredObject("k", SYMMETRIC_KEY, ACTIVE, "alice", false,
            material.clone(), "attrs".getBytes(StandardCharsets.US_ASCII), List.of(name("k")), 0));
      }
    }
    byte[] disk = Files.readAllBytes(db.resolve(SqliteObjectStore.DATABASE_FILE));
    assertThat(new String(disk, StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(material, StandardCharsets.ISO_8859_1));

    // A restart finds the same key on the token (no create) and reads the object.
    try (Pkcs11MasterKey again = Pkcs11MasterKey.open(config, SoftHsm.PIN.toCharArray(),
        "keyward-master", false);
        EnvelopeObjectStore store =
            EnvelopeObjectStore.open(SqliteObjectStore.open(db), again, List.of())) {
      assertThat(again.id()).isEqualTo(id);
      assertThat(get(store, "k").object()).isEqualTo(material);
    }
  }

  @Test
  void aMissingLabelIsAClearErrorAndAFileKeyIsNotTheTokenKey() throws Exception {
    Path config = SoftHsm.token();
    assertThatThrownBy(() -> Pkcs11MasterKey.open(config, SoftHsm.PIN.toCharArray(),
        "no-such-key", false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no key labelled 'no-such-key'");

    Path db = dir.resolve("db");
    try (Pkcs11MasterKey master = Pkcs11MasterKey.open(config, SoftHsm.PIN.toCharArray(),
        "keyward-master", true);
        EnvelopeObjectStore store =
            EnvelopeObjectStore.open(SqliteObjectStore.open(db), master, List.of())) {
      insert(store, object("k", "alice"));
    }
    assertThatThrownBy(() -> EnvelopeObjectStore.open(SqliteObjectStore.open(db),
        MasterKeyFile.loadOrCreate(dir.resolve("master.key")), List.of()))
        .hasMessageContaining("wrong master key");
  }
}
