package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import keyward.kmip.ttlv.Item;

/**
 * Arbitrary bytes into the TTLV decoder. The only outcomes allowed are a tree or a {@link
 * DecodeException} with an offset inside the input; any other exception, a hang or an
 * allocation blow-up is a finding. A decoded tree must survive encode then decode unchanged, in
 * no more bytes than it came in (the encoder is canonical; the decoder accepts only non-minimal
 * big integers beyond that), and the framing helper must agree on the message length.
 *
 * <p>In the normal test run this replays the inputs in
 * src/test/resources/keyward/kmip/codec/TtlvCodecFuzzTestInputs/decode/. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl keyward-kmip -am test -Dtest=TtlvCodecFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; a crash is written to that directory, where it stays
 * as a regression input.
 */
class TtlvCodecFuzzTest {

  /** Tight limits, so the fuzzer reaches every bound with small inputs. */
  private static final TtlvCodec CODEC =
      new TtlvCodec(new CodecLimits(1 << 16, 6, 1000, 2048));

  @FuzzTest(maxDuration = "60s")
  void decode(byte[] input) throws DecodeException {
    Item tree;
    try {
      tree = CODEC.decode(input);
    } catch (DecodeException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.offset()).isBetween(0L, (long) input.length);
      return;
    }
    byte[] again = CODEC.encode(tree);
    assertThat(again.length).isEqualTo(CODEC.encodedLength(tree)).isLessThanOrEqualTo(input.length);
    assertThat(CODEC.decode(again)).isEqualTo(tree);
    int first = input[0] & 0xFF;
    if (tree instanceof Item.Structure && (first == 0x42 || first == 0x54)) {
      assertThat(CODEC.messageLength(input, 0)).isEqualTo(input.length);
    }
  }
}
