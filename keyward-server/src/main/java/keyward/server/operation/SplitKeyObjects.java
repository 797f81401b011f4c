package keyward.server.operation;

import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SplitKeyMethod;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * The fields of a Split Key object (1.4 §2.2.5, 2.1 §2.2.5) that Register checks: Split Key
 * Parts, Key Part Identifier, Split Key Threshold and Split Key Method are required, the
 * identifier lies in 1..Parts and the threshold in 1..Parts; Prime Field Size is required for
 * Polynomial Sharing Prime Field. The Key Block itself is checked like any other key's.
 */
final class SplitKeyObjects {
  private SplitKeyObjects() {}

  static void check(Item.Structure splitKey) throws KmipException {
    int parts = integer(splitKey, Tag.SPLIT_KEY_PARTS, "Split Key Parts");
    int identifier = integer(splitKey, Tag.KEY_PART_IDENTIFIER, "Key Part Identifier");
    int threshold = integer(splitKey, Tag.SPLIT_KEY_THRESHOLD, "Split Key Threshold");
    if (!(splitKey.first(Tag.SPLIT_KEY_METHOD).orElse(null) instanceof Item.Enumeration method)) {
      throw KmipException.invalidField("Split Key Method is required");
    }
    if (parts < 1 || threshold < 1 || threshold > parts) {
      throw KmipException.invalidField("Split Key Threshold must lie in 1..Split Key Parts");
    }
    if (identifier < 1 || identifier > parts) {
      throw KmipException.invalidField("Key Part Identifier must lie in 1..Split Key Parts");
    }
    if (method.value() == SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD.value()
        && !(splitKey.first(Tag.PRIME_FIELD_SIZE).orElse(null) instanceof Item.BigInteger)) {
      throw new KmipException(ResultReason.INVALID_FIELD,
          "Polynomial Sharing Prime Field needs the Prime Field Size");
    }
  }

  private static int integer(Item.Structure s, int tag, String name) throws KmipException {
    if (!(s.first(tag).orElse(null) instanceof Item.Integer i)) {
      throw KmipException.invalidField(name + " is required in a Split Key");
    }
    return i.value();
  }
}
