package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/**
 * Arbitrary bytes into the JSON decoder, both as bytes and as UTF-8 text. The only outcomes
 * allowed are a tree or a {@link DecodeException}; any other exception, a hang or an allocation
 * blow-up is a finding. A decoded tree must survive encode then decode unchanged, in the version
 * the input's length picks (so that every version's names get written).
 *
 * <p>In the normal test run this replays the inputs in
 * src/test/resources/keyward/kmip/codec/JsonCodecFuzzTestInputs/decode/. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl keyward-kmip -am test -Dtest=JsonCodecFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; a crash is written to that directory, where it stays
 * as a regression input.
 */
class JsonCodecFuzzTest {

  /** Tight limits, so the fuzzer reaches every bound with small inputs. */
  private static final JsonCodec CODEC = new JsonCodec(new CodecLimits(1 << 16, 6, 1000, 2048));

  @FuzzTest(maxDuration = "60s")
  void decode(byte[] input) throws DecodeException {
    KmipVersion version = KmipVersion.values()[input.length % KmipVersion.values().length];
    try {
      roundTrip(CODEC.decode(input), version);
    } catch (DecodeException e) {
      assertThat(e.reason()).isNotNull();
    }
    try {
      roundTrip(CODEC.decode(new String(input, StandardCharsets.UTF_8)), version);
    } catch (DecodeException e) {
      assertThat(e.reason()).isNotNull();
    }
  }

  private static void roundTrip(Item tree, KmipVersion version) throws DecodeException {
    String again = CODEC.encode(tree, version);
    assertThat(CODEC.decode(again)).as("decode(encode(tree)) in %s", version).isEqualTo(tree);
  }
}
