package keyward.kmip.spec;

import java.util.List;

/**
 * An enumeration or bit mask of the spec with all its values across versions.
 *
 * @param name the spec's name, e.g. "Object Type"
 * @param xmlName normalised name, e.g. "ObjectType"
 * @param mask true for bit masks (Cryptographic Usage Mask, Storage Status Mask, Protection
 *     Storage Mask), carried in Integer items
 * @param values every value, one row per (value, name) pair; kept immutable and indexed once, so
 *     the look-ups below are hash probes (they answer what a scan in list order would)
 */
public record EnumInfo(String name, String xmlName, boolean mask, List<EnumValue> values) {
  public EnumInfo {
    values = EnumValues.of(values);
  }

  /** The value row for a wire value, newest name first; null when unknown. */
  public EnumValue byValue(int value) {
    return ((EnumValues) values).newest(value);
  }

  /** The value row for a wire value under the names of one version; null when not defined there. */
  public EnumValue byValue(int value, KmipVersion version) {
    return ((EnumValues) values).in(value, version);
  }

  /** The value row whose XML name (or spec name) is this, in any version; null when unknown. */
  public EnumValue byName(String name) {
    return ((EnumValues) values).named(name);
  }
}
