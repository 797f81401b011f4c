package keyward.kmip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * Seeded random item trees for round-trip properties: every item type, tags the registry knows
 * (so names, enumerations and masks are exercised) and extension tags it does not know.
 */
final class RandomItems {
  private final RandomGenerator random;
  private final List<TagInfo> known = SpecRegistry.tags();

  RandomItems(RandomGenerator random) {
    this.random = random;
  }

  Item tree(int depth, int width) {
    List<Item> children = new ArrayList<>();
    int n = random.nextInt(width + 1);
    for (int i = 0; i < n; i++) {
      children.add(depth > 1 && random.nextInt(4) == 0 ? tree(depth - 1, width) : scalar());
    }
    return new Item.Structure(tag(), children);
  }

  int tag() {
    if (known.isEmpty() || random.nextInt(5) == 0) {
      return 0x540000 | random.nextInt(0x10000);
    }
    return known.get(random.nextInt(known.size())).tag();
  }

  Item scalar() {
    int tag = tag();
    return switch (random.nextInt(13)) {
      case 0 -> new Item.Integer(tag, random.nextInt());
      case 1 -> new Item.LongInteger(tag, random.nextLong());
      case 2 -> new Item.BigInteger(tag, bigInteger());
      case 3 -> new Item.Enumeration(tag, random.nextBoolean() ? random.nextInt(40) : random.nextInt());
      case 4 -> new Item.Boolean(tag, random.nextBoolean());
      case 5 -> new Item.TextString(tag, text());
      case 6 -> new Item.ByteString(tag, bytes());
      case 7 -> new Item.DateTime(tag, random.nextBoolean() ? random.nextLong(0, 4_000_000_000L) : random.nextLong());
      case 8 -> new Item.Interval(tag, random.nextLong(0, 0x1_0000_0000L));
      case 9 -> new Item.DateTimeExtended(tag, random.nextBoolean() ? random.nextLong(0, 4_000_000_000_000_000L) : random.nextLong());
      case 10 -> new Item.Identifier(tag, text());
      case 11 -> new Item.Reference(tag, text());
      default -> new Item.NameReference(tag, text());
    };
  }

  private java.math.BigInteger bigInteger() {
    java.math.BigInteger v = new java.math.BigInteger(random.nextInt(1, 600), new java.util.Random(random.nextLong()));
    return random.nextBoolean() ? v.negate() : v;
  }

  private byte[] bytes() {
    byte[] b = new byte[random.nextInt(40)];
    random.nextBytes(b);
    return b;
  }

  /** Text any of the three encodings can carry: XML 1.0 characters, including markup and spaces. */
  private String text() {
    String alphabet = "abcXYZ 019<>&\"'\t\n\r  é€\uD83D\uDD11";
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) {
      int at = random.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        sb.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
