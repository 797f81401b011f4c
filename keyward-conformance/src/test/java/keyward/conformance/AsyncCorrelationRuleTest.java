package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import org.junit.jupiter.api.Test;

/**
 * TC-32 and TC-101 name every pending item's Asynchronous Correlation Value with one placeholder:
 * each Operation Pending answer binds it anew, and the next Poll or Cancel sends the latest value.
 */
class AsyncCorrelationRuleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String HEADER = "<ProtocolVersion><ProtocolVersionMajor type=\"Integer\" value=\"1\"/>"
      + "<ProtocolVersionMinor type=\"Integer\" value=\"2\"/></ProtocolVersion>";

  private static String request(boolean async, String op, String payload) {
    return "<RequestMessage><RequestHeader>" + HEADER
        + (async ? "<AsynchronousIndicator type=\"Boolean\" value=\"true\"/>" : "")
        + "<BatchCount type=\"Integer\" value=\"1\"/></RequestHeader><BatchItem><Operation type=\"Enumeration\" value=\""
        + op + "\"/><RequestPayload>" + payload + "</RequestPayload></BatchItem></RequestMessage>";
  }

  private static String pending(String time, String value) {
    return "<ResponseMessage><ResponseHeader>" + HEADER + "<TimeStamp type=\"DateTime\" value=\"" + time + "\"/>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></ResponseHeader><BatchItem><Operation type=\"Enumeration\" value=\"Locate\"/>"
        + "<ResultStatus type=\"Enumeration\" value=\"OperationPending\"/>"
        + "<AsynchronousCorrelationValue type=\"ByteString\" value=\"" + value + "\"/></BatchItem></ResponseMessage>";
  }

  private static String canceled(String time, String value) {
    return "<ResponseMessage><ResponseHeader>" + HEADER + "<TimeStamp type=\"DateTime\" value=\"" + time + "\"/>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></ResponseHeader><BatchItem><Operation type=\"Enumeration\" value=\"Cancel\"/>"
        + "<ResultStatus type=\"Enumeration\" value=\"Success\"/><ResponsePayload>"
        + "<AsynchronousCorrelationValue type=\"ByteString\" value=\"" + value + "\"/>"
        + "<CancellationResult type=\"Enumeration\" value=\"Canceled\"/></ResponsePayload></BatchItem></ResponseMessage>";
  }

  @Test
  void eachPendingAnswerBindsTheCorrelationValueAnew() throws Exception {
    String acv = "$ASYNCHRONOUS_CORRELATION_VALUE";
    String cancel = "<AsynchronousCorrelationValue type=\"ByteString\" value=\"" + acv + "\"/>";
    String file = "<KMIP>" + request(true, "Locate", "") + pending("$NOW", acv)
        + request(true, "Locate", "") + pending("$NOW", acv)
        + request(false, "Cancel", cancel) + canceled("$NOW", acv) + "</KMIP>";
    String t = "2026-03-01T12:00:00+00:00";
    List<String> answers = List.of(pending(t, "aaaa"), pending(t, "bbbb"), canceled(t, "bbbb"));
    List<String> sent = new ArrayList<>();
    ReplayResult r = new OasisReplay(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(Operation.values()), null)
        .run(TestCaseFile.parse("T", file), request -> {
          sent.add(new XmlCodec().encode(request, KmipVersion.V1_2));
          return new XmlCodec().decode(answers.get(sent.size() - 1));
        });
    assertThat(r.passed()).as(r.summary()).isTrue();
    assertThat(sent.get(2)).contains("\"bbbb\"").doesNotContain("\"aaaa\"");
  }

  /** TC-32-10 step 8 answers Cancel with the reference run's literal value: the bound one matches it too. */
  @Test
  void aLiteralValueInAnAnswerStandsForTheBoundOne() throws Exception {
    String acv = "$ASYNCHRONOUS_CORRELATION_VALUE";
    String cancel = "<AsynchronousCorrelationValue type=\"ByteString\" value=\"" + acv + "\"/>";
    String file = "<KMIP>" + request(true, "Locate", "") + pending("$NOW", acv)
        + request(false, "Cancel", cancel) + canceled("$NOW", "4d6bbfc35fe57fba") + "</KMIP>";
    String t = "2026-03-01T12:00:00+00:00";
    assertThat(replay(file, List.of(pending(t, "aaaa"), canceled(t, "aaaa"))).passed()).isTrue();
    assertThat(replay(file, List.of(pending(t, "aaaa"), canceled(t, "4d6bbfc35fe57fba"))).passed()).isTrue();
    assertThat(replay(file, List.of(pending(t, "aaaa"), canceled(t, "cccc"))).passed()).isFalse();
  }

  private static ReplayResult replay(String file, List<String> answers) throws Exception {
    int[] n = {0};
    return new OasisReplay(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(Operation.values()), null)
        .run(TestCaseFile.parse("T", file), request -> new XmlCodec().decode(answers.get(n[0]++)));
  }
}
