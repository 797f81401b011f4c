package keyward.kmip.spec;

/**
 * What every generated enumeration (and mask bit) constant offers: its wire value, its names and
 * the versions that define it.
 */
public interface KmipEnum {
  /** The 32-bit value on the wire (for masks: the single bit). */
  int value();

  /** The spec's name, e.g. "Symmetric Key". */
  String specName();

  /** The normalised XML/JSON name, e.g. "SymmetricKey". */
  String xmlName();

  KmipVersion since();

  KmipVersion until();

  default boolean definedIn(KmipVersion v) {
    return v.compareTo(since()) >= 0 && v.compareTo(until()) <= 0;
  }
}
