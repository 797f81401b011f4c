package keyward.server.operation;

import java.time.Instant;
import keyward.kmip.spec.KmipVersion;
import keyward.server.Caller;
import keyward.server.object.ObjectService;

/**
 * What a handler may use for one batch item: who asks, in which protocol version, the objects
 * (inside the item's store transaction), the request's clock reading, and the batch's ID
 * Placeholder.
 */
public final class OperationContext {
  private final Caller caller;
  private final KmipVersion version;
  private final ObjectService objects;
  private final Instant now;
  private final BatchState batch;
  private final int maxLocateItems;

  public OperationContext(
      Caller caller, KmipVersion version, ObjectService objects, Instant now, BatchState batch) {
    this(caller, version, objects, now, batch, Integer.MAX_VALUE);
  }

  /** With the most identifiers one Locate may return (the server's cap on Maximum Items). */
  public OperationContext(Caller caller, KmipVersion version, ObjectService objects, Instant now,
      BatchState batch, int maxLocateItems) {
    this.maxLocateItems = maxLocateItems;
    this.caller = caller;
    this.version = version;
    this.objects = objects;
    this.now = now;
    this.batch = batch;
  }

  public Caller caller() {
    return caller;
  }

  public KmipVersion version() {
    return version;
  }

  public ObjectService objects() {
    return objects;
  }

  /** One clock reading per request, so every date a request sets is the same instant. */
  public Instant now() {
    return now;
  }

  /** The most identifiers one Locate may return, whatever Maximum Items asks. */
  public int maxLocateItems() {
    return maxLocateItems;
  }

  public BatchState batch() {
    return batch;
  }

  /** The identifier from the payload, or the ID Placeholder when the payload has none. */
  public String uniqueIdentifierOrPlaceholder(String fromPayload) throws keyward.server.KmipException {
    if (fromPayload != null) {
      return fromPayload;
    }
    String placeholder = batch.idPlaceholder();
    if (placeholder == null && batch.locatedNothing()) {
      throw new keyward.server.KmipException(keyward.kmip.spec.ResultReason.ITEM_NOT_FOUND,
          "Unique Identifier missing and the Locate before it in the batch found no object");
    }
    if (placeholder == null) {
      throw keyward.server.KmipException.missingData("Unique Identifier missing and no ID Placeholder set");
    }
    return placeholder;
  }

  /**
   * The request payload with the Templates its 1.x Template-Attributes name replaced by their
   * attributes ({@link Templates}); as it is for 2.x, which has no Templates.
   */
  public static keyward.kmip.ttlv.Item.Structure withTemplates(OperationContext ctx,
      keyward.kmip.ttlv.Item.Structure payload) throws Exception {
    return ctx.version().atLeast(KmipVersion.V2_0) || payload == null ? payload : Templates.apply(ctx, payload);
  }
}
