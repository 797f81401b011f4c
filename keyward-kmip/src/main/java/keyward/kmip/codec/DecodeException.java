package keyward.kmip.codec;

/**
 * A message that could not be decoded. The {@link Reason} says which rule it broke, so callers
 * (and tests) can tell a truncated message from an oversize one; the message text names the
 * position but never the bytes.
 */
public final class DecodeException extends Exception {

  /** Why decoding failed. */
  public enum Reason {
    TRUNCATED,
    BAD_TYPE,
    BAD_LENGTH,
    OVERRUN,
    NONZERO_PADDING,
    BAD_BOOLEAN,
    BAD_UTF8,
    DEPTH_LIMIT,
    ITEM_LIMIT,
    MESSAGE_TOO_LARGE,
    STRING_TOO_LONG,
    TRAILING_BYTES,
    BAD_TAG,
    BAD_VALUE,
    SYNTAX,
    /** An XML document with a DOCTYPE: DTDs and entities are refused, not parsed. */
    DOCTYPE_REFUSED
  }

  private final Reason reason;
  private final long offset;

  public DecodeException(Reason reason, long offset, String message) {
    super(message + (offset >= 0 ? " (at offset " + offset + ")" : ""));
    this.reason = reason;
    this.offset = offset;
  }

  public Reason reason() {
    return reason;
  }

  /** Byte (TTLV) or character (XML/JSON) offset of the fault, or -1 when unknown. */
  public long offset() {
    return offset;
  }
}
