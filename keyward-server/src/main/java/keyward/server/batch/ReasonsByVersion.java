package keyward.server.batch;

import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;

/**
 * Result Reasons that KMIP 2.0 added have no place in a 1.x response: each maps to the reason
 * the 1.x profiles expect for the same failure (the 1.3/1.4 test cases answer a wrong
 * lifecycle state with Permission Denied where 2.1 says Wrong Key Lifecycle State).
 */
public final class ReasonsByVersion {
  private ReasonsByVersion() {}

  public static ResultReason forVersion(ResultReason reason, KmipVersion version) {
    if (reason.definedIn(version)) {
      return reason;
    }
    return switch (reason) {
      case WRONG_KEY_LIFECYCLE_STATE,
          ATTRIBUTE_READ_ONLY,
          NOT_AUTHORISED,
          SENSITIVE,
          NOT_EXTRACTABLE,
          OBJECT_DESTROYED,
          WRAPPING_OBJECT_DESTROYED,
          USAGE_LIMIT_EXCEEDED -> ResultReason.PERMISSION_DENIED; // TC-51-12: allocation refused
      case WRAPPING_OBJECT_ARCHIVED -> ResultReason.OBJECT_ARCHIVED;
      case OBJECT_NOT_FOUND, ATTRIBUTE_NOT_FOUND, ATTRIBUTE_INSTANCE_NOT_FOUND, WRAPPING_OBJECT_NOT_FOUND ->
          ResultReason.ITEM_NOT_FOUND;
      case ATTRIBUTE_SINGLE_VALUED,
          NON_UNIQUE_NAME_ATTRIBUTE,
          INVALID_ATTRIBUTE,
          INVALID_ATTRIBUTE_VALUE,
          INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          INVALID_OBJECT_TYPE,
          UNKNOWN_ENUMERATION,
          UNKNOWN_TAG,
          INVALID_DATA_TYPE,
          NUMERIC_RANGE -> ResultReason.INVALID_FIELD;
      case UNSUPPORTED_PROTOCOL_VERSION, CODEC_ERROR -> ResultReason.INVALID_MESSAGE;
      case KEY_WRAP_TYPE_NOT_SUPPORTED -> ResultReason.FEATURE_NOT_SUPPORTED; // a wrapping the server does not undo
      default -> ResultReason.GENERAL_FAILURE;
    };
  }
}
