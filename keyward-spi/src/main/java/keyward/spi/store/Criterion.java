package keyward.spi.store;

/** One condition of a Locate query; an object matches when some index entry satisfies it. */
public sealed interface Criterion {
  int tag();

  /** The attribute has this text value. */
  record TextEquals(int tag, String value) implements Criterion {}

  /** The attribute has this numeric value. */
  record NumberEquals(int tag, long value) implements Criterion {}

  /** The attribute has a numeric value in [min, max] (dates, lengths). */
  record NumberBetween(int tag, long min, long max) implements Criterion {}

  /** The attribute has this bit set (masks) in one of its values. */
  record BitsSet(int tag, long bits) implements Criterion {}

  /** The object has the attribute at all. */
  record Present(int tag) implements Criterion {}
}
