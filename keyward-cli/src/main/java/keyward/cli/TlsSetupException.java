package keyward.cli;

/** The client's certificate, key or CA files could not be used: exit code 3. */
public class TlsSetupException extends RuntimeException {
  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
