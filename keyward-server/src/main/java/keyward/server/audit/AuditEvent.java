package keyward.server.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audited batch item (or one message that never got as far as its batch items). Holds names
 * and identifiers only: never payload content, so never key material.
 *
 * @param time when the request was received
 * @param identity who the request acted as; for a message that did not decode, the transport's
 * @param address the client's address
 * @param operation the operation's spec name, or null when the message did not decode
 * @param objects the Unique Identifiers the request named and the response returned
 * @param objectsTotal how many there were; more than {@code objects.size()} when cut short
 * @param status the Result Status's spec name
 * @param reason the Result Reason's spec name, or null on success
 */
public record AuditEvent(
    Instant time,
    String identity,
    String address,
    String operation,
    List<String> objects,
    int objectsTotal,
    String status,
    String reason) {

  public AuditEvent {
    objects = List.copyOf(objects);
  }
}
