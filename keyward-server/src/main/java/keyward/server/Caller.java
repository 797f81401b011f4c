package keyward.server;

/**
 * Who sent a request, as the transport authenticated it.
 *
 * @param identity the name the client is known by (from its certificate, or a credential)
 * @param remoteAddress where the connection came from, for logs and audit
 */
public record Caller(String identity, String remoteAddress) {}
