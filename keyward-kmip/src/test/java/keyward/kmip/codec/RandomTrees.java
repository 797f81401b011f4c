package keyward.kmip.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import keyward.kmip.ttlv.Item;

/**
 * Seeded generator of item trees covering every item type, with edge values chosen often:
 * empty strings, non-ASCII UTF-8 (2, 3 and 4 bytes), the int and long extremes, big integers
 * of both signs around every byte boundary, negative date-times, intervals 0 and 2^32-1, and
 * string lengths around the 8-byte alignment. Same seed, same tree.
 */
final class RandomTrees {

  private final RandomGenerator rnd;
  private int budget;

  RandomTrees(long seed) {
    this.rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /** A structure at most {@code maxDepth} deep (itself included) with at most ~maxItems items. */
  Item.Structure tree(int maxDepth, int maxWidth, int maxItems) {
    budget = maxItems;
    return structure(1 + rnd.nextInt(maxDepth), maxWidth);
  }

  /** Like {@link #tree} but exactly {@code depth} deep: one chain of structures reaches it. */
  Item.Structure treeOfDepth(int depth, int maxWidth, int maxItems) {
    budget = maxItems;
    return spine(depth, maxWidth);
  }

  private Item.Structure spine(int depthLeft, int maxWidth) {
    Item.Structure s = structure(depthLeft, maxWidth);
    if (depthLeft == 1) {
      return s;
    }
    List<Item> children = new ArrayList<>(s.items());
    children.add(rnd.nextInt(children.size() + 1), spine(depthLeft - 1, maxWidth));
    return new Item.Structure(s.tag(), children);
  }

  private Item.Structure structure(int depthLeft, int maxWidth) {
    budget--;
    int width = rnd.nextInt(maxWidth + 1);
    List<Item> children = new ArrayList<>(width);
    for (int i = 0; i < width && budget > 0; i++) {
      if (depthLeft > 1 && rnd.nextInt(4) == 0) {
        children.add(structure(depthLeft - 1, maxWidth));
      } else {
        children.add(primitive());
        budget--;
      }
    }
    return new Item.Structure(tag(), children);
  }

  Item primitive() {
    int tag = tag();
    return switch (rnd.nextInt(13)) {
      case 0 -> new Item.Integer(tag, anInt());
      case 1 -> new Item.LongInteger(tag, aLong());
      case 2 -> new Item.BigInteger(tag, aBigInteger());
      case 3 -> new Item.Enumeration(tag, anInt());
      case 4 -> new Item.Boolean(tag, rnd.nextBoolean());
      case 5 -> new Item.TextString(tag, aString());
      case 6 -> new Item.ByteString(tag, someBytes());
      case 7 -> new Item.DateTime(tag, aLong());
      case 8 -> new Item.Interval(tag, anInterval());
      case 9 -> new Item.DateTimeExtended(tag, aLong());
      case 10 -> new Item.Identifier(tag, aString());
      case 11 -> new Item.Reference(tag, aString());
      default -> new Item.NameReference(tag, aString());
    };
  }

  private int tag() {
    return switch (rnd.nextInt(8)) {
      case 0 -> 0x540000 | rnd.nextInt(0x10000); // extension range
      case 1 -> rnd.nextInt(0x100_0000); // any 3 bytes, kept as read
      case 2 -> rnd.nextBoolean() ? 0 : 0xFFFFFF;
      default -> 0x420000 | rnd.nextInt(0x200); // the spec's range
    };
  }

  private int anInt() {
    return switch (rnd.nextInt(6)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> rnd.nextInt(-1, 2);
      default -> rnd.nextInt();
    };
  }

  private long aLong() {
    return switch (rnd.nextInt(6)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> Long.MAX_VALUE;
      case 2 -> rnd.nextLong(-1, 2);
      case 3 -> -rnd.nextLong(1L << 40); // a date before 1970
      default -> rnd.nextLong();
    };
  }

  private long anInterval() {
    return switch (rnd.nextInt(4)) {
      case 0 -> 0;
      case 1 -> 0xFFFF_FFFFL;
      default -> rnd.nextLong(0x1_0000_0000L);
    };
  }

  private BigInteger aBigInteger() {
    BigInteger v = switch (rnd.nextInt(4)) {
      case 0 -> BigInteger.valueOf(rnd.nextInt(-2, 3));
      // Around a byte boundary: 2^(8k-1) needs a sign byte, 2^(8k-1)-1 does not.
      case 1 -> BigInteger.ONE.shiftLeft(8 * rnd.nextInt(1, 34) - 1)
          .add(BigInteger.valueOf(rnd.nextInt(-1, 2)));
      case 2 -> { // up to RSA-4096 sizes, any length in bytes
        byte[] magnitude = new byte[rnd.nextInt(1, 513)];
        rnd.nextBytes(magnitude);
        yield new BigInteger(1, magnitude);
      }
      default -> BigInteger.valueOf(rnd.nextLong());
    };
    return rnd.nextBoolean() ? v : v.negate();
  }

  private byte[] someBytes() {
    int len = switch (rnd.nextInt(5)) {
      case 0 -> 0;
      case 1 -> 8 * rnd.nextInt(1, 5) + rnd.nextInt(-1, 2); // around the padding boundary
      case 2 -> rnd.nextInt(256, 2048);
      default -> rnd.nextInt(1, 48);
    };
    byte[] b = new byte[len];
    rnd.nextBytes(b);
    return b;
  }

  private String aString() {
    int len = switch (rnd.nextInt(4)) {
      case 0 -> 0;
      case 1 -> 8 * rnd.nextInt(1, 5) + rnd.nextInt(-1, 2);
      default -> rnd.nextInt(1, 48);
    };
    int kind = rnd.nextInt(3); // ASCII, mixed, or any code point
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int cp;
      if (kind == 0 || (kind == 1 && rnd.nextBoolean())) {
        cp = rnd.nextInt(0x80); // NUL and control characters included
      } else {
        cp = switch (rnd.nextInt(4)) {
          case 0 -> rnd.nextInt(0x80, 0x800); // 2 UTF-8 bytes
          case 1 -> rnd.nextInt(0x800, 0xD800); // 3 bytes, below the surrogates
          case 2 -> rnd.nextInt(0xE000, 0x10000); // 3 bytes, above them
          default -> rnd.nextInt(0x10000, 0x110000); // 4 bytes, a surrogate pair in Java
        };
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
