package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/**
 * The replay's placeholder handling and comparison rules, against a scripted server: each case
 * pins one permitted variation (it must pass) and its limit (one step further must not).
 */
class OasisReplayTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String T_NOW = "2026-03-01T12:00:00+00:00";
  private static final XmlCodec XML = new XmlCodec();

  private final List<Item> sent = new ArrayList<>();

  /** Replays the file, answering the n-th request with the n-th of the given actual responses. */
  private ReplayResult replay(String fileBody, String... actualResponses) throws Exception {
    TestCaseFile tc = TestCaseFile.parse("T", "<KMIP>" + fileBody + "</KMIP>");
    Deque<Item> answers = new ArrayDeque<>();
    for (String a : actualResponses) {
      answers.add(XML.decode(a));
    }
    return new OasisReplay(Clock.fixed(NOW, ZoneOffset.UTC)).run(tc, request -> {
      sent.add(request);
      return answers.removeFirst();
    });
  }

  private static String request(String version, String op, String payload) {
    String[] v = version.split("\\.");
    return "<RequestMessage><RequestHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"" + v[0] + "\"/>"
        + "<ProtocolVersionMinor type=\"Integer\" value=\"" + v[1] + "\"/></ProtocolVersion>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></RequestHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"" + op + "\"/>"
        + "<RequestPayload>" + payload + "</RequestPayload></BatchItem></RequestMessage>";
  }

  private static String response(String version, String time, String op, String rest) {
    String[] v = version.split("\\.");
    return "<ResponseMessage><ResponseHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"" + v[0] + "\"/>"
        + "<ProtocolVersionMinor type=\"Integer\" value=\"" + v[1] + "\"/></ProtocolVersion>"
        + "<TimeStamp type=\"DateTime\" value=\"" + time + "\"/>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></ResponseHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"" + op + "\"/>" + rest + "</BatchItem></ResponseMessage>";
  }

  private static String ok(String version, String time, String op, String payload) {
    return response(version, time, op,
        "<ResultStatus type=\"Enumeration\" value=\"Success\"/><ResponsePayload>" + payload + "</ResponsePayload>");
  }

  private static String uid(String v) {
    return "<UniqueIdentifier type=\"TextString\" value=\"" + v + "\"/>";
  }

  private static final String CREATE_21 = request("2.1", "Create", "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>"
      + "<Attributes><CryptographicAlgorithm type=\"Enumeration\" value=\"AES\"/>"
      + "<CryptographicLength type=\"Integer\" value=\"128\"/></Attributes>");

  private static String createdOk(String time, String id) {
    return ok("2.1", time, "Create", "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>" + uid(id));
  }

  private static String getKey(String version, String time, String id, String keyHex, String format) {
    return ok(version, time, "Get", "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>" + uid(id)
        + "<SymmetricKey><KeyBlock><KeyFormatType type=\"Enumeration\" value=\"" + format + "\"/>"
        + "<KeyValue><KeyMaterial type=\"ByteString\" value=\"" + keyHex + "\"/></KeyValue>"
        + "<CryptographicAlgorithm type=\"Enumeration\" value=\"AES\"/>"
        + "<CryptographicLength type=\"Integer\" value=\"128\"/></KeyBlock></SymmetricKey>");
  }

  @Test
  void uniqueIdentifierIsBoundFromTheResponseAndSentInLaterRequests() throws Exception {
    String file = CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0")
        + request("2.1", "Destroy", uid("$UNIQUE_IDENTIFIER_0")) + ok("2.1", "$NOW", "Destroy", uid("$UNIQUE_IDENTIFIER_0"));
    ReplayResult r = replay(file, createdOk(T_NOW, "id-7"), ok("2.1", T_NOW, "Destroy", uid("id-7")));
    assertThat(r.passed()).as(r.summary()).isTrue();
    assertThat(XML.encode(sent.get(1), KmipVersion.V2_1)).contains("value=\"id-7\"");

    sent.clear();
    ReplayResult wrong = replay(file, createdOk(T_NOW, "id-7"), ok("2.1", T_NOW, "Destroy", uid("id-8")));
    assertThat(wrong.passed()).isFalse();
    assertThat(wrong.mismatch().step()).isEqualTo(1);
    assertThat(wrong.mismatch().path()).isEqualTo("ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier");
    assertThat(wrong.mismatch().expected()).contains("$UNIQUE_IDENTIFIER_0").contains("id-7");
    assertThat(wrong.mismatch().actual()).contains("id-8");
  }

  @Test
  void distinctPlaceholdersMustBindDistinctIdentifiers() throws Exception {
    String file = CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0") + CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_1");
    assertThat(replay(file, createdOk(T_NOW, "a"), createdOk(T_NOW, "b")).passed()).isTrue();
    ReplayResult r = replay(file, createdOk(T_NOW, "a"), createdOk(T_NOW, "a"));
    assertThat(r.summary()).contains("$UNIQUE_IDENTIFIER_1").contains("already bound to $UNIQUE_IDENTIFIER_0");
  }

  @Test
  void anIdentifierUsedBeforeAnyResponseBoundItStopsTheReplay() throws Exception {
    // another identifier was seen, but $UNIQUE_IDENTIFIER_3 never bound: no stand-in
    ReplayResult r = replay(CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0")
        + request("2.1", "Get", uid("$UNIQUE_IDENTIFIER_3")) + ok("2.1", "$NOW", "Get", ""), createdOk(T_NOW, "a"));
    assertThat(r.problem()).startsWith("step 1").contains("$UNIQUE_IDENTIFIER_3").contains("before any response");
    assertThat(sent).hasSize(1);
  }

  @Test
  void anUnboundDataPlaceholderTakesTheLastActualValueOfThatElement() throws Exception {
    // CS-BC-M-13: the file lists a literal reference ciphertext, the next request sends $DATA_0
    String data = "<Data type=\"ByteString\" value=\"%s\"/>";
    String file = request("2.1", "Encrypt", uid("k") + data.formatted("01")) + ok("2.1", "$NOW", "Encrypt", uid("k") + data.formatted("aaaa"))
        + request("2.1", "Decrypt", uid("k") + data.formatted("$DATA_0")) + ok("2.1", "$NOW", "Decrypt", uid("k") + data.formatted("01"));
    ReplayResult r = replay(file, ok("2.1", T_NOW, "Encrypt", uid("k") + data.formatted("aaaa")),
        ok("2.1", T_NOW, "Decrypt", uid("k") + data.formatted("01")));
    assertThat(r.passed()).as(r.summary()).isTrue();
    assertThat(payloadOf(sent.get(1), Tag.REQUEST_PAYLOAD).first(Tag.DATA))
        .contains(new Item.ByteString(Tag.DATA, new byte[] {(byte) 0xaa, (byte) 0xaa}));
  }

  @Test
  void nowInARequestIsTheClockWithItsOffset() throws Exception {
    String file = request("2.1", "Activate", uid("x") + "<ActivationDate type=\"DateTime\" value=\"$NOW-3600\"/>")
        + ok("2.1", "$NOW", "Activate", uid("x"));
    assertThat(replay(file, ok("2.1", T_NOW, "Activate", uid("x"))).passed()).isTrue();
    Item.Structure payload = payloadOf(sent.getFirst(), Tag.REQUEST_PAYLOAD);
    assertThat(payload.first(Tag.ACTIVATION_DATE)).contains(new Item.DateTime(Tag.ACTIVATION_DATE, NOW.getEpochSecond() - 3600));
  }

  @Test
  void timeStampAnyButNowPlaceholdersMustBeNearTheRun() throws Exception {
    String file = CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0");
    assertThat(replay(file, createdOk("2026-03-01T12:04:00+00:00", "a")).passed()).isTrue();
    ReplayResult late = replay(file, createdOk("2026-03-01T12:06:00+00:00", "a"));
    assertThat(late.mismatch().path()).isEqualTo("ResponseMessage/ResponseHeader/TimeStamp");
    // a literal TimeStamp (as in the 1.0-1.2 files) is the reference run's: any DateTime
    assertThat(replay(CREATE_21 + createdOk("2012-04-27T08:12:21+00:00", "$UNIQUE_IDENTIFIER_0"),
        createdOk("2030-01-01T00:00:00+00:00", "a")).passed()).isTrue();
  }

  @Test
  void resultMessageAndServerCorrelationValueMayDifferOrBeAbsentButResultReasonMustMatch() throws Exception {
    String failed = "<ResultStatus type=\"Enumeration\" value=\"OperationFailed\"/>"
        + "<ResultReason type=\"Enumeration\" value=\"ItemNotFound\"/>";
    String file = request("1.4", "Get", uid("nope")) + response("1.4", "$NOW", "Get",
        failed + "<ResultMessage type=\"TextString\" value=\"DENIED\"/>");
    assertThat(replay(file, response("1.4", T_NOW, "Get", failed)).passed()).isTrue();
    assertThat(replay(file, response("1.4", T_NOW, "Get", failed + "<ResultMessage type=\"TextString\" value=\"no such object\"/>"))
        .passed()).isTrue();
    ReplayResult r = replay(file, response("1.4", T_NOW, "Get", "<ResultStatus type=\"Enumeration\" value=\"OperationFailed\"/>"
        + "<ResultReason type=\"Enumeration\" value=\"PermissionDenied\"/>"));
    assertThat(r.mismatch().path()).isEqualTo("ResponseMessage/BatchItem[0]/ResultReason");
    assertThat(r.mismatch().expected()).contains("ItemNotFound");
    assertThat(r.mismatch().actual()).contains("PermissionDenied");
  }

  @Test
  void anItemTheFileDoesNotHaveIsAMismatchOutsideAttributeLists() throws Exception {
    String file = request("2.1", "Destroy", uid("x")) + ok("2.1", "$NOW", "Destroy", uid("x"));
    ReplayResult r = replay(file, ok("2.1", T_NOW, "Destroy", uid("x") + "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>"));
    assertThat(r.mismatch().path()).isEqualTo("ResponseMessage/BatchItem[0]/ResponsePayload/ObjectType");
    assertThat(r.mismatch().expected()).isEqualTo("nothing (no further item)");
  }

  @Test
  void getAttributesInAnyOrderWithExtrasButNoneMissingOrDifferent() throws Exception {
    String file = request("2.1", "GetAttributes", uid("x")) + ok("2.1", "$NOW", "GetAttributes", uid("x")
        + "<Attributes><State type=\"Enumeration\" value=\"PreActive\"/>"
        + "<CryptographicLength type=\"Integer\" value=\"128\"/></Attributes>");
    assertThat(replay(file, ok("2.1", T_NOW, "GetAttributes", uid("x")
        + "<Attributes><CryptographicLength type=\"Integer\" value=\"128\"/><Sensitive type=\"Boolean\" value=\"false\"/>"
        + "<State type=\"Enumeration\" value=\"PreActive\"/></Attributes>")).passed()).isTrue();
    ReplayResult missing = replay(file, ok("2.1", T_NOW, "GetAttributes", uid("x")
        + "<Attributes><State type=\"Enumeration\" value=\"PreActive\"/></Attributes>"));
    assertThat(missing.mismatch().path()).endsWith("/Attributes/CryptographicLength");
    ReplayResult other = replay(file, ok("2.1", T_NOW, "GetAttributes", uid("x")
        + "<Attributes><State type=\"Enumeration\" value=\"Active\"/><CryptographicLength type=\"Integer\" value=\"128\"/></Attributes>"));
    assertThat(other.mismatch().path()).endsWith("/Attributes/State");
    assertThat(other.mismatch().actual()).contains("Active");
  }

  @Test
  void oneXAttributesMatchByNameAndAttributeIndexZeroIsOptional() throws Exception {
    String attr = "<Attribute><AttributeName type=\"TextString\" value=\"Cryptographic Length\"/>"
        + "<AttributeIndex type=\"Integer\" value=\"0\"/><AttributeValue type=\"Integer\" value=\"128\"/></Attribute>";
    String state = "<Attribute><AttributeName type=\"TextString\" value=\"State\"/>"
        + "<AttributeValue type=\"Enumeration\" value=\"0x00000001\"/></Attribute>";
    String file = request("1.4", "GetAttributes", uid("x")) + ok("1.4", "$NOW", "GetAttributes", uid("x") + attr + state);
    String noIndex = attr.replace("<AttributeIndex type=\"Integer\" value=\"0\"/>", "");
    assertThat(replay(file, ok("1.4", T_NOW, "GetAttributes", uid("x") + state + noIndex)).passed()).isTrue();
    ReplayResult r = replay(file, ok("1.4", T_NOW, "GetAttributes", uid("x") + state + noIndex.replace("128", "256")));
    assertThat(r.mismatch().path()).endsWith("/Attribute(Cryptographic Length)/AttributeValue");
    ReplayResult index1 = replay(file, ok("1.4", T_NOW, "GetAttributes", uid("x") + state
        + attr.replace("value=\"0\"", "value=\"1\"")));
    assertThat(index1.passed()).isFalse();
  }

  @Test
  void locateResultsInAnyOrderButNoExtraObject() throws Exception {
    String file = CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0") + CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_1")
        + request("2.1", "Locate", "") + ok("2.1", "$NOW", "Locate", uid("$UNIQUE_IDENTIFIER_0") + uid("$UNIQUE_IDENTIFIER_1"));
    assertThat(replay(file, createdOk(T_NOW, "a"), createdOk(T_NOW, "b"), ok("2.1", T_NOW, "Locate", uid("b") + uid("a")))
        .passed()).isTrue();
    ReplayResult extra = replay(file, createdOk(T_NOW, "a"), createdOk(T_NOW, "b"),
        ok("2.1", T_NOW, "Locate", uid("b") + uid("a") + uid("c")));
    assertThat(extra.mismatch().path()).endsWith("ResponsePayload/UniqueIdentifier");
    assertThat(extra.mismatch().actual()).contains("\"c\"");
  }

  @Test
  void keyMaterialOfAGeneratedKeyMayDifferButARegisteredOneMustBeReturnedExactly() throws Exception {
    String created = CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0")
        + request("2.1", "Get", uid("$UNIQUE_IDENTIFIER_0"))
        + getKey("2.1", "$NOW", "$UNIQUE_IDENTIFIER_0", "00112233445566778899aabbccddeeff", "Raw");
    assertThat(replay(created, createdOk(T_NOW, "g"),
        getKey("2.1", T_NOW, "g", "ffeeddccbbaa99887766554433221100", "TransparentSymmetricKey")).passed()).isTrue();

    String registered = request("2.1", "Get", uid("r")) + getKey("2.1", "$NOW", "r", "00112233445566778899aabbccddeeff", "Raw");
    ReplayResult r = replay(registered, getKey("2.1", T_NOW, "r", "ffeeddccbbaa99887766554433221100", "Raw"));
    assertThat(r.mismatch().path()).endsWith("/KeyValue/KeyMaterial");
    assertThat(r.mismatch().expected()).contains("00112233445566778899aabbccddeeff"); // public test data
    assertThat(r.mismatch().actual()).doesNotContain("ffeedd").contains("16 bytes");
    assertThat(replay(registered, getKey("2.1", T_NOW, "r", "00112233445566778899aabbccddeeff", "TransparentSymmetricKey"))
        .mismatch().path()).endsWith("/KeyBlock/KeyFormatType");
  }

  /** The parts Create Split Key makes are server-generated (random coefficients): their bytes may differ (TC-SJ-2-12). */
  @Test
  void thePartsOfCreateSplitKeyAreGeneratedKeyMaterial() throws Exception {
    String split = request("1.2", "CreateSplitKey", "<ObjectType type=\"Enumeration\" value=\"SplitKey\"/>" + uid("base")
        + "<SplitKeyParts type=\"Integer\" value=\"2\"/><SplitKeyThreshold type=\"Integer\" value=\"2\"/>"
        + "<SplitKeyMethod type=\"Enumeration\" value=\"XOR\"/>")
        + ok("1.2", "$NOW", "CreateSplitKey", uid("$UNIQUE_IDENTIFIER_1") + uid("$UNIQUE_IDENTIFIER_2"))
        + request("1.2", "Get", uid("$UNIQUE_IDENTIFIER_2"))
        + getKey("1.2", "$NOW", "$UNIQUE_IDENTIFIER_2", "00112233445566778899aabbccddeeff", "Raw");
    ReplayResult r = replay(split, ok("1.2", T_NOW, "CreateSplitKey", uid("p1") + uid("p2")),
        getKey("1.2", T_NOW, "p2", "ffeeddccbbaa99887766554433221100", "Raw"));
    assertThat(r.passed()).as(r.summary()).isTrue();
    // the key split was registered: its own bytes are still compared
    String base = request("1.2", "Get", uid("base")) + getKey("1.2", "$NOW", "base", "00112233445566778899aabbccddeeff", "Raw");
    assertThat(replay(base, getKey("1.2", T_NOW, "base", "ffeeddccbbaa99887766554433221100", "Raw")).passed()).isFalse();
  }

  @Test
  void digestOfAGeneratedKeyMayDifferButARegisteredKeysDigestIsCompared() throws Exception {
    String digest = "<Digest><HashingAlgorithm type=\"Enumeration\" value=\"SHA_256\"/>"
        + "<DigestValue type=\"ByteString\" value=\"aaaa\"/><KeyFormatType type=\"Enumeration\" value=\"Raw\"/></Digest>";
    String other = digest.replace("aaaa", "bbbb");
    String generated = CREATE_21 + createdOk("$NOW", "$UNIQUE_IDENTIFIER_0")
        + request("2.1", "GetAttributes", uid("$UNIQUE_IDENTIFIER_0"))
        + ok("2.1", "$NOW", "GetAttributes", uid("$UNIQUE_IDENTIFIER_0") + "<Attributes>" + digest + "</Attributes>");
    assertThat(replay(generated, createdOk(T_NOW, "g"),
        ok("2.1", T_NOW, "GetAttributes", uid("g") + "<Attributes>" + other + "</Attributes>")).passed()).isTrue();
    String registered = request("2.1", "GetAttributes", uid("r"))
        + ok("2.1", "$NOW", "GetAttributes", uid("r") + "<Attributes>" + digest + "</Attributes>");
    assertThat(replay(registered, ok("2.1", T_NOW, "GetAttributes", uid("r") + "<Attributes>" + other + "</Attributes>"))
        .mismatch().path()).endsWith("/Digest/DigestValue");
    // another hashing algorithm is the server's choice; its value then cannot be compared
    assertThat(replay(registered, ok("2.1", T_NOW, "GetAttributes", uid("r") + "<Attributes>"
        + other.replace("SHA_256", "SHA_512") + "</Attributes>")).passed()).isTrue();
  }

  @Test
  void dateAttributesAreFreeUnlessTheRequestFixedThem() throws Exception {
    String expected = ok("2.1", "$NOW", "GetAttributes", uid("x")
        + "<Attributes><ActivationDate type=\"DateTime\" value=\"2000-02-02T00:00:00+10:00\"/></Attributes>");
    String actual = ok("2.1", T_NOW, "GetAttributes", uid("x")
        + "<Attributes><ActivationDate type=\"DateTime\" value=\"2026-01-01T00:00:00+00:00\"/></Attributes>");
    assertThat(replay(request("2.1", "GetAttributes", uid("x")) + expected, actual).passed()).isTrue();
    String fixing = request("2.1", "SetAttribute", uid("x")
        + "<NewAttribute><ActivationDate type=\"DateTime\" value=\"2000-02-02T00:00:00+10:00\"/></NewAttribute>")
        + ok("2.1", "$NOW", "SetAttribute", uid("x"));
    ReplayResult r = replay(fixing + request("2.1", "GetAttributes", uid("x")) + expected,
        ok("2.1", T_NOW, "SetAttribute", uid("x")), actual);
    assertThat(r.mismatch().path()).endsWith("/Attributes/ActivationDate");
  }

  @Test
  void aClientCorrelationValueEchoedInTheHeaderIsNotAPermittedVariation() throws Exception {
    String file = request("2.1", "Destroy", uid("x")) + ok("2.1", "$NOW", "Destroy", uid("x"));
    String echoed = ok("2.1", T_NOW, "Destroy", uid("x")).replace("<BatchCount",
        "<ClientCorrelationValue type=\"TextString\" value=\"c\"/><ServerCorrelationValue type=\"TextString\" value=\"s\"/><BatchCount");
    assertThat(replay(file, echoed).mismatch().path()).isEqualTo("ResponseMessage/ResponseHeader/BatchCount");
    String serverOnly = ok("2.1", T_NOW, "Destroy", uid("x")).replace("<BatchCount",
        "<ServerCorrelationValue type=\"TextString\" value=\"s\"/><BatchCount");
    assertThat(replay(file, serverOnly).passed()).isTrue();
  }

  private static Item.Structure payloadOf(Item message, int payloadTag) {
    Item.Structure batch = (Item.Structure) ((Item.Structure) message).first(Tag.BATCH_ITEM).orElseThrow();
    return (Item.Structure) batch.first(payloadTag).orElseThrow();
  }
}
