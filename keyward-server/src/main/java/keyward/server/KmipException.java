package keyward.server;

import keyward.kmip.spec.ResultReason;

/**
 * A KMIP failure with the Result Reason the client gets. The message is sent to the client as
 * the Result Message, so it must never carry key material or internal detail.
 */
public class KmipException extends Exception {
  private final ResultReason reason;

  public KmipException(ResultReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ResultReason reason() {
    return reason;
  }

  /** Shorthands for the reasons handlers use most. */
  public static KmipException notFound(String what) {
    return new KmipException(ResultReason.ITEM_NOT_FOUND, what + " not found");
  }

  public static KmipException invalidField(String message) {
    return new KmipException(ResultReason.INVALID_FIELD, message);
  }

  public static KmipException missingData(String message) {
    return new KmipException(ResultReason.MISSING_DATA, message);
  }

  public static KmipException permissionDenied(String message) {
    return new KmipException(ResultReason.PERMISSION_DENIED, message);
  }
}
