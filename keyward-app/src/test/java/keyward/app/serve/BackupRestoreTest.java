package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `keyward admin backup` while the server runs, then `admin restore` into a new data directory:
 * the restored server has every object of the backup with the same key bytes and nothing written
 * after it; the backup file shows neither key bytes nor names; a backup restores only under its
 * master key, and a damaged one not at all.
 */
class BackupRestoreTest {
  @TempDir Path dir;
  private static final KmipVersion V = KmipVersion.V2_1;

  @Test
  void anOnlineBackupRestoresEverythingItHeldAndNothingLater() throws Exception {
    Path a = dir.resolve("a");
    Path backup = dir.resolve("keys.kwbackup");
    List<String> before = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    String after;
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(a));
        KmipTestClient c = new KmipTestClient(server.pki().clientContext(), server.port())) {
      for (int i = 0; i < 3; i++) {
        String uid = TestRequests.uid(c.send(V, TestRequests.createAes("backed-up-name-" + i)).batchItems().getFirst());
        before.add(uid);
        keys.add(keyBytes(c.send(V, TestRequests.get(uid)).batchItems().getFirst()));
      }
      assertThat(TestRequests.runMain("admin", "backup", "--data-dir", a.toString(), "--out", backup.toString()))
          .contains("backed up");
      after = TestRequests.uid(c.send(V, TestRequests.createAes("written-after-the-backup")).batchItems().getFirst());
    }
    byte[] file = Files.readAllBytes(backup);
    String text = new String(file, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("backed-up-name-", "SQLite format");
    for (byte[] k : keys) {
      assertThat(indexOf(file, k)).as("key bytes in the backup file").isEqualTo(-1);
    }

    Path b = dir.resolve("b");
    // Without the master key the backup was made under: refused, nothing restored.
    assertThatThrownBy(() -> Backup.restore(StorageSettings.defaults().withMasterKey(
        new MasterKeySettings("file", writeKey(dir.resolve("other.key")), null, null, null, null, null)), b, backup))
        .hasMessageContaining("master key");
    assertThat(Files.exists(b.resolve("keyward.db"))).isFalse();

    Path masterKey = a.resolve("master.key");
    assertThat(TestRequests.runMain("admin", "restore", "--data-dir", b.toString(), "--in", backup.toString(),
        "--master-key-file", masterKey.toString())).contains("restored");
    StorageSettings sameKey = StorageSettings.defaults().withMasterKey(
        new MasterKeySettings("file", masterKey, null, null, null, null, null));
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(b)
        .withStorage(sameKey));
        KmipTestClient c = new KmipTestClient(server.pki().clientContext(), server.port())) {
      for (int i = 0; i < before.size(); i++) {
        ResponseBatchItem r = c.send(V, TestRequests.get(before.get(i))).batchItems().getFirst();
        assertThat(r.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(keyBytes(r)).isEqualTo(keys.get(i));
      }
      assertThat(c.send(V, TestRequests.get(after)).batchItems().getFirst().resultStatus())
          .isEqualTo(ResultStatus.OPERATION_FAILED);
    }
    // Restore never overwrites a database.
    assertThatThrownBy(() -> Backup.restore(sameKey, b, backup)).hasMessageContaining("exists");
  }

  @Test
  void aDamagedOrTruncatedBackupIsRefused() throws Exception {
    Path a = dir.resolve("a");
    Path backup = dir.resolve("b.kwbackup");
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(a));
        KmipTestClient c = new KmipTestClient(server.pki().clientContext(), server.port())) {
      c.send(V, TestRequests.createAes("x"));
    }
    StorageSettings key = StorageSettings.defaults().withMasterKey(
        new MasterKeySettings("file", a.resolve("master.key"), null, null, null, null, null));
    Backup.create(key, a, backup);
    byte[] good = Files.readAllBytes(backup);
    byte[] flipped = good.clone();
    flipped[flipped.length - 20] ^= 1;
    Files.write(dir.resolve("flipped"), flipped);
    assertThatThrownBy(() -> Backup.restore(key, dir.resolve("r1"), dir.resolve("flipped")))
        .hasMessageContaining("does not decrypt");
    Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(good, good.length - 30));
    assertThatThrownBy(() -> Backup.restore(key, dir.resolve("r2"), dir.resolve("cut")))
        .hasMessageContaining("truncated");
    assertThat(Files.exists(dir.resolve("r1/keyward.db"))).isFalse();
    assertThat(Files.exists(dir.resolve("r2/keyward.db"))).isFalse();
  }

  private static Path writeKey(Path p) throws Exception {
    keyward.store.envelope.MasterKeyFile.loadOrCreate(p).close();
    return p;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The Key Material bytes anywhere in a Get answer. */
  private static byte[] keyBytes(ResponseBatchItem r) {
    return find(r.responsePayload());
  }

  private static byte[] find(Item i) {
    if (i instanceof Item.ByteString b && i.tag() == Tag.KEY_MATERIAL) {
      return b.value();
    }
    if (i instanceof Item.Structure s) {
      for (Item c : s.items()) {
        byte[] f = find(c);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }
}
