package keyward.spi.store;

import java.util.List;

/**
 * @param uniqueIdentifiers the page of matches, in creation order
 * @param totalMatches how many objects matched before Offset/Maximum Items (Located Items), or
 *     {@link #UNCOUNTED} when the store stopped counting (too many to count cheaply); the page is
 *     then still exact
 */
public record LocateResult(List<String> uniqueIdentifiers, long totalMatches) {
  /** The store did not count every match: there are more than it counted. */
  public static final long UNCOUNTED = -1;

  public LocateResult {
    if (totalMatches < UNCOUNTED) {
      throw new IllegalArgumentException("totalMatches < -1");
    }
    uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
  }
}
