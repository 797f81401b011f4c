package keyward.client;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import keyward.kmip.bind.BindException;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** Batch items to a request message in the spoken version, and its answer back to results. */
final class BatchExchange {
  private BatchExchange() {}

  /** Operations that may be sent again after a transport failure: they change nothing. */
  static final Set<Operation> IDEMPOTENT = EnumSet.of(Operation.GET, Operation.GET_ATTRIBUTES,
      Operation.GET_ATTRIBUTE_LIST, Operation.LOCATE, Operation.QUERY, Operation.DISCOVER_VERSIONS,
      Operation.CHECK, Operation.OBTAIN_LEASE, Operation.PING,
      // the cryptographic services that neither spend Usage Limits nor change the server's state
      Operation.DECRYPT, Operation.SIGNATURE_VERIFY, Operation.MAC_VERIFY, Operation.HASH, Operation.RNG_RETRIEVE);

  /**
   * One request message with these batch items; an answer per item, in order. With more than one
   * item each carries a Unique Batch Item ID (required then: KMIP 1.4 §7.2, 2.1 §8.2) and the
   * answers are matched by it.
   */
  static BatchResult send(Transport transport, KmipVersion v, List<Batch.Pending> items, BatchErrorContinuationOption onError) {
    return send(transport, v, items, onError, false);
  }

  /** With {@code asynchronous}, the header's Asynchronous Indicator is True. */
  static BatchResult send(Transport transport, KmipVersion v, List<Batch.Pending> items, BatchErrorContinuationOption onError,
      boolean asynchronous) {
    if (items.size() > 0xFFFF) {
      throw new IllegalArgumentException("at most 65535 items in one batch, not " + items.size());
    }
    List<RequestBatchItem> request = new ArrayList<>();
    boolean idempotent = true;
    for (int i = 0; i < items.size(); i++) {
      Batch.Pending p = items.get(i);
      Item.Structure payload = new Item.Structure(Tag.REQUEST_PAYLOAD, p.payload());
      request.add(new RequestBatchItem(p.operation(), null, items.size() > 1 ? batchItemId(i) : null,
          v.atLeast(KmipVersion.V2_0) ? payload : Shapes.requestToV1(p.operation(), payload), List.of()));
      idempotent &= IDEMPOTENT.contains(p.operation());
    }
    RequestHeader h = RequestHeader.of(ProtocolVersion.of(v), items.size());
    if (onError != null || asynchronous) {
      h = new RequestHeader(h.protocolVersion(), null, null, null, asynchronous ? Boolean.TRUE : null, null, List.of(),
          null, onError, null, null, h.batchCount());
    }
    Item response = transport.exchange(new RequestMessage(h, request).toItem(v), idempotent);
    ResponseMessage r;
    try {
      r = ResponseMessage.fromItem(response, v);
    } catch (BindException e) {
      throw new KmipClientException("the server's answer is not a KMIP " + v + " Response Message: "
          + e.getMessage(), e);
    }
    if (r.batchItems().size() > items.size()
        || r.batchItems().size() < items.size() && (onError == null || onError == BatchErrorContinuationOption.CONTINUE)) {
      throw new KmipClientException("the server answered " + r.batchItems().size() + " batch items for "
          + items.size(), null);
    }
    BatchItemResult[] out = new BatchItemResult[items.size()];
    for (int i = 0; i < r.batchItems().size(); i++) {
      ResponseBatchItem b = r.batchItems().get(i);
      int index = b.uniqueBatchItemID() != null && items.size() > 1 ? indexOf(b.uniqueBatchItemID(), items.size()) : i;
      if (out[index] != null) {
        throw new KmipClientException("the server answered batch item " + index + " twice", null);
      }
      Operation op = items.get(index).operation();
      if (op == Operation.POLL && b.operation() != null) {
        op = b.operation(); // Poll is answered with the polled item's own operation and payload
      }
      Item.Structure payload = b.responsePayload();
      if (payload != null && !v.atLeast(KmipVersion.V2_0)) {
        payload = Shapes.responseToV2(op, payload);
      }
      if (b.resultStatus() == ResultStatus.SUCCESS && payload == null) {
        payload = new Item.Structure(Tag.RESPONSE_PAYLOAD);
      }
      out[index] = new BatchItemResult(op, b.resultStatus(), b.resultReason(), b.resultMessage(), payload,
          b.asynchronousCorrelationValue());
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = new BatchItemResult(items.get(i).operation(), null, null, null, null); // not processed
      }
    }
    return new BatchResult(List.of(out));
  }

  private static byte[] batchItemId(int index) {
    return new byte[] {(byte) (index >>> 8), (byte) index};
  }

  private static int indexOf(byte[] id, int count) {
    if (id.length == 2) {
      int i = ((id[0] & 0xff) << 8) | (id[1] & 0xff);
      if (i < count) {
        return i;
      }
    }
    throw new KmipClientException("the server answered a Unique Batch Item ID the request did not have", null);
  }

}
