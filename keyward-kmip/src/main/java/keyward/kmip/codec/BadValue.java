package keyward.kmip.codec;

/**
 * A value text the XML or JSON decoder could not take. Thrown by the shared value and name
 * helpers, which know no position; the codec turns it into a {@link DecodeException} with the
 * offset and the element's tag. The message never quotes a byte string, big integer or text.
 */
final class BadValue extends Exception {
  private final DecodeException.Reason reason;

  BadValue(DecodeException.Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  BadValue(String message) {
    this(DecodeException.Reason.BAD_VALUE, message);
  }

  DecodeException.Reason reason() {
    return reason;
  }
}
