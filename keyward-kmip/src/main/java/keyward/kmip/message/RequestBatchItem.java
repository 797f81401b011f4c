package keyward.kmip.message;

import java.util.List;
import keyward.kmip.bind.Required;
import keyward.kmip.bind.Since;
import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;

/**
 * A request Batch Item. The payload stays a subtree: each operation's handler binds it to its
 * own record.
 */
public record RequestBatchItem(
    @Required Operation operation,
    @Since("2.0") Boolean ephemeral,
    byte[] uniqueBatchItemID,
    @Required Item.Structure requestPayload,
    List<Item.Structure> messageExtension) {

  public static RequestBatchItem of(Operation operation, Item.Structure payload) {
    return new RequestBatchItem(operation, null, null, payload, List.of());
  }
}
