package keyward.kmip.message;

import java.util.List;
import keyward.kmip.bind.Required;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.ttlv.Item;

/** A response Batch Item: result status, reason and message, and the payload on success. */
public record ResponseBatchItem(
    Operation operation,
    byte[] uniqueBatchItemID,
    @Required ResultStatus resultStatus,
    ResultReason resultReason,
    String resultMessage,
    byte[] asynchronousCorrelationValue,
    Item.Structure responsePayload,
    List<Item.Structure> messageExtension) {

  public static ResponseBatchItem success(
      Operation operation, byte[] uniqueBatchItemID, Item.Structure payload) {
    return new ResponseBatchItem(
        operation, uniqueBatchItemID, ResultStatus.SUCCESS, null, null, null, payload, List.of());
  }

  public static ResponseBatchItem failure(
      Operation operation, byte[] uniqueBatchItemID, ResultReason reason, String message) {
    return new ResponseBatchItem(
        operation, uniqueBatchItemID, ResultStatus.OPERATION_FAILED, reason, message, null, null, List.of());
  }
}
