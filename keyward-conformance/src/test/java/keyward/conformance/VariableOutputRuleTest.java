package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.Operation;
import org.junit.jupiter.api.Test;

/**
 * Crypto output the OASIS README lists as inherently variable (RNG Retrieve data, Encrypt with
 * Random IV or OAEP, Sign with PSS or ECDSA) may differ from the reference run; deterministic
 * output (Decrypt, or Encrypt without those parameters) must not.
 */
class VariableOutputRuleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String T_NOW = "2026-03-01T12:00:00+00:00";

  private static String request(String op, String payload) {
    return "<RequestMessage><RequestHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"2\"/><ProtocolVersionMinor type=\"Integer\" value=\"1\"/>"
        + "</ProtocolVersion><BatchCount type=\"Integer\" value=\"1\"/></RequestHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"" + op + "\"/><RequestPayload>" + payload
        + "</RequestPayload></BatchItem></RequestMessage>";
  }

  private static String response(String time, String op, String data) {
    return "<ResponseMessage><ResponseHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"2\"/><ProtocolVersionMinor type=\"Integer\" value=\"1\"/>"
        + "</ProtocolVersion><TimeStamp type=\"DateTime\" value=\"" + time + "\"/>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></ResponseHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"" + op + "\"/>"
        + "<ResultStatus type=\"Enumeration\" value=\"Success\"/><ResponsePayload>"
        + "<Data type=\"ByteString\" value=\"" + data + "\"/></ResponsePayload></BatchItem></ResponseMessage>";
  }

  private static boolean passes(String op, String requestPayload, String expected, String actual) throws Exception {
    String file = "<KMIP>" + request(op, requestPayload) + response("$NOW", op, expected) + "</KMIP>";
    TestCaseFile tc = TestCaseFile.parse("T", file);
    return new OasisReplay(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(Operation.values()), null)
        .run(tc, r -> new XmlCodec().decode(response(T_NOW, op, actual))).passed();
  }

  private static final String RANDOM_IV = "<UniqueIdentifier type=\"TextString\" value=\"k\"/>"
      + "<CryptographicParameters><BlockCipherMode type=\"Enumeration\" value=\"CBC\"/>"
      + "<RandomIV type=\"Boolean\" value=\"true\"/></CryptographicParameters>"
      + "<Data type=\"ByteString\" value=\"00112233\"/>";
  private static final String FIXED_IV = "<UniqueIdentifier type=\"TextString\" value=\"k\"/>"
      + "<CryptographicParameters><BlockCipherMode type=\"Enumeration\" value=\"CBC\"/></CryptographicParameters>"
      + "<IVCounterNonce type=\"ByteString\" value=\"00000000000000000000000000000000\"/>"
      + "<Data type=\"ByteString\" value=\"00112233\"/>";

  @Test
  void rngRetrieveDataMayDifferButNotInLength() throws Exception {
    String ask = "<DataLength type=\"Integer\" value=\"4\"/>";
    assertThat(passes("RNGRetrieve", ask, "01020304", "a0b0c0d0")).isTrue();
    assertThat(passes("RNGRetrieve", ask, "01020304", "a0b0c0")).isFalse();
  }

  @Test
  void encryptWithRandomIvMayDifferButWithAGivenIvMustMatch() throws Exception {
    assertThat(passes("Encrypt", RANDOM_IV, "01020304", "a0b0c0d0")).isTrue();
    assertThat(passes("Encrypt", FIXED_IV, "01020304", "a0b0c0d0")).isFalse();
    assertThat(passes("Encrypt", FIXED_IV, "01020304", "01020304")).isTrue();
  }

  @Test
  void decryptOutputIsAlwaysExact() throws Exception {
    assertThat(passes("Decrypt", RANDOM_IV, "01020304", "a0b0c0d0")).isFalse();
  }
}
