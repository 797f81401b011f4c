package keyward.client;

/** The server could not be reached, the TLS handshake failed, or the connection broke. */
public class KmipTransportException extends RuntimeException {
  /** With a message saying which server and what went wrong. */
  public KmipTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
