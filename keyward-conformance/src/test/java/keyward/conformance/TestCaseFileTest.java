package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestCaseFileTest {
  /** HTML-extracted TC_* files write "Unique   Identifier": attribute names lose the extra spaces, other values keep them. */
  @Test
  void runsOfSpacesInAttributeNamesAreExtractionResidue() throws Exception {
    TestCaseFile f = TestCaseFile.parse("x", """
        <KMIP><RequestMessage><BatchItem><RequestPayload>
        <AttributeName type="TextString" value="Unique   Identifier"/>
        <NameValue type="TextString" value="a   b"/>
        </RequestPayload></BatchItem></RequestMessage><ResponseMessage/></KMIP>""");
    XmlNode payload = f.steps().getFirst().request().children().getFirst().children().getFirst();
    assertThat(payload.children().get(0).value()).isEqualTo("Unique Identifier");
    assertThat(payload.children().get(1).value()).isEqualTo("a   b");
  }
}
