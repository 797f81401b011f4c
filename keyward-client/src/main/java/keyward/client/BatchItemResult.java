package keyward.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;

/**
 * The answer to one batch item. The typed readers ({@link #uniqueIdentifier()},
 * {@link #attributes()}, ...) throw the item's {@link KmipClientException} when it did not
 * succeed, so {@code result.item(0).uniqueIdentifier()} either is the identifier or says why not.
 *
 * @param operation the item's operation
 * @param resultStatus Success, Operation Failed, Operation Pending, Operation Undone; null when
 *     the server did not process the item (an earlier one failed under Stop or Undo)
 * @param resultReason the server's Result Reason on failure, or null
 * @param resultMessage the server's Result Message, or null
 * @param asynchronousCorrelationValue on Operation Pending (a batch sent {@link Batch#asynchronous()}):
 *     the value to {@link KmipClient#poll} or {@link KmipClient#cancel} the item with, else null
 * @param payload the response payload in the 2.x shape (also on Operation Undone: what was
 *     undone), or null
 */
public record BatchItemResult(Operation operation, ResultStatus resultStatus, ResultReason resultReason,
    String resultMessage, Item.Structure payload, byte[] asynchronousCorrelationValue) {

  public BatchItemResult(Operation operation, ResultStatus resultStatus, ResultReason resultReason,
      String resultMessage, Item.Structure payload) {
    this(operation, resultStatus, resultReason, resultMessage, payload, null);
  }

  /** Whether the server answered Operation Pending: poll later with {@link #asynchronousCorrelationValue}. */
  public boolean pending() {
    return resultStatus == ResultStatus.OPERATION_PENDING;
  }

  /** Whether the item succeeded (and was not undone). */
  public boolean succeeded() {
    return resultStatus == ResultStatus.SUCCESS;
  }

  /** The failure as an exception: Result Reason and Message; null when the item succeeded. */
  public KmipClientException failure() {
    if (succeeded()) {
      return null;
    }
    if (resultStatus == null) {
      return new KmipClientException(operation, null,
          "not processed: an earlier batch item failed and the batch stopped");
    }
    if (pending()) {
      return new KmipClientException(operation, null, "pending: Poll with the Asynchronous Correlation Value for the result");
    }
    if (resultStatus == ResultStatus.OPERATION_UNDONE) {
      return new KmipClientException(operation, null, "undone: a later batch item failed and the batch was undone");
    }
    return new KmipClientException(operation, resultReason, resultMessage);
  }

  /** Throws {@link #failure()} unless the item succeeded. */
  public BatchItemResult orThrow() {
    KmipClientException e = failure();
    if (e != null) {
      throw e;
    }
    return this;
  }

  /** Cancel's Cancellation Result (Canceled, or Unavailable when nothing was pending under the value). */
  public keyward.kmip.spec.CancellationResult cancellationResult() {
    Item i = responsePayload().first(Tag.CANCELLATION_RESULT)
        .orElseThrow(() -> new KmipClientException("the answer has no Cancellation Result", null));
    return keyward.kmip.spec.CancellationResult.fromValue(((Item.Enumeration) i).value());
  }

  /** The response payload (2.x shape) of a successful item. */
  public Item.Structure responsePayload() {
    return orThrow().payload;
  }

  /** The Unique Identifier the item answered (Create, Register, Re-key, Activate, ...). */
  public String uniqueIdentifier() {
    return Payloads.uniqueIdentifier(responsePayload());
  }

  /** Locate: the matching Unique Identifiers. */
  public List<String> uniqueIdentifiers() {
    return Payloads.uniqueIdentifiers(responsePayload());
  }

  /** Get Attributes: the attributes, 2.x shape. */
  public ObjectAttributes attributes() {
    return ObjectAttributes.fromResponse(responsePayload());
  }

  /** Get Attribute List: the attribute names. */
  public List<String> attributeNames() {
    return Payloads.attributeNames(responsePayload());
  }

  /**
   * Get: the object's bytes: Key Material of a key or secret data (Raw / Opaque format), or the
   * Opaque Data Value of an opaque object. The caller should clear the array after use.
   */
  public byte[] objectBytes() {
    return Payloads.objectBytes(responsePayload());
  }

  /** Query: operations and object types. */
  public QueryResult query() {
    return QueryResult.from(responsePayload());
  }

  /** Obtain Lease: the lease granted. */
  public Lease lease() {
    Item.Structure p = responsePayload();
    long seconds = p.first(Tag.LEASE_TIME).filter(Item.Interval.class::isInstance)
        .map(i -> ((Item.Interval) i).seconds())
        .orElseThrow(() -> new KmipClientException("the Obtain Lease answer has no Lease Time", null));
    Instant changed = p.first(Tag.LAST_CHANGE_DATE).filter(Item.DateTime.class::isInstance)
        .map(i -> Instant.ofEpochSecond(((Item.DateTime) i).epochSeconds())).orElse(null);
    return new Lease(Payloads.uniqueIdentifier(p), Duration.ofSeconds(seconds), changed);
  }

  /** Create Key Pair, Re-key Key Pair: the two new Unique Identifiers. */
  public KeyPairIds keyPair() {
    return KeyPairIds.from(responsePayload());
  }

  /** Encrypt, Decrypt: the Data, and the IV/Counter/Nonce and tag the server made. */
  public CipherResult cipherResult() {
    return CipherResult.from(responsePayload());
  }

  /** Sign: the Signature Data. */
  public byte[] signatureData() {
    return CryptoPayloads.required(responsePayload(), Tag.SIGNATURE_DATA, "Signature Data");
  }

  /** MAC: the MAC Data. */
  public byte[] macData() {
    return CryptoPayloads.required(responsePayload(), Tag.MAC_DATA, "MAC Data");
  }

  /** MAC: the IV/Counter/Nonce the server made for a GMAC (Random IV), or null. */
  public byte[] ivCounterNonce() {
    return CryptoPayloads.bytes(responsePayload(), Tag.IV_COUNTER_NONCE);
  }

  /** Signature Verify, MAC Verify: Valid or Invalid. */
  public ValidityIndicator validityIndicator() {
    return CryptoPayloads.validity(responsePayload());
  }

  /** Hash (the digest), RNG Retrieve (the random bytes): the Data. */
  public byte[] data() {
    return CryptoPayloads.required(responsePayload(), Tag.DATA, "Data");
  }

  /** RNG Seed: how many seed bytes the server accepted (Data Length). */
  public int dataLength() {
    return CryptoPayloads.dataLength(responsePayload());
  }

  /** A description without the payload (which may hold key material). */
  @Override
  public String toString() {
    return operation.specName() + ": " + (resultStatus == null ? "not processed" : resultStatus.specName())
        + (resultReason == null ? "" : " (" + resultReason.specName() + ")");
  }
}
