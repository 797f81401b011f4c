package keyward.server.operation;

import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class CheckHandlerTest {
  private final ServerHarness h = new ServerHarness();

  private static Item limits(long total) {
    return new Item.Structure(Tag.USAGE_LIMITS, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, total),
        new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 0), new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, 1));
  }

  /** BL-M-3-21: a Decrypt-only key passes a Decrypt check and fails an Encrypt one. */
  @Test
  void usageOutsideTheMaskIsIncompatible() throws Exception {
    Item.Structure register = OasisRequests.payload("2.1", "BL-M-3-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(register))));
    ResponseBatchItem pass = ok(Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, mask(CryptographicUsageMask.DECRYPT)));
    assertThat(Kmip.uidOf(pass)).isEqualTo(uid);
    ResponseBatchItem fail = Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, mask(CryptographicUsageMask.ENCRYPT));
    assertThat(fail.resultReason()).isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    assertThat(fail.responsePayload()).isNull();
  }

  /** 1.4 Table 337: a 1.x client that may not use the object gets Permission Denied. */
  @Test
  void aRefused1xCheckIsPermissionDenied() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V1_4, mask(CryptographicUsageMask.ENCRYPT));
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V1_4, Operation.CHECK, uid, mask(CryptographicUsageMask.DECRYPT));
    assertThat(r.resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  /** BL-M-2-21: under Undo, Activate and the passing Check are undone when the second Check fails. */
  @Test
  void aFailingCheckUndoesTheBatch() throws Exception {
    Item.Structure register = OasisRequests.payload("2.1", "BL-M-2-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(register))));
    RequestHeader undo = new RequestHeader(ProtocolVersion.of(KmipVersion.V2_1), null, null, null, null, null,
        List.of(), null, BatchErrorContinuationOption.UNDO, null, null, 3);
    List<ResponseBatchItem> r = h.send(KmipVersion.V2_1, undo,
        RequestBatchItem.of(Operation.ACTIVATE, payload(Kmip.uid(uid))),
        RequestBatchItem.of(Operation.CHECK, payload(Kmip.uid(uid), mask(CryptographicUsageMask.ENCRYPT))),
        RequestBatchItem.of(Operation.CHECK, payload(Kmip.uid(uid), mask(CryptographicUsageMask.DECRYPT))));
    assertThat(r).extracting(ResponseBatchItem::resultStatus).containsExactly(
        ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED);
    assertThat(r.get(2).resultReason()).isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    // the undone items keep their payloads, naming the object they had acted on
    assertThat(Kmip.uidOf(r.get(0))).isEqualTo(uid);
    assertThat(Kmip.uidOf(r.get(1))).isEqualTo(uid);
    assertThat(Kmip.state(h, uid)).isEqualTo(keyward.kmip.spec.State.PRE_ACTIVE);
  }

  /** A failed Check empties the ID Placeholder: the next item has no object to work on. */
  @Test
  void aFailedCheckEmptiesTheIdPlaceholder() throws Exception {
    RequestHeader carryOn = new RequestHeader(ProtocolVersion.of(KmipVersion.V1_4), null, null, null, null, null,
        List.of(), null, BatchErrorContinuationOption.CONTINUE, null, null, 3);
    List<ResponseBatchItem> r = h.send(KmipVersion.V1_4, carryOn,
        RequestBatchItem.of(Operation.REGISTER, payload(Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
            Kmip.attributes(KmipVersion.V1_4, mask(CryptographicUsageMask.ENCRYPT)),
            Kmip.rawKey(Kmip.hex("00112233445566778899aabbccddeeff"), keyward.kmip.spec.CryptographicAlgorithm.AES, 128))),
        RequestBatchItem.of(Operation.CHECK, payload(mask(CryptographicUsageMask.DECRYPT))),
        RequestBatchItem.of(Operation.GET, payload()));
    ok(r.get(0));
    assertThat(r.get(1).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(r.get(2).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
  }

  /** TC-51: a count within the Usage Limits passes; beyond them fails. */
  @Test
  void usageLimitsCountIsCheckedAgainstWhatRemains() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, limits(1000));
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 500)));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 1001))
        .resultReason()).isEqualTo(ResultReason.USAGE_LIMIT_EXCEEDED);
    assertThat(Kmip.call(h, KmipVersion.V1_2, Operation.CHECK, uid, new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 1001))
        .resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void aLeaseLongerThanGrantedFails() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, new Item.Interval(Tag.LEASE_TIME, 3600)));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, new Item.Interval(Tag.LEASE_TIME, 3601))
        .resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void checkChangesNothing() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, limits(10));
    var before = Kmip.stored(h, uid).attributes().items();
    h.clock.advanceSeconds(5);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.CHECK, uid, new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 10)));
    assertThat(Kmip.stored(h, uid).attributes().items()).isEqualTo(before);
  }

  private static Item.Structure payload(Item... items) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, items);
  }
}
