package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/**
 * What the encoder refuses, that a refused or oversize encode writes nothing, and the one
 * non-canonical form the decoder accepts.
 */
class TtlvEncoderTest {

  private static final TtlvCodec CODEC = new TtlvCodec();

  @Test
  void refusesAnUnpairedSurrogateInsteadOfWritingAReplacement() {
    // The JDK would write '?'; the decoder would never produce such a string.
    for (String bad : new String[] {"a\uD800", "\uDC00b", "\uD800\uD800"}) {
      Item item = new Item.Structure(0x420078, new Item.TextString(0x420094, bad));
      assertThatThrownBy(() -> CODEC.encode(item))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("surrogate");
    }
  }

  @Test
  void refusesATagWiderThanThreeBytes() {
    Item item = new Item.Structure(0x420078, new Item.Integer(0x1420094, 1));
    assertThatThrownBy(() -> CODEC.encodedLength(item))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 bytes");
  }

  @Test
  void writesNothingWhenTheTargetIsTooSmall() {
    Item item = new Item.Structure(0x420078, new Item.Integer(0x42000D, 1));
    byte[] dst = new byte[23];
    Arrays.fill(dst, (byte) 7);
    assertThatThrownBy(() -> CODEC.encode(item, dst, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(dst).containsOnly((byte) 7);

    ByteBuffer small = ByteBuffer.allocate(23);
    assertThatThrownBy(() -> CODEC.encode(item, small)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero();
  }

  @Test
  void signExtendsBigIntegersToAMultipleOfEight() {
    // 255 needs a 00 sign byte (00 FF); -256 is FF 00; both fit 8 bytes.
    assertThat(CODEC.encode(new Item.BigInteger(0x420020, java.math.BigInteger.valueOf(255))))
        .endsWith(0, 0, 0, 0, 0, 0, 0, (byte) 0xFF);
    assertThat(CODEC.encode(new Item.BigInteger(0x420020, java.math.BigInteger.valueOf(-256))))
        .endsWith(-1, -1, -1, -1, -1, -1, (byte) 0xFF, 0);
  }

  @Test
  void anOverPaddedBigIntegerDecodesAndReencodesMinimally() throws DecodeException {
    // 16 bytes where 8 would do: some peers pad this way; the value is what counts.
    byte[] positive = TtlvVectors.hex("420020 04 00000010 0000000000000000 0000000000000001");
    byte[] negative = TtlvVectors.hex("420020 04 00000010 FFFFFFFFFFFFFFFF FFFFFFFFFFFFFFFE");
    Item one = CODEC.decode(positive);
    Item minusTwo = CODEC.decode(negative);
    assertThat(one).isEqualTo(new Item.BigInteger(0x420020, java.math.BigInteger.ONE));
    assertThat(minusTwo)
        .isEqualTo(new Item.BigInteger(0x420020, java.math.BigInteger.TWO.negate()));
    assertThat(CODEC.encode(one)).isEqualTo(TtlvVectors.hex("420020 04 00000008 0000000000000001"));
    assertThat(CODEC.encode(minusTwo))
        .isEqualTo(TtlvVectors.hex("420020 04 00000008 FFFFFFFFFFFFFFFE"));
  }

  @Test
  void aByteStringsToStringNeverShowsItsBytes() {
    Item key = new Item.ByteString(0x420043, new byte[] {0x13, 0x37});
    assertThat(key.toString()).doesNotContain("1337").doesNotContain("19").contains("length=2");
  }
}
