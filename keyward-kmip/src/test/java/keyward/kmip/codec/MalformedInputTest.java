package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/**
 * Damaged input, made by mutating well-formed messages, must only ever end in a
 * DecodeException (or decode to some tree): never another exception, a hang or a crash.
 */
class MalformedInputTest {
  private static final String MARKUP = "<>/=\"' &;#x0123456789abcdefABCDEF-+.:TZ|[]{},\u00e9\u0000\uFFFF";

  private final XmlCodec xml = new XmlCodec(CodecLimits.DEFAULT.withMaxDepth(8).withMaxItems(200));
  private final JsonCodec json = new JsonCodec(CodecLimits.DEFAULT.withMaxDepth(8).withMaxItems(200));

  private static String mutate(String s, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && !sb.isEmpty(); e++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(4)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, MARKUP.charAt(random.nextInt(MARKUP.length())));
        case 2 -> sb.setCharAt(at, MARKUP.charAt(random.nextInt(MARKUP.length())));
        default -> sb.setLength(at);
      }
    }
    return sb.toString();
  }

  @Test
  void damagedXmlAndJsonOnlyEverFailWithDecodeException() {
    SplittableRandom random = new SplittableRandom(5696);
    RandomItems items = new RandomItems(random);
    int refused = 0;
    int runs = 0;
    for (int i = 0; i < 150; i++) {
      Item tree = items.tree(3, 6);
      String x = xml.encode(tree, KmipVersion.V2_1);
      String j = json.encode(tree, KmipVersion.V2_1);
      for (int m = 0; m < 20; m++) {
        String badXml = mutate(x, random);
        String badJson = mutate(j, random);
        refused += refusedOnlyByDecodeException(() -> xml.decode(badXml));
        refused += refusedOnlyByDecodeException(() -> xml.decode(badXml.getBytes(StandardCharsets.UTF_8)));
        refused += refusedOnlyByDecodeException(() -> json.decode(badJson));
        refused += refusedOnlyByDecodeException(() -> json.decode(badJson.getBytes(StandardCharsets.UTF_8)));
        runs += 4;
      }
    }
    // Most mutations break the message; a test where none did would exercise nothing.
    assertThat(refused).isGreaterThan(runs / 2);
  }

  private interface Decode {
    Item run() throws DecodeException;
  }

  private static int refusedOnlyByDecodeException(Decode d) {
    try {
      d.run();
      return 0;
    } catch (DecodeException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
      return 1;
    }
  }
}
