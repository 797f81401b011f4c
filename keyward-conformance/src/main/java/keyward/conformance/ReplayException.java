package keyward.conformance;

/** The replay could not go on: a file it cannot read, a placeholder used before it was bound, a broken connection. */
public final class ReplayException extends Exception {
  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
