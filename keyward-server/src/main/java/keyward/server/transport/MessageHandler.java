package keyward.server.transport;

/**
 * What the listener calls with each framed message. The listener has checked only the framing
 * (a Structure header whose length is within the configured limit, followed by exactly that many
 * bytes); parsing and every KMIP rule are the handler's.
 *
 * <p>Calls for one connection come one at a time, in the order the requests arrived; calls for
 * different connections run concurrently, so an implementation must be thread-safe.
 */
@FunctionalInterface
public interface MessageHandler {

  /**
   * Answers one message.
   *
   * @param message the whole TTLV message, header included; the handler owns the array
   * @param identity who sent it, from the verified client certificate
   * @return the bytes to write back; {@code null} or an empty array closes the connection
   *     without a reply (for a handler that decides the peer is not speaking KMIP)
   * @throws Exception anything thrown is logged and closes the connection; a handler that
   *     wants the client to learn of an error returns a KMIP error response instead
   */
  byte[] handle(byte[] message, ClientIdentity identity) throws Exception;
}
