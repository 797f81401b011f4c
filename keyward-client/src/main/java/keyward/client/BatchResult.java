package keyward.client;

import java.util.List;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** The answers to a {@link Batch}, one per item in the order sent. */
public record BatchResult(List<BatchItemResult> items) {
  /** The answers, copied. */
  public BatchResult {
    items = List.copyOf(items);
  }

  /** The answer to item {@code index} (0-based, in the order the items were added). */
  public BatchItemResult item(int index) {
    return items.get(index);
  }

  /** Whether every item succeeded. */
  public boolean succeeded() {
    return items.stream().allMatch(BatchItemResult::succeeded);
  }

  /**
   * Throws for the item that failed (the one with Operation Failed, not the ones undone or left
   * unprocessed because of it). When an earlier item had succeeded (e.g. Create succeeded,
   * Activate failed) the message says so and names the object the first item answered, so the
   * caller learns that the object exists.
   */
  public BatchResult orThrow() {
    int cause = -1;
    for (int i = 0; i < items.size() && cause < 0; i++) {
      if (items.get(i).resultStatus() == ResultStatus.OPERATION_FAILED) {
        cause = i;
      }
    }
    for (int i = 0; i < items.size() && cause < 0; i++) {
      if (!items.get(i).succeeded()) {
        cause = i;
      }
    }
    if (cause < 0) {
      return this;
    }
    BatchItemResult r = items.get(cause);
    if (cause > 0 && items.getFirst().succeeded()) {
      String first = items.getFirst().payload().first(Tag.UNIQUE_IDENTIFIER)
          .filter(Item.TextString.class::isInstance).map(t -> ((Item.TextString) t).value()).orElse(null);
      String m = r.resultMessage();
      throw new KmipClientException(r.operation(), r.resultReason(), (m == null ? "" : m + "; ")
          + "the earlier batch items succeeded" + (first == null ? "" : " (Unique Identifier " + first + ")"));
    }
    throw r.failure();
  }
}
