package keyward.kmip.spec;

import java.util.List;

/**
 * An enumeration or bit mask of the spec with all its values across versions.
 *
 * @param name the spec's name, e.g. "Object Type"
 * @param xmlName normalised name, e.g. "ObjectType"
 * @param mask true for bit masks (Cryptographic Usage Mask, Storage Status Mask, Protection
 *     Storage Mask), carried in Integer items
 * @param values every value, one row per (value, name) pair
 */
public record EnumInfo(String name, String xmlName, boolean mask, List<EnumValue> values) {
  public EnumInfo {
    values = List.copyOf(values);
  }

  /** The value row for a wire value, newest name first; null when unknown. */
  public EnumValue byValue(int value) {
    EnumValue best = null;
    for (EnumValue v : values) {
      if (v.value() == value && (best == null || v.until().compareTo(best.until()) > 0)) {
        best = v;
      }
    }
    return best;
  }

  /** The value row for a wire value under the names of one version; null when not defined there. */
  public EnumValue byValue(int value, KmipVersion version) {
    for (EnumValue v : values) {
      if (v.value() == value && v.definedIn(version)) {
        return v;
      }
    }
    return null;
  }

  /** The value row whose XML name (or spec name) is this, in any version; null when unknown. */
  public EnumValue byName(String name) {
    for (EnumValue v : values) {
      if (v.xmlName().equals(name) || v.name().equals(name)) {
        return v;
      }
    }
    return null;
  }
}
