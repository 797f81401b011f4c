package keyward.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit log: what each entry holds, that it never holds key material, and its hash chain. */
class AuditLogTest {
  private static final byte[] KEY = HexFormat.of().parseHex("8f3a1c9b2e7d4a6f0b5c8e1d3f7a9c2b4e6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a");

  @TempDir Path dir;
  private AuditLog log;
  private ServerHarness h;

  private Path file() {
    return dir.resolve("audit.jsonl");
  }

  private void start() throws Exception {
    log = AuditLog.open(file());
    h = new ServerHarness(keyward.server.KeywardServer.Options.DEFAULT.withAudit(log));
  }

  @AfterEach
  void close() throws Exception {
    if (log != null) {
      log.close();
    }
  }

  private String register(KmipVersion v) throws Exception {
    Item key = new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, KEY)),
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
    Item mask = new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        CryptographicUsageMask.toBits(List.of(CryptographicUsageMask.ENCRYPT)));
    Item attrs = v.atLeast(KmipVersion.V2_0)
        ? new Item.Structure(Tag.ATTRIBUTES, mask)
        : keyward.kmip.compat.AttributeShapes.toTemplateAttribute(new Item.Structure(Tag.ATTRIBUTES, mask));
    ResponseBatchItem r = h.call(v, Operation.REGISTER,
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()), attrs, key);
    assertThat(r.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    return ((Item.TextString) r.responsePayload().first(Tag.UNIQUE_IDENTIFIER).orElseThrow()).value();
  }

  private List<String> lines() throws Exception {
    return Files.readAllLines(file(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void registerAndGetOfKnownKeyBytesNeverPutThemInTheLog(String version) throws Exception {
    KmipVersion v = KmipVersion.parse(version);
    start();
    String uid = register(v);
    ResponseBatchItem got = h.call(v, Operation.GET, new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid));
    assertThat(got.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    String text = Files.readString(file(), StandardCharsets.UTF_8);
    assertThat(text).contains(uid);
    String hex = HexFormat.of().formatHex(KEY);
    // any 8 consecutive key bytes, in any of the usual text forms
    for (int i = 0; i + 8 <= KEY.length; i += 4) {
      byte[] part = java.util.Arrays.copyOfRange(KEY, i, i + 8);
      assertThat(text.toLowerCase()).doesNotContain(HexFormat.of().formatHex(part));
    }
    assertThat(text.toLowerCase()).doesNotContain(hex.substring(0, 16));
    for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding())) {
      String b64 = enc.encodeToString(KEY);
      assertThat(text).doesNotContain(b64.substring(0, 12)).doesNotContain(b64.substring(12, 24));
    }
    assertThat(text).doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1));
  }

  @Test
  void eachEntryNamesWhoWhatWhichObjectTheResultAndWhen() throws Exception {
    start();
    h.caller = new Caller("alice", "10.1.2.3:5555");
    String uid = register(KmipVersion.V2_1);
    h.call(KmipVersion.V2_1, Operation.GET, new Item.TextString(Tag.UNIQUE_IDENTIFIER, "no-such-id"));
    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("{\"seq\":1,\"time\":\"2026-01-01T00:00:00Z\",\"identity\":\"alice\","
        + "\"address\":\"10.1.2.3:5555\",\"operation\":\"Register\",\"objects\":[\"" + uid + "\"],"
        + "\"status\":\"Success\",\"prev\":\"" + AuditChain.GENESIS + "\",\"hash\":\"");
    assertThat(lines.get(1)).contains("\"seq\":2", "\"operation\":\"Get\"", "\"objects\":[\"no-such-id\"]",
        "\"status\":\"Operation Failed\"", "\"reason\":\"Object Not Found\"");
  }

  @Test
  void everyBatchItemAndAnUndecodableMessageAreLogged() throws Exception {
    start();
    h.batch(KmipVersion.V1_4,
        keyward.kmip.message.RequestBatchItem.of(Operation.QUERY, new Item.Structure(Tag.REQUEST_PAYLOAD)),
        keyward.kmip.message.RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD,
            new Item.TextString(Tag.UNIQUE_IDENTIFIER, "x"))));
    h.server.processor().process(new byte[] {1, 2, 3}, h.caller);
    List<String> lines = lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"operation\":\"Query\"", "\"status\":\"Success\"");
    assertThat(lines.get(1)).contains("\"operation\":\"Get\"", "\"reason\":\"Item Not Found\"");
    assertThat(lines.get(2)).doesNotContain("\"operation\"").contains("\"reason\":\"Invalid Message\"");
  }

  @Test
  void anIntactLogVerifiesAndTheChainContinuesAfterAReopen() throws Exception {
    start();
    register(KmipVersion.V2_1);
    log.close();
    start();
    register(KmipVersion.V2_1);
    AuditChain.Result r = AuditChain.verify(file());
    assertThat(r.intact()).as(r.why()).isTrue();
    assertThat(r.entries()).isEqualTo(2);
    assertThat(lines().get(1)).contains("\"seq\":2");
  }

  private void threeEntries() throws Exception {
    start();
    for (int i = 0; i < 3; i++) {
      register(KmipVersion.V2_1);
    }
    log.close();
    log = null;
  }

  @Test
  void aChangedLineIsFoundByItsNumber() throws Exception {
    threeEntries();
    List<String> lines = new ArrayList<>(lines());
    lines.set(1, lines.get(1).replace("\"alice\"", "\"mallory\""));
    Files.write(file(), lines);
    AuditChain.Result r = AuditChain.verify(file());
    assertThat(r.brokenLine()).isEqualTo(2);
    assertThat(r.why()).contains("changed");
  }

  @Test
  void aRemovedLineBreaksTheNextOne() throws Exception {
    threeEntries();
    List<String> lines = new ArrayList<>(lines());
    lines.remove(1);
    Files.write(file(), lines);
    AuditChain.Result r = AuditChain.verify(file());
    assertThat(r.brokenLine()).isEqualTo(2);
    assertThat(r.why()).contains("prev");
  }

  @Test
  void aLineRewrittenWithAFreshHashStillBreaksTheChain() throws Exception {
    threeEntries();
    List<String> lines = new ArrayList<>(lines());
    String old = lines.get(0);
    String body = old.substring(0, old.lastIndexOf(",\"hash\":\"")).replace("\"alice\"", "\"mallory\"") + "}";
    lines.set(0, body.substring(0, body.length() - 1) + ",\"hash\":\"" + AuditChain.hash(body) + "\"}");
    Files.write(file(), lines);
    assertThat(AuditChain.verify(file()).brokenLine()).isEqualTo(2);
  }

  @Test
  void anUnfinishedLastLineIsCutOffAtTheNextStart() throws Exception {
    threeEntries();
    Files.writeString(file(), "{\"seq\":4,\"time\":\"2026", StandardOpenOption.APPEND);
    start();
    register(KmipVersion.V2_1);
    AuditChain.Result r = AuditChain.verify(file());
    assertThat(r.intact()).as(r.why()).isTrue();
    assertThat(r.entries()).isEqualTo(4);
  }

  @Test
  void concurrentRecordsFormOneIntactChainInOrderOfSeq() throws Exception {
    log = AuditLog.open(file());
    int threads = 16;
    int each = 200;
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String who = "client-" + t + "-ünïcödé ✓";
      running.add(Thread.ofVirtual().start(() -> {
        for (int n = 0; n < each; n++) {
          log.record(new AuditEvent(java.time.Instant.now(), who, "127.0.0.1:" + n, "Get",
              List.of("uid-" + n), 1, "Success", null));
        }
      }));
    }
    for (Thread t : running) {
      t.join();
    }
    log.close();
    log = null;
    AuditChain.Result r = AuditChain.verify(file());
    assertThat(r.intact()).as(r.why()).isTrue();
    assertThat(r.entries()).isEqualTo(threads * each);
    List<String> lines = lines();
    assertThat(lines).hasSize(threads * each);
    for (int n = 0; n < lines.size(); n++) {
      assertThat(lines.get(n)).startsWith("{\"seq\":" + (n + 1) + ",\"time\":").contains("ünïcödé ✓");
    }
  }
}
