package keyward.spi.store;

import java.util.List;

/**
 * What Locate asks the store: every criterion must hold (AND). Results come in creation order,
 * oldest first, so Offset Items pages are stable.
 *
 * @param owner only objects of this owner, or null for all (the admin's view)
 * @param criteria conditions on the index
 * @param includeLive objects not archived
 * @param includeArchived archived objects
 * @param offset how many matches to skip (Offset Items)
 * @param maxItems the most to return (Maximum Items), or -1 for no limit
 */
public record LocateQuery(
    String owner,
    List<Criterion> criteria,
    boolean includeLive,
    boolean includeArchived,
    int offset,
    int maxItems) {

  public LocateQuery {
    criteria = List.copyOf(criteria);
    if (offset < 0) {
      throw new IllegalArgumentException("offset < 0");
    }
  }
}
