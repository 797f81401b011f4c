package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in src/test/resources/vectors/ decodes to the tree written here by hand, and that
 * tree encodes back to the file's bytes exactly.
 */
class TtlvGoldenVectorTest {

  private static final TtlvCodec CODEC = new TtlvCodec();

  /** The tag the KMIP 1.4 §9.1.2 examples use: Compromise Date. */
  private static final int T = Tag.COMPROMISE_DATE;

  private static final Map<String, Item> EXPECTED = new LinkedHashMap<>();

  static {
    // KMIP Specification v1.4 §9.1.2 examples, one per item type.
    EXPECTED.put("spec-integer.ttlv.txt", new Item.Integer(T, 8));
    EXPECTED.put("spec-long-integer.ttlv.txt", new Item.LongInteger(T, 123456789000000000L));
    EXPECTED.put("spec-big-integer.ttlv.txt",
        new Item.BigInteger(T, new BigInteger("1234567890000000000000000000")));
    EXPECTED.put("spec-enumeration.ttlv.txt", new Item.Enumeration(T, 255));
    EXPECTED.put("spec-boolean.ttlv.txt", new Item.Boolean(T, true));
    EXPECTED.put("spec-text-string.ttlv.txt", new Item.TextString(T, "Hello World"));
    EXPECTED.put("spec-byte-string.ttlv.txt", new Item.ByteString(T, new byte[] {1, 2, 3}));
    EXPECTED.put("spec-date-time.ttlv.txt", new Item.DateTime(T, 1205495800L));
    EXPECTED.put("spec-interval.ttlv.txt", new Item.Interval(T, 10 * 86400L));
    EXPECTED.put("spec-structure.ttlv.txt", new Item.Structure(T,
        new Item.Enumeration(0x420004, 254), new Item.Integer(0x420005, 255)));
    // Hand-computed: 2.0 and 3.0 types, edge values.
    EXPECTED.put("date-time-extended.ttlv.txt",
        new Item.DateTimeExtended(T, 1205495800L * 1_000_000 + 123456));
    EXPECTED.put("kmip3-identifier.ttlv.txt",
        new Item.Identifier(Tag.UNIQUE_IDENTIFIER, "key-1"));
    EXPECTED.put("kmip3-reference.ttlv.txt",
        new Item.Reference(Tag.UNIQUE_IDENTIFIER, "$ID_0"));
    EXPECTED.put("kmip3-name-reference.ttlv.txt",
        new Item.NameReference(Tag.UNIQUE_IDENTIFIER, "My Key"));
    EXPECTED.put("edge-big-integer-minus-one.ttlv.txt",
        new Item.BigInteger(T, BigInteger.ONE.negate()));
    EXPECTED.put("edge-big-integer-zero.ttlv.txt", new Item.BigInteger(T, BigInteger.ZERO));
    EXPECTED.put("edge-big-integer-2pow63.ttlv.txt",
        new Item.BigInteger(T, BigInteger.ONE.shiftLeft(63)));
    EXPECTED.put("edge-big-integer-minus-2pow63.ttlv.txt",
        new Item.BigInteger(T, BigInteger.valueOf(Long.MIN_VALUE)));
    EXPECTED.put("edge-text-string-empty.ttlv.txt", new Item.TextString(T, ""));
    EXPECTED.put("edge-text-string-utf8.ttlv.txt",
        new Item.TextString(T, "\u00E9\u20AC\uD83D\uDE00"));
    EXPECTED.put("edge-byte-string-8.ttlv.txt",
        new Item.ByteString(T, HexFormat.of().parseHex("0011223344556677")));
    EXPECTED.put("edge-boolean-false.ttlv.txt", new Item.Boolean(T, false));
    EXPECTED.put("edge-interval-max.ttlv.txt", new Item.Interval(T, 0xFFFF_FFFFL));
    EXPECTED.put("edge-integer-min.ttlv.txt", new Item.Integer(T, Integer.MIN_VALUE));
    EXPECTED.put("edge-date-time-negative.ttlv.txt", new Item.DateTime(T, -1));
    EXPECTED.put("edge-structure-empty.ttlv.txt", new Item.Structure(T));
    EXPECTED.put("edge-extension-tag.ttlv.txt", new Item.TextString(0x540001, "abc"));
    // Whole messages from the KMIP Test Cases v1.1 document.
    EXPECTED.put("kmip-1.1-create-request.ttlv.txt", KmipTestCaseMessages.createRequest());
    EXPECTED.put("kmip-1.1-create-response.ttlv.txt", KmipTestCaseMessages.createResponse());
    EXPECTED.put("kmip-1.1-get-response.ttlv.txt", KmipTestCaseMessages.getResponse());
  }

  static Stream<Arguments> vectors() {
    return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesToTheExpectedTree(String file, Item expected) throws DecodeException {
    assertThat(CODEC.decode(TtlvVectors.load(file))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesToTheVectorBytes(String file, Item tree) {
    byte[] bytes = TtlvVectors.load(file);
    assertThat(CODEC.encodedLength(tree)).isEqualTo(bytes.length);
    assertThat(HexFormat.of().formatHex(CODEC.encode(tree)))
        .isEqualTo(HexFormat.of().formatHex(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesIntoDirtyBuffersWithTheSameBytes(String file, Item tree) throws DecodeException {
    // Padding must be written, not inherited from a zeroed array: fill the target with 0xAA.
    byte[] bytes = TtlvVectors.load(file);
    byte[] dst = new byte[bytes.length + 16];
    java.util.Arrays.fill(dst, (byte) 0xAA);
    assertThat(CODEC.encode(tree, dst, 5)).isEqualTo(bytes.length);
    assertThat(java.util.Arrays.copyOfRange(dst, 5, 5 + bytes.length)).isEqualTo(bytes);
    assertThat(dst[4]).isEqualTo((byte) 0xAA);
    assertThat(dst[5 + bytes.length]).isEqualTo((byte) 0xAA);
    assertThat(CODEC.decode(dst, 5, bytes.length)).isEqualTo(tree);

    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3).position(3);
    CODEC.encode(tree, direct);
    assertThat(direct.position()).isEqualTo(bytes.length + 3);
    assertThat(CODEC.decode(direct.flip().position(3))).isEqualTo(tree);
    assertThat(direct.hasRemaining()).isFalse();
  }

  @Test
  void everyVectorFileHasAnExpectedTree() throws IOException, URISyntaxException {
    Path dir = Path.of(TtlvGoldenVectorTest.class.getResource("/vectors").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ttlv.txt")))
          .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
  }

  @Test
  void framingReadsTheMessageLengthFromTheHeader() throws DecodeException {
    for (String message : new String[] {"kmip-1.1-create-request.ttlv.txt",
        "kmip-1.1-create-response.ttlv.txt", "kmip-1.1-get-response.ttlv.txt"}) {
      byte[] bytes = TtlvVectors.load(message);
      assertThat(CODEC.messageLength(bytes, 0)).as(message).isEqualTo(bytes.length);
      assertThat(CODEC.messageLength(ByteBuffer.wrap(bytes, 0, 8))).as(message)
          .isEqualTo(bytes.length);
    }
  }
}
