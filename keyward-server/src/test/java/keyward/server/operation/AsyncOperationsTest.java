package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CancellationResult;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Asynchronous items (Asynchronous Indicator in the request header): Operation Pending with an
 * Asynchronous Correlation Value, then Poll (the item's own answer) or Cancel. The KMIP Test
 * Cases TC-32 (Locate) and TC-101 (Archive, Recover) of 1.0-1.2; the same holds in 2.x.
 */
class AsyncOperationsTest {
  static final List<KmipVersion> VERSIONS = List.of(KmipVersion.V1_0, KmipVersion.V1_2, KmipVersion.V2_1);
  private final ServerHarness h = new ServerHarness();

  private ResponseBatchItem sendAsync(KmipVersion v, Operation op, Item... payload) throws Exception {
    RequestHeader header = new RequestHeader(ProtocolVersion.of(v), null, null, null, true, null, List.of(), null,
        null, null, null, 1);
    return h.send(v, header, RequestBatchItem.of(op, new Item.Structure(Tag.REQUEST_PAYLOAD, payload))).getFirst();
  }

  private static Item acv(ResponseBatchItem r) {
    return new Item.ByteString(Tag.ASYNCHRONOUS_CORRELATION_VALUE, r.asynchronousCorrelationValue());
  }

  /** TC-32 steps 1-2: the Locate is pending, and Poll answers with the Locate's own result. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aPendingLocateIsAnsweredByPoll(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    ResponseBatchItem pending = sendAsync(v, Operation.LOCATE);
    assertThat(pending.resultStatus()).isEqualTo(ResultStatus.OPERATION_PENDING);
    assertThat(pending.operation()).isEqualTo(Operation.LOCATE);
    assertThat(pending.asynchronousCorrelationValue()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(pending.responsePayload()).isNull();
    ResponseBatchItem polled = ok(h.call(v, Operation.POLL, acv(pending)));
    assertThat(polled.operation()).isEqualTo(Operation.LOCATE);
    assertThat(polled.responsePayload().all(Tag.UNIQUE_IDENTIFIER)).containsExactly(Kmip.uid(uid));
    // polled once: the value names nothing any more
    assertThat(h.call(v, Operation.POLL, acv(pending)).resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }

  /** TC-32 step 8: a pending Locate is canceled; polling it then finds nothing; canceling again is Unavailable. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aPendingItemCanBeCanceledOnce(KmipVersion v) throws Exception {
    ResponseBatchItem pending = sendAsync(v, Operation.LOCATE);
    ResponseBatchItem canceled = ok(h.call(v, Operation.CANCEL, acv(pending)));
    assertThat(canceled.responsePayload().items()).containsExactly(acv(pending),
        new Item.Enumeration(Tag.CANCELLATION_RESULT, CancellationResult.CANCELED.value()));
    assertThat(h.call(v, Operation.POLL, acv(pending)).resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
    assertThat(ok(h.call(v, Operation.CANCEL, acv(pending))).responsePayload().first(Tag.CANCELLATION_RESULT))
        .contains(new Item.Enumeration(Tag.CANCELLATION_RESULT, CancellationResult.UNAVAILABLE.value()));
  }

  /** TC-101 step 3: Archive runs when polled, not before. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aPendingArchiveRunsWhenPolled(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    ResponseBatchItem pending = sendAsync(v, Operation.ARCHIVE, Kmip.uid(uid));
    assertThat(pending.resultStatus()).isEqualTo(ResultStatus.OPERATION_PENDING);
    ok(Kmip.call(h, v, Operation.GET, uid)); // not archived yet
    ResponseBatchItem polled = ok(h.call(v, Operation.POLL, acv(pending)));
    assertThat(polled.operation()).isEqualTo(Operation.ARCHIVE);
    assertThat(Kmip.call(h, v, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED);
  }

  /** Another identity cannot poll or cancel the item; operations other than Locate/Archive/Recover run at once. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void pendingItemsBelongToTheirSenderAndOnlySomeOperationsWait(KmipVersion v) throws Exception {
    ResponseBatchItem pending = sendAsync(v, Operation.LOCATE);
    h.as("mallory");
    assertThat(h.call(v, Operation.POLL, acv(pending)).resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
    assertThat(ok(h.call(v, Operation.CANCEL, acv(pending))).responsePayload().first(Tag.CANCELLATION_RESULT))
        .contains(new Item.Enumeration(Tag.CANCELLATION_RESULT, CancellationResult.UNAVAILABLE.value()));
    h.as("alice");
    ok(h.call(v, Operation.POLL, acv(pending)));
    ResponseBatchItem create = sendAsync(v, Operation.CREATE, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.alg(keyward.kmip.spec.CryptographicAlgorithm.AES), Kmip.len(128),
            Kmip.mask(keyward.kmip.spec.CryptographicUsageMask.ENCRYPT)));
    assertThat(create.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
  }

  /** The pending items of one identity are bounded: past the bound, items run at once. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void pendingItemsAreBoundedPerIdentity(KmipVersion v) throws Exception {
    for (int i = 0; i < PendingOperations.PER_IDENTITY; i++) {
      assertThat(sendAsync(v, Operation.LOCATE).resultStatus()).isEqualTo(ResultStatus.OPERATION_PENDING);
    }
    assertThat(sendAsync(v, Operation.LOCATE).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    h.as("bob");
    assertThat(sendAsync(v, Operation.LOCATE).resultStatus()).isEqualTo(ResultStatus.OPERATION_PENDING);
  }

  /** A pending item is kept in memory: one over {@link PendingOperations#MAX_ITEM_BYTES} runs at once. */
  @org.junit.jupiter.api.Test
  void aLargeItemIsNotKeptPending() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    Item small = Kmip.attributes(v, Kmip.name("k"));
    Item large = Kmip.attributes(v, Kmip.name("k".repeat(PendingOperations.MAX_ITEM_BYTES)));
    assertThat(PendingOperations.ttlvSize(large)).isGreaterThan(PendingOperations.MAX_ITEM_BYTES);
    assertThat(sendAsync(v, Operation.LOCATE, small).resultStatus()).isEqualTo(ResultStatus.OPERATION_PENDING);
    assertThat(sendAsync(v, Operation.LOCATE, large).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
  }

  /** A batch under Undo shares one transaction; a polled item needs its own: Poll there is refused, clearly. */
  @org.junit.jupiter.api.Test
  void pollInABatchUnderUndoIsRefused() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    ResponseBatchItem pending = sendAsync(v, Operation.LOCATE);
    RequestHeader undo = new RequestHeader(ProtocolVersion.of(v), null, null, null, null, null, List.of(), null,
        keyward.kmip.spec.BatchErrorContinuationOption.UNDO, null, null, 2);
    List<ResponseBatchItem> r = h.send(v, undo,
        new RequestBatchItem(Operation.PING, null, new byte[] {1}, new Item.Structure(Tag.REQUEST_PAYLOAD), List.of()),
        new RequestBatchItem(Operation.POLL, null, new byte[] {2}, new Item.Structure(Tag.REQUEST_PAYLOAD, acv(pending)),
            List.of()));
    assertThat(r.get(1).resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    ok(h.call(v, Operation.POLL, acv(pending))); // still pending: polled outside the batch
  }
}
