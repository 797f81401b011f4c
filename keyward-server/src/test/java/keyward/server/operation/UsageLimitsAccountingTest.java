package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UsageLimitsUnit;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

/**
 * Usage Limits are counted before an answer leaves: a use refused for its limits takes nothing,
 * a use whose count could not be stored hands out no output, and a use undone with its batch
 * hands out none either (its count was rolled back with it).
 */
class UsageLimitsAccountingTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  private static Item limits(long total, UsageLimitsUnit unit) {
    return new Item.Structure(Tag.USAGE_LIMITS, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, total),
        new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, unit.value()));
  }

  private static Item ecb() {
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.ECB.value()),
        new Item.Enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5.value()));
  }

  private static Item data(int n) {
    return new Item.ByteString(Tag.DATA, new byte[n]);
  }

  private String aesKey(Item limits) throws Exception {
    String uid = Kmip.uidOf(ok(h.call(V, Operation.CREATE, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, alg(CryptographicAlgorithm.AES), len(128), limits, Kmip.mask(CryptographicUsageMask.ENCRYPT,
            CryptographicUsageMask.DECRYPT, CryptographicUsageMask.MAC_GENERATE)))));
    ok(Kmip.call(h, V, Operation.ACTIVATE, uid));
    return uid;
  }

  private String signingKey(Item limits) throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(Kmip.mask(CryptographicUsageMask.SIGN), limits),
        List.of(Kmip.mask(CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    return priv;
  }

  private long count(String uid) throws Exception {
    Item.Structure s = (Item.Structure) Kmip.stored(h, uid).attributes().first(Tag.USAGE_LIMITS).orElseThrow();
    return ((Item.LongInteger) s.first(Tag.USAGE_LIMITS_COUNT).orElseThrow()).value();
  }

  private static RequestBatchItem item(Operation op, Item... payload) {
    return RequestBatchItem.of(op, new Item.Structure(Tag.REQUEST_PAYLOAD, payload));
  }

  /** More bytes than are left: Permission Denied (CS-BC-M-7-21), and the bytes that were left stay. */
  @Test
  void aUseThatDoesNotFitTakesNothing() throws Exception {
    String uid = aesKey(limits(20, UsageLimitsUnit.BYTE));
    ok(Kmip.call(h, V, Operation.ENCRYPT, uid, ecb(), data(16)));
    assertThat(count(uid)).isEqualTo(4);
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, uid, ecb(), data(5)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(Kmip.call(h, V, Operation.MAC, uid, data(5)).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(count(uid)).isEqualTo(4);
    ok(Kmip.call(h, V, Operation.ENCRYPT, uid, ecb(), data(4)));
    assertThat(count(uid)).isZero();
  }

  /** The store cannot keep the new count: the caller gets an error, not the ciphertext, signature or MAC. */
  @Test
  void noOutputWhenTheCountCannotBeStored() throws Exception {
    String aes = aesKey(limits(5, UsageLimitsUnit.OBJECT));
    String priv = signingKey(limits(5, UsageLimitsUnit.OBJECT));
    h.store.failCommits(true);
    List<ResponseBatchItem> answers = List.of(
        Kmip.call(h, V, Operation.ENCRYPT, aes, ecb(), data(16)),
        Kmip.call(h, V, Operation.MAC, aes, data(16)),
        Kmip.call(h, V, Operation.SIGN, priv, data(16)),
        Kmip.call(h, V, Operation.ENCRYPT, aes, ecb(), data(16), new Item.Boolean(Tag.INIT_INDICATOR, true),
            new Item.Boolean(Tag.FINAL_INDICATOR, false)));
    for (ResponseBatchItem r : answers) {
      assertThat(r.resultStatus()).as("%s", r.operation()).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(r.resultReason()).as("%s", r.operation()).isEqualTo(ResultReason.GENERAL_FAILURE);
      assertThat(r.responsePayload()).as("%s", r.operation()).isNull();
    }
    h.store.failCommits(false);
    assertThat(count(aes)).isEqualTo(5);
    assertThat(count(priv)).isEqualTo(5);
  }

  /**
   * Under Undo a later failure rolls back the count an Encrypt, MAC or Sign spent: their answers
   * say Operation Undone and carry no ciphertext, MAC or signature, so no uncounted use escapes.
   */
  @Test
  void anUndoneUseHandsOutNoOutput() throws Exception {
    String aes = aesKey(limits(5, UsageLimitsUnit.OBJECT));
    String priv = signingKey(limits(5, UsageLimitsUnit.OBJECT));
    RequestHeader undo = new RequestHeader(ProtocolVersion.of(V), null, null, null, null, null,
        List.of(), null, BatchErrorContinuationOption.UNDO, null, null, 5);
    List<ResponseBatchItem> r = h.send(V, undo,
        item(Operation.ENCRYPT, Kmip.uid(aes), ecb(), data(16)),
        item(Operation.MAC, Kmip.uid(aes), data(16)),
        item(Operation.SIGN, Kmip.uid(priv), data(16)),
        item(Operation.ENCRYPT, Kmip.uid(aes), ecb(), data(16), new Item.Boolean(Tag.INIT_INDICATOR, true),
            new Item.Boolean(Tag.FINAL_INDICATOR, false)),
        item(Operation.ENCRYPT, Kmip.uid("no-such-key"), ecb(), data(16)));
    assertThat(r).extracting(ResponseBatchItem::resultStatus).containsExactly(ResultStatus.OPERATION_UNDONE,
        ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_UNDONE,
        ResultStatus.OPERATION_FAILED);
    for (ResponseBatchItem undone : r.subList(0, 4)) {
      Item.Structure p = undone.responsePayload();
      assertThat(p.first(Tag.UNIQUE_IDENTIFIER)).as("%s says what was undone", undone.operation()).isPresent();
      for (int output : new int[] {Tag.DATA, Tag.MAC_DATA, Tag.SIGNATURE_DATA, Tag.CORRELATION_VALUE}) {
        assertThat(p.first(output)).as("%s", undone.operation()).isEmpty();
      }
    }
    assertThat(count(aes)).isEqualTo(5);
    assertThat(count(priv)).isEqualTo(5);
  }

  /**
   * A streamed part whose count cannot be stored ends its stream: the part was fed to the cipher
   * or signature but never counted, so the stream cannot go on to output covering it.
   */
  @Test
  void aStreamedPartThatIsNotStoredEndsTheStream() throws Exception {
    String aes = aesKey(limits(100, UsageLimitsUnit.BYTE));
    String priv = signingKey(limits(100, UsageLimitsUnit.BYTE));
    Item init = new Item.Boolean(Tag.INIT_INDICATOR, true);
    Item more = new Item.Boolean(Tag.FINAL_INDICATOR, false);
    Item last = new Item.Boolean(Tag.FINAL_INDICATOR, true);
    for (String[] use : new String[][] {{"ENCRYPT", aes}, {"SIGN", priv}}) {
      Operation op = Operation.valueOf(use[0]);
      String uid = use[1];
      Item[] extra = op == Operation.ENCRYPT ? new Item[] {ecb()} : new Item[0];
      Item c = ok(Kmip.call(h, V, op, uid, concat(extra, data(10), init, more))).responsePayload()
          .first(Tag.CORRELATION_VALUE).orElseThrow();
      assertThat(count(uid)).isEqualTo(90);
      h.store.failCommits(true);
      assertThat(Kmip.call(h, V, op, uid, concat(extra, data(20), c, more)).resultReason())
          .isEqualTo(ResultReason.GENERAL_FAILURE);
      h.store.failCommits(false);
      assertThat(count(uid)).isEqualTo(90);
      assertThat(Kmip.call(h, V, op, uid, concat(extra, data(1), c, last)).resultReason())
          .as("%s", op).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
      assertThat(count(uid)).isEqualTo(90);
    }
  }

  private static Item[] concat(Item[] a, Item... b) {
    Item[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
