package keyward.store.envelope;

import static keyward.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;
import keyward.store.SqliteObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What encryption at rest promises: no key bytes on disk, and the right key or a clear error. */
class EncryptionAtRestTest {
  @TempDir
  Path dir;

  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static AesMasterKey key(byte[] bytes) throws Exception {
    return AesMasterKey.of(bytes.clone());
  }

  private static StoredObject keyObject(String uid, byte[] keyMaterial) {
    return new StoredObject(uid, SYMMETRIC_KEY, ACTIVE, "alice", false, keyMaterial,
        ("attributes of " + uid).getBytes(StandardCharsets.US_ASCII), List.of(name(uid)), 0);
  }

  private EnvelopeObjectStore open(Path db, AesMasterKey current, AesMasterKey... previous)
      throws Exception {
    return EnvelopeObjectStore.open(SqliteObjectStore.open(db), current, List.of(previous));
  }

  /** Every file of the store, concatenated (database, WAL, whatever else the engine keeps). */
  private static byte[] everyByteOnDisk(Path db) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(db)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toByteArray();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void theDatabaseFilesNeverHoldTheKeyBytesOfAStoredKey() throws Exception {
    Path db = dir.resolve("db");
    List<byte[]> keys = new ArrayList<>();
    try (EnvelopeObjectStore store = open(db, key(random(32)))) {
      for (int i = 0; i < 20; i++) {
        byte[] material = random(32);
        keys.add(material);
        insert(store, keyObject("k" + i, material.clone()));
      }
      // Updates write the key material again; read back to be sure it is all still there.
      StoredObject k0 = get(store, "k0");
      store.inTransaction(false, tx -> {
        tx.update(withState(k0, 3, name("k0")));
        return null;
      });
      assertThat(get(store, "k0").object()).isEqualTo(keys.get(0));
      byte[] whileOpen = everyByteOnDisk(db);
      for (byte[] material : keys) {
        assertThat(contains(whileOpen, java.util.Arrays.copyOf(material, 12))).isFalse();
      }
    }
    byte[] disk = everyByteOnDisk(db);
    for (byte[] material : keys) {
      assertThat(contains(disk, java.util.Arrays.copyOf(material, 12))).isFalse();
    }
    // The check can fail: without the envelope layer the same bytes are there.
    byte[] plain = random(32);
    Path plainDb = dir.resolve("plain");
    try (SqliteObjectStore raw = SqliteObjectStore.open(plainDb)) {
      insert(raw, keyObject("p", plain.clone()));
    }
    assertThat(contains(everyByteOnDisk(plainDb), plain)).isTrue();
  }

  @Test
  void keyMaterialCopiedOntoAnotherObjectDoesNotDecrypt() throws Exception {
    Path db = dir.resolve("db");
    byte[] master = random(32);
    try (EnvelopeObjectStore store = open(db, key(master))) {
      insert(store, keyObject("victim", random(32)), keyObject("attacker", random(32)));
    }
    try (SqliteObjectStore raw = SqliteObjectStore.open(db)) {
      StoredObject victim = get(raw, "victim");
      StoredObject attacker = get(raw, "attacker");
      raw.inTransaction(false, tx -> {
        tx.update(new StoredObject("attacker", attacker.objectType(), attacker.state(),
            attacker.owner(), false, victim.object(), attacker.attributes(), attacker.index(),
            attacker.revision()));
        return null;
      });
    }
    try (EnvelopeObjectStore store = open(db, key(master))) {
      assertThatThrownBy(() -> get(store, "attacker"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("does not decrypt")
          .hasMessageContaining("attacker");
      assertThat(get(store, "victim").object()).hasSize(32);
    }
  }

  @Test
  void aWrongMasterKeyIsAClearStartUpError() throws Exception {
    Path db = dir.resolve("db");
    AesMasterKey right = key(random(32));
    try (EnvelopeObjectStore store = open(db, right)) {
      insert(store, keyObject("k", random(32)));
    }
    AesMasterKey wrong = key(random(32));
    assertThatThrownBy(() -> open(db, wrong))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("wrong master key")
        .hasMessageContaining(right.id())
        .hasMessageContaining(wrong.id());
    // The failed start released the database: the right key opens it.
    try (EnvelopeObjectStore store = open(db, right)) {
      assertThat(get(store, "k").object()).hasSize(32);
    }
  }

  @Test
  void rotationRewrapsEveryDataKeyAndEncryptsPlaintextFromBeforeEncryption() throws Exception {
    Path db = dir.resolve("db");
    byte[] legacy = random(32);
    try (SqliteObjectStore raw = SqliteObjectStore.open(db)) {
      insert(raw, keyObject("legacy", legacy.clone()));
    }
    byte[] oldBytes = random(32);
    byte[] newBytes = random(32);
    byte[] material = random(32);
    try (EnvelopeObjectStore store = open(db, key(oldBytes))) {
      assertThat(get(store, "legacy").object()).isEqualTo(legacy); // Readable before rotation.
      insert(store, keyObject("k", material.clone()));
      insert(store, new StoredObject("destroyed", SYMMETRIC_KEY, 5, "alice", false, null,
          new byte[] {1}, List.of(), 0));
    }
    try (EnvelopeObjectStore rotating = open(db, key(newBytes), key(oldBytes))) {
      assertThat(rotating.rewrapAll()).isEqualTo(2);
      assertThat(rotating.rewrapAll()).isZero();
    }
    assertThat(contains(everyByteOnDisk(db), legacy)).isFalse();
    assertThatThrownBy(() -> open(db, key(oldBytes))).hasMessageContaining("wrong master key");
    try (EnvelopeObjectStore store = open(db, key(newBytes))) {
      assertThat(get(store, "k").object()).isEqualTo(material);
      assertThat(get(store, "legacy").object()).isEqualTo(legacy);
      assertThat(get(store, "destroyed").object()).isNull();
    }
  }

  @Test
  void anObjectUnderAKeyThisServerLacksNamesBothKeys() throws Exception {
    Path db = dir.resolve("db");
    AesMasterKey first = key(random(32));
    try (EnvelopeObjectStore store = open(db, first)) {
      insert(store, keyObject("a", random(32)));
    }
    // Past the start-up check (it accepts the previous key), then written under a new one.
    AesMasterKey second = key(random(32));
    try (EnvelopeObjectStore store = open(db, second, first)) {
      insert(store, keyObject("b", random(32)));
    }
    // A node that only has the first key: starts (object a is first), but b names its key.
    try (EnvelopeObjectStore store = open(db, first)) {
      assertThatThrownBy(() -> get(store, "b"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(second.id())
          .hasMessageContaining("does not have");
    }
  }

  @Test
  void noMessageShowsKeyBytesOrTheMasterKey() throws Exception {
    Path db = dir.resolve("db");
    byte[] master = random(32);
    AesMasterKey masterKey = key(master);
    byte[] material = random(32);
    try (EnvelopeObjectStore store = open(db, masterKey)) {
      insert(store, keyObject("k", material.clone()));
      List<String> texts = new ArrayList<>();
      texts.add(masterKey.toString());
      texts.add(get(store, "k").toString());
      try {
        insert(store, keyObject("k", material.clone()));
      } catch (StoreException e) {
        texts.add(e.toString());
      }
      HexFormat hex = HexFormat.of();
      for (String text : texts) {
        assertThat(text).doesNotContainIgnoringCase(hex.formatHex(material))
            .doesNotContainIgnoringCase(hex.formatHex(master));
      }
      assertThat(texts).hasSize(3);
    }
  }

  @Test
  void aMasterKeyFileIsMadeOnceWithMode0600AndRefusedWhenOthersCanReadIt() throws Exception {
    Path file = dir.resolve("data/master.key");
    String id;
    try (AesMasterKey k = MasterKeyFile.loadOrCreate(file)) {
      id = k.id();
    }
    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(MasterKeyFile.loadOrCreate(file).id()).isEqualTo(id);
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file); // No temporary file left behind.
    }

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> MasterKeyFile.load(file))
        .isInstanceOf(StoreException.class).hasMessageContaining("chmod 600");
    Path shortFile = dir.resolve("short.key");
    Files.write(shortFile, new byte[16]);
    Files.setPosixFilePermissions(shortFile, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> MasterKeyFile.load(shortFile))
        .isInstanceOf(StoreException.class).hasMessageContaining("exactly 32 bytes");
  }

  @Test
  void aPassphraseGivesTheSameKeyWithTheSameSaltAndAWrongOneFailsAtStartUp() throws Exception {
    Path kdf = dir.resolve("master-key.kdf");
    Path db = dir.resolve("db");
    AesMasterKey derived = PassphraseMasterKey.derive("correct horse battery".toCharArray(), kdf);
    assertThat(Files.readString(kdf)).contains("kdf = argon2id", "memory_kib = 65536",
        "iterations = 3", "salt = ");
    try (EnvelopeObjectStore store = open(db, derived)) {
      insert(store, keyObject("k", random(32)));
    }
    AesMasterKey again = PassphraseMasterKey.derive("correct horse battery".toCharArray(), kdf);
    assertThat(again.id()).isEqualTo(derived.id());
    try (EnvelopeObjectStore store = open(db, again)) {
      assertThat(get(store, "k").object()).hasSize(32);
    }
    AesMasterKey wrong = PassphraseMasterKey.derive("correct horse batterY".toCharArray(), kdf);
    assertThatThrownBy(() -> open(db, wrong)).hasMessageContaining("wrong master key");

    // Another installation (another salt) derives another key from the same passphrase.
    AesMasterKey otherSalt = PassphraseMasterKey.derive("correct horse battery".toCharArray(),
        dir.resolve("other.kdf"));
    assertThat(otherSalt.id()).isNotEqualTo(derived.id());
  }

  @Test
  void aShortPassphraseOrABadParameterFileIsRefused() throws Exception {
    char[] shortPassphrase = "short".toCharArray();
    assertThatThrownBy(() -> PassphraseMasterKey.derive(shortPassphrase, dir.resolve("k.kdf")))
        .isInstanceOf(StoreException.class).hasMessageContaining("at least 12");
    assertThat(shortPassphrase).containsOnly('\0');

    Path huge = dir.resolve("huge.kdf");
    Files.writeString(huge, "kdf = argon2id\nversion = 19\nmemory_kib = 2147483647\n"
        + "iterations = 3\nparallelism = 1\nsalt = AAAAAAAAAAAAAAAAAAAAAA==\n");
    assertThatThrownBy(() -> PassphraseMasterKey.derive("long enough passphrase".toCharArray(), huge))
        .isInstanceOf(StoreException.class).hasMessageContaining("memory_kib");
  }

  @Test
  void theStoreContractStillSeesPlaintextThroughTheLayer() throws Exception {
    byte[] material = random(32);
    try (ObjectStore store = open(dir.resolve("db"), key(random(32)))) {
      insert(store, keyObject("k", material.clone()));
      assertThat(get(store, "k").object()).isEqualTo(material);
    }
  }
}
