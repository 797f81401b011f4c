package keyward.server;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import keyward.kmip.codec.CodecLimits;
import keyward.server.access.AccessPolicy;
import keyward.server.audit.AuditSink;
import keyward.server.batch.Authenticator;
import keyward.server.batch.MessageProcessor;
import keyward.server.batch.ProtocolNegotiation;
import keyward.server.batch.RequestLimits;
import keyward.server.object.ObjectService;
import keyward.server.operation.OperationTable;
import keyward.spi.crypto.CryptoEngine;
import keyward.spi.store.ObjectStore;

/**
 * A KMIP server's message processing, wired by hand from its parts: the store, the crypto
 * engine, the handlers. Transports feed it bytes; the application module picks the parts.
 */
public final class KeywardServer {
  private final OperationTable table;
  private final MessageProcessor processor;

  /**
   * What a deployment chooses beyond the parts.
   *
   * @param access admins and groups (grants live on the objects)
   * @param audit where every batch item is reported
   * @param requestLimits batch size, Locate cap, request rate
   * @param nanoTime the monotonic clock the request rate is measured with
   */
  public record Options(AccessPolicy access, AuditSink audit, RequestLimits requestLimits,
      LongSupplier nanoTime) {
    public static final Options DEFAULT =
        new Options(AccessPolicy.OWNER_ONLY, AuditSink.NONE, RequestLimits.DEFAULT, System::nanoTime);

    public Options withAccess(AccessPolicy v) {
      return new Options(v, audit, requestLimits, nanoTime);
    }

    public Options withAudit(AuditSink v) {
      return new Options(access, v, requestLimits, nanoTime);
    }

    public Options withRequestLimits(RequestLimits v) {
      return new Options(access, audit, v, nanoTime);
    }

    public Options withNanoTime(LongSupplier v) {
      return new Options(access, audit, requestLimits, v);
    }
  }

  public KeywardServer(ObjectStore store, CryptoEngine crypto, Authenticator authenticator,
      CodecLimits limits, Clock clock) {
    this(store, crypto, authenticator, limits, clock, Options.DEFAULT);
  }

  public KeywardServer(ObjectStore store, CryptoEngine crypto, Authenticator authenticator,
      CodecLimits limits, Clock clock, Options options) {
    ProtocolNegotiation negotiation = ProtocolNegotiation.standard();
    AtomicReference<OperationTable> ref = new AtomicReference<>();
    this.table = new OperationTable(ServerHandlers.standard(crypto, negotiation, ref::get));
    ref.set(table);
    this.processor = new MessageProcessor(table, store, ObjectService.Factory.withAccess(options.access()),
        authenticator, limits, clock, negotiation, options.audit(), options.requestLimits(),
        options.nanoTime());
  }

  public MessageProcessor processor() {
    return processor;
  }

  public OperationTable operations() {
    return table;
  }
}
