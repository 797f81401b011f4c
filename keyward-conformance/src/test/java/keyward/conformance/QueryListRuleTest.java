package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import org.junit.jupiter.api.Test;

/**
 * The permitted variation for Query lists ("Object/Operation types beyond those the profile
 * requires"): fewer entries than the reference server is fine when the profile's required ones are
 * there; a missing required entry, a duplicate, or an operation the server does not perform is not.
 */
class QueryListRuleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String T_NOW = "2026-03-01T12:00:00+00:00";

  private static final String REQUEST = "<RequestMessage><RequestHeader><ProtocolVersion>"
      + "<ProtocolVersionMajor type=\"Integer\" value=\"2\"/><ProtocolVersionMinor type=\"Integer\" value=\"1\"/>"
      + "</ProtocolVersion><BatchCount type=\"Integer\" value=\"1\"/></RequestHeader>"
      + "<BatchItem><Operation type=\"Enumeration\" value=\"Query\"/><RequestPayload>"
      + "<QueryFunction type=\"Enumeration\" value=\"QueryOperations\"/>"
      + "<QueryFunction type=\"Enumeration\" value=\"QueryObjects\"/></RequestPayload></BatchItem></RequestMessage>";

  private static String answer(String time, String... entries) {
    StringBuilder sb = new StringBuilder("<ResponseMessage><ResponseHeader><ProtocolVersion>"
        + "<ProtocolVersionMajor type=\"Integer\" value=\"2\"/><ProtocolVersionMinor type=\"Integer\" value=\"1\"/>"
        + "</ProtocolVersion><TimeStamp type=\"DateTime\" value=\"" + time + "\"/>"
        + "<BatchCount type=\"Integer\" value=\"1\"/></ResponseHeader>"
        + "<BatchItem><Operation type=\"Enumeration\" value=\"Query\"/>"
        + "<ResultStatus type=\"Enumeration\" value=\"Success\"/><ResponsePayload>");
    for (String e : entries) {
      String[] kv = e.split("=");
      sb.append("<").append(kv[0]).append(" type=\"Enumeration\" value=\"").append(kv[1]).append("\"/>");
    }
    return sb.append("</ResponsePayload></BatchItem></ResponseMessage>").toString();
  }

  /** The reference answer lists more than the profile requires (Query, Symmetric Key). */
  private static final String FILE = REQUEST + answer("$NOW", "Operation=Query", "Operation=Encrypt",
      "Operation=Create", "ObjectType=SymmetricKey", "ObjectType=PGPKey");
  private static final ProfileRequirements REQUIRED = new ProfileRequirements(
      Set.of(Operation.QUERY, Operation.CREATE), Set.of(ObjectType.SYMMETRIC_KEY), null);
  private static final Set<Operation> PERFORMED = Set.of(Operation.QUERY, Operation.CREATE, Operation.GET);

  private static ReplayResult replay(ProfileRequirements required, String... actual) throws Exception {
    TestCaseFile tc = TestCaseFile.parse("T", "<KMIP>" + FILE + "</KMIP>");
    return new OasisReplay(Clock.fixed(NOW, ZoneOffset.UTC), PERFORMED, required)
        .run(tc, request -> new XmlCodec().decode(answer(T_NOW, actual)));
  }

  @Test
  void fewerEntriesThanTheReferencePassWhenTheRequiredOnesAreListed() throws Exception {
    assertThat(replay(REQUIRED, "Operation=Create", "Operation=Get", "Operation=Query", "ObjectType=SymmetricKey").passed())
        .isTrue();
  }

  @Test
  void withoutTheProfilesRequirementsEveryReferenceEntryMustBeListed() throws Exception {
    ReplayResult r = replay(null, "Operation=Create", "Operation=Get", "Operation=Query", "ObjectType=SymmetricKey");
    assertThat(r.passed()).isFalse();
    assertThat(r.mismatch().expected()).containsAnyOf("value=\"Encrypt\"", "value=\"PGPKey\"");
  }

  @Test
  void aRequiredOperationOrObjectTypeMissingFails() throws Exception {
    ReplayResult noCreate = replay(REQUIRED, "Operation=Query", "ObjectType=SymmetricKey");
    assertThat(noCreate.mismatch().path()).endsWith("/ResponsePayload/Operation");
    assertThat(noCreate.mismatch().expected()).contains("Create").contains("the profile requires it");
    ReplayResult noKey = replay(REQUIRED, "Operation=Query", "Operation=Create", "ObjectType=SecretData");
    assertThat(noKey.mismatch().path()).endsWith("/ResponsePayload/ObjectType");
    assertThat(noKey.mismatch().expected()).contains("SymmetricKey");
  }

  @Test
  void anOperationOutsideTheDispatchTableOrListedTwiceFails() throws Exception {
    ReplayResult boasting = replay(REQUIRED, "Operation=Query", "Operation=Create", "Operation=Encrypt",
        "ObjectType=SymmetricKey");
    assertThat(boasting.mismatch().actual()).contains("Encrypt").contains("not in its dispatch table");
    ReplayResult twice = replay(REQUIRED, "Operation=Query", "Operation=Create", "Operation=Query",
        "ObjectType=SymmetricKey");
    assertThat(twice.mismatch().actual()).contains("twice");
  }
}
