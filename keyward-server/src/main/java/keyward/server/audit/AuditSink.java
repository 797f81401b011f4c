package keyward.server.audit;

/** Where the message processor reports what it did, one event per batch item. */
@FunctionalInterface
public interface AuditSink {

  /**
   * Records the event before the response goes out. Must not throw: an audit that cannot be
   * written is the sink's to report.
   */
  void record(AuditEvent event);

  AuditSink NONE = event -> { };
}
