package keyward.kmip.bind;

/**
 * A tree that does not fit the typed record: a required field missing, a field of the wrong item
 * type, an enumeration value the version does not define. The server answers these with Result
 * Reason Invalid Message or Invalid Field; the text names the field path, never a value.
 */
public final class BindException extends Exception {

  /** Which kind of mismatch, so the server can pick the Result Reason. */
  public enum Kind {
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_FIELD,
    BAD_VALUE,
    NOT_IN_VERSION
  }

  private final Kind kind;
  private final String path;

  public BindException(Kind kind, String path, String message) {
    super(path + ": " + message);
    this.kind = kind;
    this.path = path;
  }

  public Kind kind() {
    return kind;
  }

  /** The field path, e.g. "RequestMessage/RequestHeader/ProtocolVersion". */
  public String path() {
    return path;
  }
}
