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
import keyward.server.Caller;
import keyward.server.operation.BatchState;

/**
 * Batch Error Continuation Option Undo: all items run in one store transaction; the first
 * failure rolls everything back, the items that had succeeded are answered Operation Undone,
 * and later items are not processed.
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

  List<ResponseBatchItem> run() {
    List<ResponseBatchItem> results = new ArrayList<>();
    try {
      processor.store().inTransaction(false, tx -> {
        BatchState batch = new BatchState();
        for (RequestBatchItem item : message.batchItems()) {
          ResponseBatchItem r = processor.runItem(item, caller, version, now, batch, correlation, tx);
          results.add(r);
          if (r.resultStatus() != ResultStatus.SUCCESS) {
            throw new Rollback();
          }
        }
        return null;
      });
    } catch (Rollback e) {
      for (int i = 0; i < results.size() - 1; i++) {
        ResponseBatchItem done = results.get(i);
        // the payload stays: it says what was undone (BL-M-2-21 answers it so)
        results.set(i, new ResponseBatchItem(done.operation(), done.uniqueBatchItemID(),
            ResultStatus.OPERATION_UNDONE, null, null, null, done.responsePayload(), List.of()));
      }
    } catch (Exception e) {
      // the commit itself failed: nothing took effect
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
