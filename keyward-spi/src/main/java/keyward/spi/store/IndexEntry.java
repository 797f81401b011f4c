package keyward.spi.store;

/**
 * One searchable value of an object: the attribute's tag and its value as text or as a number
 * (enumerations, integers, lengths, dates as epoch seconds). Exactly one of the two is set.
 */
public record IndexEntry(int tag, String text, Long number) {
  public IndexEntry {
    if ((text == null) == (number == null)) {
      throw new IllegalArgumentException("an index entry holds either text or a number");
    }
  }

  public static IndexEntry text(int tag, String value) {
    return new IndexEntry(tag, value, null);
  }

  public static IndexEntry number(int tag, long value) {
    return new IndexEntry(tag, null, value);
  }
}
