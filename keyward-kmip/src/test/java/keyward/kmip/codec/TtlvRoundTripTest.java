package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.LongStream;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * encode then decode gives back the same tree, for seeded random trees of every item type, and
 * the encoding has exactly the length predicted by {@link TtlvCodec#encodedLength} and by an
 * independent count here. A failure names its seed: rerun with {@code seeds()} narrowed to it.
 */
class TtlvRoundTripTest {

  private static final TtlvCodec CODEC = new TtlvCodec();

  static LongStream seeds() {
    return LongStream.range(0, 400).map(i -> 0x5EED_0000L + i);
  }

  static LongStream bigSeeds() {
    return LongStream.of(0xB16_0001L, 0xB16_0002L, 0xB16_0003L);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void smallAndMediumTrees(long seed) {
    withSeed(seed, () -> roundTrip(new RandomTrees(seed).tree(8, 12, 400)));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("bigSeeds")
  void wideAndDeepTreesWithinTheDefaultLimits(long seed) {
    // Exactly the default depth limit of 32, tens of thousands of items, megabytes.
    withSeed(seed, () -> roundTrip(new RandomTrees(seed).treeOfDepth(32, 2000, 60_000)));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyPrimitiveAtTheTopLevel(long seed) {
    withSeed(seed, () -> {
      RandomTrees trees = new RandomTrees(seed);
      for (int i = 0; i < 20; i++) {
        roundTrip(trees.primitive());
      }
    });
  }

  private static void roundTrip(Item tree) throws DecodeException {
    byte[] bytes = CODEC.encode(tree);
    assertThat(bytes.length).as("encodedLength").isEqualTo(CODEC.encodedLength(tree));
    assertThat((long) bytes.length).as("independent count").isEqualTo(expectedLength(tree));
    assertThat(CODEC.decode(bytes)).isEqualTo(tree);

    // The other entry points see the same bytes and the same tree.
    byte[] shifted = new byte[bytes.length + 11];
    Arrays.fill(shifted, (byte) 0x5A);
    assertThat(CODEC.encode(tree, shifted, 7)).isEqualTo(bytes.length);
    assertThat(Arrays.copyOfRange(shifted, 7, 7 + bytes.length)).isEqualTo(bytes);
    assertThat(CODEC.decode(shifted, 7, bytes.length)).isEqualTo(tree);

    ByteBuffer heap = ByteBuffer.allocate(bytes.length);
    CODEC.encode(tree, heap);
    assertThat(heap.array()).isEqualTo(bytes);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    assertThat(CODEC.decode(direct)).isEqualTo(tree);
  }

  /** The §9.1 size rules, counted without the codec: 8-byte header, value padded to 8. */
  private static long expectedLength(Item item) {
    return 8 + switch (item) {
      case Item.Structure s -> s.items().stream().mapToLong(TtlvRoundTripTest::expectedLength)
          .sum();
      case Item.BigInteger b -> pad(b.value().toByteArray().length);
      case Item.ByteString b -> pad(b.value().length);
      case Item.TextString t -> utf8(t.value());
      case Item.Identifier t -> utf8(t.value());
      case Item.Reference t -> utf8(t.value());
      case Item.NameReference t -> utf8(t.value());
      default -> 8; // the 4- and 8-byte fixed types
    };
  }

  private static long utf8(String s) {
    return pad(s.getBytes(StandardCharsets.UTF_8).length);
  }

  private static long pad(int n) {
    return (n + 7) / 8 * 8L;
  }

  interface Body {
    void run() throws Exception;
  }

  private static void withSeed(long seed, Body body) {
    try {
      body.run();
    } catch (Throwable t) {
      throw new AssertionError("round trip failed for seed 0x" + Long.toHexString(seed)
          + " (" + seed + "): " + t.getMessage(), t);
    }
  }
}
