package keyward.spi.store;

import java.util.List;

/**
 * @param uniqueIdentifiers the page of matches, in creation order
 * @param totalMatches how many objects matched before Offset/Maximum Items (Located Items)
 */
public record LocateResult(List<String> uniqueIdentifiers, long totalMatches) {
  public LocateResult {
    uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
  }
}
