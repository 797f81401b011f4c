package keyward.server.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.operation.BatchState;

/**
 * Batch Error Continuation Option Undo: all items run in one store transaction; the first
 * failure rolls everything back, the items that had succeeded are answered Operation Undone
 * (without their cryptographic output), and later items are not processed.
 */
final class UndoBatch {
  private final MessageProcessor processor;
  private final RequestMessage message;
  private final Caller caller;
  private final KmipVersion version;
  private final Instant now;
  private final String correlation;

  UndoBatch(MessageProcessor processor, RequestMessage message, Caller caller, KmipVersion version,
      Instant now, String correlation) {
    this.processor = processor;
    this.message = message;
    this.caller = caller;
    this.version = version;
    this.now = now;
    this.correlation = correlation;
  }

  private static final class Rollback extends Exception {
    Rollback() {
      super(null, null, false, false);
    }
  }

  /**
   * Cryptographic output an undone item must not hand out: its Usage Limits spending was rolled
   * back with the batch, so ciphertext, a signature or a MAC would be a use nobody counted. A
   * Correlation Value goes too: continuing that stream would spend nothing either.
   */
  private static final java.util.Set<Integer> OUTPUT = java.util.Set.of(Tag.DATA, Tag.SIGNATURE_DATA, Tag.MAC_DATA,
      Tag.AUTHENTICATED_ENCRYPTION_TAG, Tag.IV_COUNTER_NONCE, Tag.CORRELATION_VALUE);

  private static Item.Structure withoutOutput(Item.Structure payload) {
    if (payload == null || payload.items().stream().noneMatch(i -> OUTPUT.contains(i.tag()))) {
      return payload;
    }
    return new Item.Structure(payload.tag(), payload.items().stream().filter(i -> !OUTPUT.contains(i.tag())).toList());
  }

  List<ResponseBatchItem> run() {
    List<ResponseBatchItem> results = new ArrayList<>();
    BatchState batch = new BatchState();
    try {
      processor.store().inTransaction(false, tx -> {
        for (RequestBatchItem item : message.batchItems()) {
          ResponseBatchItem r = processor.runItem(item, caller, version, now, batch, correlation, tx);
          results.add(r);
          if (r.resultStatus() != ResultStatus.SUCCESS) {
            throw new Rollback();
          }
        }
        return null;
      });
      batch.committed();
    } catch (Rollback e) {
      batch.rolledBack();
      for (int i = 0; i < results.size() - 1; i++) {
        ResponseBatchItem done = results.get(i);
        // the payload stays: it says what was undone (BL-M-2-21 answers it so)
        results.set(i, new ResponseBatchItem(done.operation(), done.uniqueBatchItemID(),
            ResultStatus.OPERATION_UNDONE, null, null, null, withoutOutput(done.responsePayload()), List.of()));
      }
    } catch (Exception e) {
      // the commit itself failed: nothing took effect
      batch.rolledBack();
      results.clear();
      String why = keyward.spi.store.StoreException.isUnwritable(e) ? MessageProcessor.STORE_UNWRITABLE
          : "batch could not be committed";
      for (RequestBatchItem item : message.batchItems()) {
        results.add(MessageProcessor.failure(item, ResultReason.GENERAL_FAILURE,
            why + "; server correlation " + correlation));
      }
    }
    return results;
  }
}
