package keyward.server.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The authenticated peer of one connection, fixed when its TLS handshake completes.
 *
 * @param certificateChain the client's chain as verified against the configured CA, end-entity
 *     certificate first; never empty
 * @param name the identity name taken from the end-entity certificate, as chosen by {@link
 *     IdentityField}
 * @param remoteAddress the peer's address and port
 * @param protocol the negotiated TLS version ("TLSv1.2", "TLSv1.3")
 * @param cipherSuite the negotiated cipher suite
 */
public record ClientIdentity(
    List<X509Certificate> certificateChain,
    String name,
    InetSocketAddress remoteAddress,
    String protocol,
    String cipherSuite) {

  public ClientIdentity {
    certificateChain = List.copyOf(certificateChain);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("a client identity needs a certificate");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
  }

  /** The end-entity (client) certificate. */
  public X509Certificate certificate() {
    return certificateChain.getFirst();
  }

  @Override
  public String toString() {
    return "ClientIdentity[" + name + " at " + remoteAddress + ", " + protocol + "]";
  }
}
