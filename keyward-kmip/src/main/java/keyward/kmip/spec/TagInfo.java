package keyward.kmip.spec;

import keyward.kmip.ttlv.ItemType;

/**
 * One row of the tag table: a tag number under one name for a range of versions. A tag whose
 * name changed between versions has one row per name.
 *
 * @param tag the 3-byte tag value, e.g. 0x420001
 * @param name the spec's name, e.g. "Activation Date"
 * @param xmlName the normalised name the XML/JSON encodings use, e.g. "ActivationDate"
 * @param type the item type the spec gives this tag, or null where the tag has none fixed
 *     (Attribute Value) or it is not known
 * @param enumeration the name of the enumeration (or mask) whose values this tag carries, or
 *     null
 * @param since first version that defines the tag under this name
 * @param until last version that defines it (inclusive)
 */
public record TagInfo(
    int tag,
    String name,
    String xmlName,
    ItemType type,
    String enumeration,
    KmipVersion since,
    KmipVersion until) {

  /** True when the version lies within [since, until]. */
  public boolean definedIn(KmipVersion v) {
    return v.compareTo(since) >= 0 && v.compareTo(until) <= 0;
  }
}
