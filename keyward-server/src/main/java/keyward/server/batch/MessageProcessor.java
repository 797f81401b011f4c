package keyward.server.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import keyward.kmip.bind.BindException;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseHeader;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.message.VersionGuard;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.KmipException;
import keyward.server.audit.AuditEvent;
import keyward.server.audit.AuditEvents;
import keyward.server.audit.AuditSink;
import keyward.server.object.ObjectService;
import keyward.server.operation.BatchState;
import keyward.server.operation.OperationContext;
import keyward.server.operation.OperationHandler;
import keyward.server.operation.OperationTable;
import keyward.server.operation.PendingOperations;
import keyward.server.operation.PollHandler;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request message into one response message: decoding, version negotiation,
 * authentication, the batch (order, error continuation, ID Placeholder), dispatch, and the
 * version check of everything that goes out. Both transports call it.
 */
public final class MessageProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

  private final OperationTable operations;
  private final ObjectStore store;
  private final ObjectService.Factory objects;
  private final Authenticator authenticator;
  private final TtlvCodec ttlv;
  private final Clock clock;
  private final ProtocolNegotiation negotiation;
  private final AuditSink audit;
  private final RequestLimits requestLimits;
  private final RateLimiter rate;

  public MessageProcessor(
      OperationTable operations,
      ObjectStore store,
      ObjectService.Factory objects,
      Authenticator authenticator,
      CodecLimits limits,
      Clock clock,
      ProtocolNegotiation negotiation) {
    this(operations, store, objects, authenticator, limits, clock, negotiation, AuditSink.NONE,
        RequestLimits.DEFAULT, System::nanoTime);
  }

  /**
   * With request limits, and an audit sink that hears of every batch item before its response
   * goes out.
   */
  public MessageProcessor(
      OperationTable operations,
      ObjectStore store,
      ObjectService.Factory objects,
      Authenticator authenticator,
      CodecLimits limits,
      Clock clock,
      ProtocolNegotiation negotiation,
      AuditSink audit,
      RequestLimits requestLimits,
      LongSupplier nanoTime) {
    this.audit = audit;
    this.requestLimits = requestLimits;
    this.rate = new RateLimiter(requestLimits.requestsPerSecond(), nanoTime);
    this.operations = operations;
    this.store = store;
    this.objects = objects;
    this.authenticator = authenticator;
    this.ttlv = new TtlvCodec(limits);
    this.clock = clock;
    this.negotiation = negotiation;
  }

  /** TTLV in, TTLV out. A message that does not decode gets an Invalid Message response. */
  public byte[] process(byte[] message, Caller caller) {
    Item request;
    try {
      request = ttlv.decode(message);
    } catch (DecodeException e) {
      return ttlv.encode(undecodable(e, caller));
    }
    return ttlv.encode(process(request, caller));
  }

  /**
   * The Invalid Message response to a message that did not decode (in any encoding); its
   * Protocol Version is the fallback one, as the request's could not be read.
   */
  public Item.Structure undecodable(DecodeException e, Caller caller) {
    LOG.info("undecodable message from {} ({}): {}", caller.identity(), caller.remoteAddress(), e.getMessage());
    audit.record(AuditEvents.undecodable(caller, clock.instant()));
    return errorResponse(negotiation.fallback(), ResultReason.INVALID_MESSAGE,
        "message could not be decoded", newCorrelation());
  }

  /**
   * Tree in, tree out: the XML and JSON encodings over HTTPS use this. Every batch item is
   * audited before the response is returned.
   */
  public Item.Structure process(Item request, Caller caller) {
    Instant received = clock.instant();
    Caller[] actingAs = {caller}; // becomes the credential's user once authenticated
    Item.Structure response = answer(request, caller, actingAs);
    for (AuditEvent e : AuditEvents.of(request, response, actingAs[0], received)) {
      audit.record(e);
    }
    return response;
  }

  private Item.Structure answer(Item request, Caller caller, Caller[] actingAs) {
    String correlation = newCorrelation();
    Instant now = clock.instant();
    ProtocolVersion requested = RequestVersion.of(request);
    KmipVersion version = requested == null ? negotiation.fallback() : negotiation.negotiate(requested);
    if (request.tag() != Tag.REQUEST_MESSAGE || requested == null) {
      return errorResponse(negotiation.fallback(), ResultReason.INVALID_MESSAGE,
          "not a Request Message with a Protocol Version", correlation);
    }
    if (version == null) {
      return errorResponse(negotiation.fallback(), ResultReason.INVALID_MESSAGE,
          "protocol version " + requested + " not supported", correlation);
    }
    RequestMessage message;
    try {
      message = RequestMessage.fromItem(request, version);
    } catch (BindException e) {
      return errorResponse(version, ResultReason.INVALID_MESSAGE, e.getMessage(), correlation);
    }
    RequestHeader header = message.requestHeader();
    if (header.batchCount() != null && header.batchCount() != message.batchItems().size()) {
      return errorResponse(version, ResultReason.INVALID_MESSAGE,
          "Batch Count does not match the batch items", correlation);
    }
    if (message.batchItems().size() > requestLimits.maxBatchItems()) {
      return errorResponse(version, ResultReason.SERVER_LIMIT_EXCEEDED,
          "a request may hold at most " + requestLimits.maxBatchItems() + " batch items", correlation);
    }
    if (!rate.tryAcquire(caller.identity())) {
      LOG.info("request from {} ({}) refused: over {} requests per second", caller.identity(),
          caller.remoteAddress(), requestLimits.requestsPerSecond());
      return errorResponse(version, ResultReason.SERVER_LIMIT_EXCEEDED,
          "over " + requestLimits.requestsPerSecond() + " requests per second", correlation);
    }
    List<ResponseBatchItem> results;
    try {
      Caller who = authenticator.authenticate(caller, header.authentication());
      actingAs[0] = who;
      results = runBatch(message, who, version, now, correlation);
    } catch (KmipException e) {
      results = new ArrayList<>();
      for (RequestBatchItem item : message.batchItems()) {
        results.add(failure(item, ReasonsByVersion.forVersion(e.reason(), version), e.getMessage()));
      }
      LOG.info("authentication failed for {} ({})", caller.identity(), caller.remoteAddress());
    }
    Item.Structure response = respond(version, header, now, results, correlation);
    Integer max = header.maximumResponseSize();
    if (max != null && ttlv.encodedLength(response) > max) {
      List<ResponseBatchItem> tooLarge = new ArrayList<>();
      for (ResponseBatchItem r : results) {
        tooLarge.add(r.resultStatus() == ResultStatus.SUCCESS
            ? ResponseBatchItem.failure(r.operation(), r.uniqueBatchItemID(),
                ResultReason.RESPONSE_TOO_LARGE, "response exceeds Maximum Response Size")
            : r);
      }
      response = respond(version, header, now, tooLarge, correlation);
    }
    return response;
  }

  private List<ResponseBatchItem> runBatch(
      RequestMessage message, Caller caller, KmipVersion version, Instant now, String correlation)
      throws KmipException {
    BatchErrorContinuationOption onError = message.requestHeader().batchErrorContinuationOption();
    BatchState batch = new BatchState();
    List<ResponseBatchItem> results = new ArrayList<>();
    if (onError == BatchErrorContinuationOption.UNDO && message.batchItems().size() > 1) {
      return new UndoBatch(this, message, caller, version, now, correlation).run();
    }
    boolean asynchronous = Boolean.TRUE.equals(message.requestHeader().asynchronousIndicator());
    for (RequestBatchItem item : message.batchItems()) {
      ResponseBatchItem r = asynchronous ? deferred(item, caller, version, now) : null;
      if (r == null) {
        r = runItem(item, caller, version, now, batch, correlation, null);
      }
      results.add(r);
      if (r.resultStatus() != ResultStatus.SUCCESS && onError == BatchErrorContinuationOption.STOP) {
        break; // Stop: later items are not processed and get no response
      }
    }
    return results;
  }

  /**
   * The Operation Pending answer of an item the client allows to run asynchronously, kept until
   * it is polled ({@link PendingOperations}); null when it runs now.
   */
  private ResponseBatchItem deferred(RequestBatchItem item, Caller caller, KmipVersion version, Instant now) {
    Operation op = item.operation();
    if (!(operations.get(Operation.POLL) instanceof PollHandler poll) || !op.definedIn(version)
        || operations.get(op) == null || criticalExtension(item)) {
      return null;
    }
    byte[] value = poll.pending().defer(caller.identity(), item, now);
    return value == null ? null : new ResponseBatchItem(op, item.uniqueBatchItemID(), ResultStatus.OPERATION_PENDING,
        null, null, value, null, List.of());
  }

  /**
   * Poll: the pending item of this caller with the Asynchronous Correlation Value runs now, and
   * its response (its operation, status and payload) answers the Poll (TC-32 step 2).
   */
  private ResponseBatchItem poll(PollHandler poll, RequestBatchItem item, Caller caller, KmipVersion version,
      Instant now, String correlation) {
    Item value = item.requestPayload().first(Tag.ASYNCHRONOUS_CORRELATION_VALUE).orElse(null);
    if (!(value instanceof Item.ByteString acv)) {
      return failure(item, ResultReason.INVALID_FIELD, "Poll needs the Asynchronous Correlation Value");
    }
    PendingOperations.Pending p = poll.pending().take(caller.identity(), acv.value(), now);
    if (p == null) {
      return failure(item, ResultReason.ITEM_NOT_FOUND,
          "no pending operation has this Asynchronous Correlation Value (polled, canceled or expired?)");
    }
    RequestBatchItem polled = new RequestBatchItem(p.item().operation(), p.item().ephemeral(),
        item.uniqueBatchItemID(), p.item().requestPayload(), List.of());
    return runItem(polled, caller, version, now, new BatchState(), correlation, null);
  }

  /**
   * Runs one item in its own transaction, or in {@code shared} when the batch shares one
   * (Undo). Never throws: every failure becomes a failed batch item.
   */
  ResponseBatchItem runItem(
      RequestBatchItem item,
      Caller caller,
      KmipVersion version,
      Instant now,
      BatchState batch,
      String correlation,
      keyward.spi.store.StoreTransaction shared) {
    Operation op = item.operation();
    OperationHandler handler = operations.get(op);
    if (handler == null || !op.definedIn(version)) {
      if (!op.definedIn(version)) {
        // echoing an operation the version does not define would make the answer unwritable
        return ResponseBatchItem.failure(null, item.uniqueBatchItemID(), ResultReason.OPERATION_NOT_SUPPORTED,
            "operation not supported");
      }
      return failure(item, ResultReason.OPERATION_NOT_SUPPORTED, "operation not supported");
    }
    if (handler instanceof PollHandler poll) {
      // the polled item runs in a transaction of its own, which a batch under Undo cannot give
      return shared == null ? poll(poll, item, caller, version, now, correlation)
          : failure(item, ResultReason.FEATURE_NOT_SUPPORTED, "Poll is not performed in a batch under Undo");
    }
    if (criticalExtension(item)) {
      // KMIP 1.x/2.x Message Extension: a server that does not understand an extension marked
      // critical must not perform the item; Keyward understands no vendor extension (TC-72-1x)
      return failure(item, ResultReason.FEATURE_NOT_SUPPORTED, "critical Message Extension not recognized");
    }
    try {
      Item.Structure payload = item.requestPayload();
      if (!version.atLeast(KmipVersion.V2_0)) {
        payload = PayloadShapes.requestToV2(op, payload);
      }
      final Item.Structure request = payload;
      // One run of the handler on a transaction. The answer is shaped and version-checked inside
      // the item's transaction, so an answer the client's version cannot carry fails this item
      // alone and rolls back what it did.
      keyward.spi.store.ObjectStore.Work<Item.Structure> run = tx -> {
        OperationContext ctx = new OperationContext(caller, version, objects.open(tx, caller, now, op), now, batch,
            requestLimits.maxLocateItems());
        return answer(op, version, handler.handle(ctx, OperationContext.withTemplates(ctx, request)));
      };
      Item.Structure out;
      if (shared != null) {
        out = run.run(shared); // UndoBatch commits or rolls back the batch's in-memory effects
      } else {
        try {
          out = handler.readMostly() ? readMostly(op, run)
              : handler.insertsNew() ? store.inInsertingTransaction(run)
              : store.inTransaction(handler.readOnly(), run);
          batch.committed();
        } catch (Exception | Error e) {
          batch.rolledBack();
          throw e;
        }
      }
      return ResponseBatchItem.success(op, item.uniqueBatchItemID(), out);
    } catch (KmipException e) {
      return failure(item, ReasonsByVersion.forVersion(e.reason(), version), e.getMessage());
    } catch (BindException e) {
      return failure(item, ReasonsByVersion.forVersion(ResultReason.INVALID_FIELD, version), e.getMessage());
    } catch (VersionGuard.VersionViolation e) {
      LOG.warn("{} answer not expressible in KMIP {} (server correlation {}): {}", op, version, correlation,
          e.getMessage());
      return failure(item, ResultReason.GENERAL_FAILURE,
          "the answer cannot be expressed in KMIP " + version + "; server correlation " + correlation);
    } catch (IllegalArgumentException e) {
      // shape conversions refuse malformed payloads with IllegalArgumentException
      return failure(item, ReasonsByVersion.forVersion(ResultReason.INVALID_FIELD, version), e.getMessage());
    } catch (Exception | Error e) {
      if (StoreException.isUnwritable(e)) {
        // disk full or read-only: an operator's problem, said plainly; nothing was kept
        LOG.warn("operation {} refused: the store cannot take writes (server correlation {}): {}", op,
            correlation, e.getMessage());
        return failure(item, ResultReason.GENERAL_FAILURE, STORE_UNWRITABLE + "; server correlation " + correlation);
      }
      LOG.error("operation {} failed unexpectedly (server correlation {})", op, correlation, e);
      return failure(item, ResultReason.GENERAL_FAILURE, "internal error; server correlation " + correlation);
    }
  }

  /** Whether a Message Extension of the item has Criticality Indicator True. */
  private static boolean criticalExtension(RequestBatchItem item) {
    if (item.messageExtension() == null) {
      return false;
    }
    for (Item.Structure ext : item.messageExtension()) {
      if (ext.first(Tag.CRITICALITY_INDICATOR).filter(c -> c instanceof Item.Boolean b && b.value()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** What a client is told when the store is full or read-only (no path, no detail of the host). */
  static final String STORE_UNWRITABLE =
      "the server's storage cannot take writes now (full or read-only); nothing was changed, retry later";

  /**
   * An operation that usually only reads: first on a read-only transaction; again on a write
   * transaction when it tried to write; and when the store cannot take writes (full, read-only),
   * once more with its bookkeeping writes skipped, so stored objects are still served.
   */
  private Item.Structure readMostly(Operation op, keyward.spi.store.ObjectStore.Work<Item.Structure> run)
      throws Exception {
    try {
      return store.inTransaction(true, tx -> run.run(new ReadFirstTransaction(tx)));
    } catch (ReadFirstTransaction.WriteNeeded again) {
      try {
        return store.inTransaction(false, run);
      } catch (StoreException full) {
        if (!StoreException.isUnwritable(full)) {
          throw full;
        }
        LOG.warn("{}: the store cannot take writes; answered without its bookkeeping write: {}", op,
            full.getMessage());
        return store.inTransaction(true, tx -> run.run(new ReadFirstTransaction(tx, true)));
      }
    }
  }

  /** The handler's payload in the client's shape, checked against the client's version. */
  private static Item.Structure answer(Operation op, KmipVersion version, Item.Structure out)
      throws KmipException {
    Item.Structure shaped = version.atLeast(KmipVersion.V2_0)
        ? PayloadShapes.responseToV2(op, out)
        : PayloadShapes.responseToV1(op, out);
    if (shaped != null) {
      try {
        VersionGuard.check(shaped, version);
      } catch (VersionGuard.VersionViolation e) {
        throw inexpressible(shaped, version, e);
      }
    }
    return shaped;
  }

  /**
   * An answer holding something the client's version does not define (an object a later
   * version registered, e.g. a ChaCha20 key fetched by a 1.2 client): Feature Not Supported,
   * saying what and from which version on it can be had, rather than General Failure.
   * Attributes are not affected: Get Attributes leaves out those the version lacks.
   */
  private static KmipException inexpressible(Item.Structure shaped, KmipVersion version,
      VersionGuard.VersionViolation e) {
    String from = null;
    for (KmipVersion later : KmipVersion.values()) {
      // the payload is in the client's shape: only versions of the same shape can judge it
      if (later.compareTo(version) > 0 && later.atLeast(KmipVersion.V2_0) == version.atLeast(KmipVersion.V2_0)
          && expressible(shaped, later)) {
        from = later.toString();
        break;
      }
    }
    return new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "the answer cannot be expressed in KMIP "
        + version + " (" + e.getMessage() + ")" + (from == null ? "" : "; ask in KMIP " + from + " or later"));
  }

  private static boolean expressible(Item.Structure item, KmipVersion version) {
    try {
      VersionGuard.check(item, version);
      return true;
    } catch (VersionGuard.VersionViolation e) {
      return false;
    }
  }

  static ResponseBatchItem failure(RequestBatchItem item, ResultReason reason, String message) {
    return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemID(), reason, message);
  }

  private Item.Structure respond(
      KmipVersion version, RequestHeader request, Instant now, List<ResponseBatchItem> results,
      String correlation) {
    ProtocolVersion pv = ProtocolVersion.of(version);
    // The Client Correlation Value goes from client to server and is not echoed: none of the 1,474
    // OASIS test requests that carry one gets it back. The Server Correlation Value goes only to
    // clients that use correlation values (they sent one): PyKMIP 0.10 over KMIP 2.0 cannot read a
    // response header that holds one.
    boolean correlations = version.atLeast(KmipVersion.V1_4) && request.clientCorrelationValue() != null;
    ResponseHeader header = new ResponseHeader(
        pv, now, null, null, List.of(),
        null,
        correlations ? correlation : null,
        version.atLeast(KmipVersion.V3_0) ? null : results.size());
    Item.Structure tree = new ResponseMessage(header, results).toItem(version);
    try {
      VersionGuard.check(tree, version);
    } catch (VersionGuard.VersionViolation e) {
      // A handler produced something this version cannot carry: a server bug, never sent.
      LOG.error("response not valid for KMIP {} (server correlation {}): {}", version, correlation, e.getMessage());
      List<ResponseBatchItem> failed = new ArrayList<>();
      for (ResponseBatchItem r : results) {
        failed.add(ResponseBatchItem.failure(r.operation(), r.uniqueBatchItemID(),
            ResultReason.GENERAL_FAILURE, "internal error; server correlation " + correlation));
      }
      tree = new ResponseMessage(new ResponseHeader(pv, now, null, null, List.of(),
          header.clientCorrelationValue(), header.serverCorrelationValue(), header.batchCount()),
          failed).toItem(version);
    }
    return tree;
  }

  /** A response with one failed batch item and no operation, for messages that did not parse. */
  Item.Structure errorResponse(KmipVersion version, ResultReason reason, String text, String correlation) {
    ResultReason r = ReasonsByVersion.forVersion(reason, version);
    ResponseBatchItem item = new ResponseBatchItem(
        null, null, ResultStatus.OPERATION_FAILED, r, text, null, null, List.of());
    ResponseHeader header = new ResponseHeader(ProtocolVersion.of(version), clock.instant(),
        null, null, List.of(), null, version.atLeast(KmipVersion.V1_4) ? correlation : null,
        version.atLeast(KmipVersion.V3_0) ? null : 1);
    return new ResponseMessage(header, List.of(item)).toItem(version);
  }

  ObjectStore store() {
    return store;
  }

  ObjectService.Factory objects() {
    return objects;
  }

  private static String newCorrelation() {
    byte[] b = new byte[8];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
