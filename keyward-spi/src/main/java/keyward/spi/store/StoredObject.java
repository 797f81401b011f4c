package keyward.spi.store;

import java.util.List;

/**
 * A managed object as the store keeps it. The store does not interpret KMIP: the server hands
 * it the encoded object and attributes plus the index entries that Locate searches.
 *
 * @param uniqueIdentifier the object's Unique Identifier
 * @param objectType the Object Type enumeration value
 * @param state the State enumeration value
 * @param owner the identity that owns the object
 * @param archived true while the object is archived (Archive/Recover)
 * @param object the KMIP object structure (e.g. Symmetric Key) TTLV-encoded; null once the key
 *     material is destroyed
 * @param attributes the object's attributes as a TTLV-encoded 2.x Attributes structure
 * @param index what Locate may match on
 * @param revision incremented on every update; an update names the revision it read, and fails
 *     if another writer got there first
 */
public record StoredObject(
    String uniqueIdentifier,
    int objectType,
    int state,
    String owner,
    boolean archived,
    byte[] object,
    byte[] attributes,
    List<IndexEntry> index,
    long revision) {

  public StoredObject {
    index = List.copyOf(index);
  }

  /** Never shows the object bytes: they hold key material. */
  @Override
  public String toString() {
    return "StoredObject[" + uniqueIdentifier + ", type=" + objectType + ", state=" + state
        + ", owner=" + owner + ", revision=" + revision + "]";
  }
}
