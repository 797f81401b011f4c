package keyward.server;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import keyward.kmip.codec.CodecLimits;
import keyward.server.access.AccessPolicy;
import keyward.server.audit.AuditSink;
import keyward.server.batch.Authenticator;
import keyward.server.batch.MessageProcessor;
import keyward.server.batch.ProtocolNegotiation;
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

  public KeywardServer(ObjectStore store, CryptoEngine crypto, Authenticator authenticator,
      CodecLimits limits, Clock clock) {
    this(store, crypto, authenticator, limits, clock, AccessPolicy.OWNER_ONLY);
  }

  /** With admins and groups: see {@link AccessPolicy}. */
  public KeywardServer(ObjectStore store, CryptoEngine crypto, Authenticator authenticator,
      CodecLimits limits, Clock clock, AccessPolicy access) {
    this(store, crypto, authenticator, limits, clock, access, AuditSink.NONE);
  }

  /** With access policy and an audit sink (see {@link keyward.server.audit.AuditLog}). */
  public KeywardServer(ObjectStore store, CryptoEngine crypto, Authenticator authenticator,
      CodecLimits limits, Clock clock, AccessPolicy access, AuditSink audit) {
    ProtocolNegotiation negotiation = ProtocolNegotiation.standard();
    AtomicReference<OperationTable> ref = new AtomicReference<>();
    this.table = new OperationTable(ServerHandlers.standard(crypto, negotiation, ref::get));
    ref.set(table);
    this.processor = new MessageProcessor(table, store, ObjectService.Factory.withAccess(access),
        authenticator, limits, clock, negotiation, audit);
  }

  public MessageProcessor processor() {
    return processor;
  }

  public OperationTable operations() {
    return table;
  }
}
