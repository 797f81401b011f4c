package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.Operation;
import org.junit.jupiter.api.Test;

/**
 * The KMIP 1.0–1.2 files (HTML-era documents): which are replayed, their version and profile, and
 * the one permitted variation only they get: a run of spaces in a value is one space.
 */
class HtmlEraFilesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String T_NOW = "2026-03-01T12:00:00+00:00";

  private static String file(String requestedName, String answeredName) {
    return "<KmipTestCase><RequestMessage><RequestHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"1\"/><ProtocolVersionMinor type=\"Integer\" value=\"0\"/>"
        + "</ProtocolVersion><BatchCount type=\"Integer\" value=\"1\"/></RequestHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"GetAttributeList\"/><RequestPayload>"
        + "<UniqueIdentifier type=\"TextString\" value=\"" + requestedName + "\"/></RequestPayload></BatchItem></RequestMessage>"
        + "\n# TIME 0\n"
        + response("$NOW", answeredName) + "</KmipTestCase>";
  }

  private static String response(String time, String name) {
    return "<ResponseMessage><ResponseHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"1\"/><ProtocolVersionMinor type=\"Integer\" value=\"0\"/>"
        + "</ProtocolVersion><TimeStamp type=\"DateTime\" value=\"" + time + "\"/>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></ResponseHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"GetAttributeList\"/>"
        + "<ResultStatus type=\"Enumeration\" value=\"Success\"/><ResponsePayload>"
        + "<UniqueIdentifier type=\"TextString\" value=\"k\"/>"
        + "<AttributeName type=\"TextString\" value=\"" + name + "\"/></ResponsePayload></BatchItem></ResponseMessage>";
  }

  /** Replays the file against a server that answers with the name given; returns what it was sent. */
  private static boolean passes(boolean htmlEra, String inFile, String serverSays, List<String> sent) throws Exception {
    TestCaseFile tc = TestCaseFile.parse("T", file(inFile, inFile), htmlEra);
    return new OasisReplay(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(Operation.values()), null).run(tc, r -> {
      sent.add(new XmlCodec().encode(r, keyward.kmip.spec.KmipVersion.V1_0));
      return new XmlCodec().decode(response(T_NOW, serverSays));
    }).passed();
  }

  @Test
  void inHtmlEraFilesARunOfSpacesIsOneSpaceInRequestsAndAnswers() throws Exception {
    List<String> sent = new java.util.ArrayList<>();
    assertThat(passes(true, "Cryptographic   Length", "Cryptographic Length", sent)).isTrue();
    assertThat(sent.getFirst()).contains("\"Cryptographic Length\"").doesNotContain("Cryptographic  ");
  }

  @Test
  void theVariationStopsAtSpacesAndAtTheHtmlEra() throws Exception {
    assertThat(passes(true, "Cryptographic   Length", "CryptographicLength", new java.util.ArrayList<>())).isFalse();
    assertThat(passes(true, "Cryptographic Length", "Cryptographic  Length", new java.util.ArrayList<>())).isFalse();
    // a 1.3 or later file is published as XML: its values are compared as written
    assertThat(passes(false, "Cryptographic   Length", "Cryptographic Length", new java.util.ArrayList<>())).isFalse();
  }

  @Test
  void versionProfileAndEraOfFileNames() {
    assertThat(TestCases.versionOf("1.0/profiles-v1.0-extracted/mandatory/AKLC-M-1-12.xml")).isEqualTo("1.2");
    assertThat(TestCases.versionOf("1.0/profiles-v1.0-extracted/optional/SKFF-O-6-11.xml")).isEqualTo("1.1");
    assertThat(TestCases.versionOf("1.1/ovh-kmip-go/TC_41_11_Revoke_Scenario.xml")).isEqualTo("1.1");
    assertThat(TestCases.versionOf("2.1/profiles/mandatory/BL-M-1-21.xml")).isEqualTo("2.1");
    assertThat(TestCases.profileOf("TC_ECC_2_10_Register_an_ECC_Key_Pair_in_PKCS8_Format.xml")).isEqualTo("TC");
    assertThat(TestCases.profileOf("SASED_M_3_10_storage_array_retrieve.xml")).isEqualTo("SASED");
    assertThat(TestCases.profileOf("CS_BC_M_14_12_Encrypt_and_Decrypt_with_Known_Symmetric_Key_Date_Checks.xml")).isEqualTo("CS-BC");
    assertThat(TestCases.profileOf("CS-BC-M-1-12_Encrypt_with_New_Symmetric_Key.xml")).isEqualTo("CS-BC");
    assertThat(TestCases.profileOf("SUITEB_128-M-1-14.xml")).isEqualTo("SUITEB");
    assertThat(TestCases.profileOf("README.md")).isNull();
    assertThat(TestCases.htmlEra("1.2/ovh-kmip-go/TC_51_12_Get_Usage_Allocation_Scenario.xml")).isTrue();
    assertThat(TestCases.htmlEra("1.0/profiles-v1.0-extracted/mandatory/SKLC-M-1-11.xml")).isTrue();
    assertThat(TestCases.htmlEra("1.3/profiles/mandatory/SKLC-M-1-13.xml")).isFalse();
  }

  /** The sets as found: duplicates (MANIFEST content_duplicate_of) and the non-OASIS files left out. */
  @Test
  void theLegacySetsLeaveOutDuplicatesAndNonOasisFiles() throws Exception {
    Path cases = SharedTestCases.dir("HtmlEraFilesTest");
    List<String> v10 = TestCases.find(cases, List.of("1.0"), List.of()).stream().map(p -> TestCases.relative(cases, p)).toList();
    List<String> v12 = TestCases.find(cases, List.of("1.2"), List.of()).stream().map(p -> TestCases.relative(cases, p)).toList();
    assertThat(v10).contains("1.0/profiles-v1.0-extracted/mandatory/SKLC-M-1-10.xml", "1.0/ovh-kmip-go/TC_41_10_Revoke_Scenario.xml",
        "1.0/ovh-kmip-go/TL_M_3_10_tape_read.xml")
        .doesNotContain("1.0/ovh-kmip-go/SKLC_M_1_10_SymmetricKeyLifecycle_1.xml", "1.0/profiles-v1.0-extracted/mandatory/SKLC-M-1-11.xml");
    assertThat(v10).allMatch(f -> TestCases.versionOf(f).equals("1.0"));
    assertThat(v12).contains("1.0/profiles-v1.0-extracted/mandatory/SKLC-M-1-12.xml", "1.2/ovh-kmip-go/TC_MDO_1_12_Register_MDO_Key.xml")
        .doesNotContain("1.2/ovh-kmip-go/TC-311-10-CREATE-DESTROY.xml", "1.2/ovh-kmip-go/TC-SK-CREATE-ENCRYPT-DECRYPT-DESTROY.xml");
    assertThat(v12).allMatch(f -> TestCases.versionOf(f).equals("1.2"));
    assertThat(TestCases.find(cases, List.of("1.1"), List.of("TC"))).hasSize(41);
  }
}
