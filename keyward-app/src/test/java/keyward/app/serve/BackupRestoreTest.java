package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keyward.app.Main;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
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
        String uid = uid(c.send(V, create("backed-up-name-" + i)).batchItems().getFirst());
        before.add(uid);
        keys.add(keyBytes(c.send(V, get(uid)).batchItems().getFirst()));
      }
      assertThat(run("admin", "backup", "--data-dir", a.toString(), "--out", backup.toString()))
          .contains("backed up");
      after = uid(c.send(V, create("written-after-the-backup")).batchItems().getFirst());
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
    assertThat(run("admin", "restore", "--data-dir", b.toString(), "--in", backup.toString(),
        "--master-key-file", masterKey.toString())).contains("restored");
    StorageSettings sameKey = StorageSettings.defaults().withMasterKey(
        new MasterKeySettings("file", masterKey, null, null, null, null, null));
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(b)
        .withStorage(sameKey));
        KmipTestClient c = new KmipTestClient(server.pki().clientContext(), server.port())) {
      for (int i = 0; i < before.size(); i++) {
        ResponseBatchItem r = c.send(V, get(before.get(i))).batchItems().getFirst();
        assertThat(r.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(keyBytes(r)).isEqualTo(keys.get(i));
      }
      assertThat(c.send(V, get(after)).batchItems().getFirst().resultStatus())
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
      c.send(V, create("x"));
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

  private static RequestBatchItem create(String name) {
    return RequestBatchItem.of(Operation.CREATE, new Item.Structure(Tag.REQUEST_PAYLOAD, List.of(
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new Item.Structure(Tag.ATTRIBUTES, List.of(
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
            new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12),
            new Item.Structure(Tag.NAME, List.of(new Item.TextString(Tag.NAME_VALUE, name),
                new Item.Enumeration(Tag.NAME_TYPE, 1))))))));
  }

  private static RequestBatchItem get(String uid) {
    return RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD,
        List.of(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid))));
  }

  private static String uid(ResponseBatchItem r) {
    assertThat(r.resultStatus()).as("%s %s", r.resultReason(), r.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
    return r.responsePayload().items().stream().filter(i -> i.tag() == Tag.UNIQUE_IDENTIFIER)
        .map(i -> ((Item.TextString) i).value()).findFirst().orElseThrow();
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

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      assertThat(Main.commandLine().execute(args)).as("exit code of keyward %s", String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString();
  }
}
