package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import keyward.kmip.codec.DecodeException.Reason;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlCodecTest {
  private final XmlCodec xml = new XmlCodec();

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  private Item one(String element) throws DecodeException {
    return xml.decode(element);
  }

  @Test
  void readsEveryTypeFromItsTextForm() throws DecodeException {
    Item tree =
        xml.decode(
            """
            <RequestPayload>
              <CryptographicLength type="Integer" value="-256"/>
              <CryptographicLength type="Integer" value="0x00000100"/>
              <UsageLimitsTotal type="LongInteger" value="-9000000000"/>
              <UsageLimitsTotal type="LongInteger" value="0xFFFFFFFFFFFFFFFF"/>
              <Modulus type="BigInteger" value="0000000000000000ff00000000000001"/>
              <Modulus type="BigInteger" value="ffffffffffffff85"/>
              <ObjectType type="Enumeration" value="SymmetricKey"/>
              <Sensitive type="Boolean" value="true"/>
              <Sensitive type="Boolean" value="false"/>
              <NameValue type="TextString" value="  two  spaces &amp; &lt;markup&gt; &#xA;"/>
              <KeyMaterial type="ByteString" value="0011AAbbFF"/>
              <KeyMaterial type="ByteString" value=""/>
              <ActivationDate type="DateTime" value="2012-04-27T08:12:25+00:00"/>
              <ActivationDate type="DateTime" value="2012-04-27T18:12:25+10:00"/>
              <ActivationDate type="DateTime" value="2012-04-27T08:12:25Z"/>
              <LeaseTime type="Interval" value="4294967295"/>
              <ActivationDate type="DateTimeExtended" value="2024-01-02T03:04:05.123456+00:00"/>
              <UniqueIdentifier type="Identifier" value="id-1"/>
              <LinkedObjectIdentifier type="Reference" value="ref-1"/>
              <NameValue type="NameReference" value="name-1"/>
            </RequestPayload>
            """);

    long micros = epoch("2024-01-02T03:04:05Z") * 1_000_000 + 123_456;
    assertThat(tree)
        .isEqualTo(
            new Item.Structure(
                Tag.REQUEST_PAYLOAD,
                new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, -256),
                new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
                new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, -9_000_000_000L),
                new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, -1),
                new Item.BigInteger(Tag.MODULUS, new BigInteger("ff00000000000001", 16)),
                new Item.BigInteger(Tag.MODULUS, BigInteger.valueOf(-123)),
                new Item.Enumeration(Tag.OBJECT_TYPE, 2),
                new Item.Boolean(Tag.SENSITIVE, true),
                new Item.Boolean(Tag.SENSITIVE, false),
                new Item.TextString(Tag.NAME_VALUE, "  two  spaces & <markup> \n"),
                new Item.ByteString(Tag.KEY_MATERIAL, new byte[] {0x00, 0x11, (byte) 0xAA, (byte) 0xBB, (byte) 0xFF}),
                new Item.ByteString(Tag.KEY_MATERIAL, new byte[0]),
                new Item.DateTime(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z")),
                new Item.DateTime(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z")),
                new Item.DateTime(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z")),
                new Item.Interval(Tag.LEASE_TIME, 4_294_967_295L),
                new Item.DateTimeExtended(Tag.ACTIVATION_DATE, micros),
                new Item.Identifier(Tag.UNIQUE_IDENTIFIER, "id-1"),
                new Item.Reference(Tag.LINKED_OBJECT_IDENTIFIER, "ref-1"),
                new Item.NameReference(Tag.NAME_VALUE, "name-1")));
  }

  @Test
  void writesTheFormTheOasisTestCasesUse() {
    Item tree =
        new Item.Structure(
            Tag.REQUEST_PAYLOAD,
            new Item.Enumeration(Tag.OBJECT_TYPE, 2),
            new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128),
            new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 500),
            new Item.BigInteger(Tag.MODULUS, BigInteger.valueOf(-2)),
            new Item.Boolean(Tag.SENSITIVE, false),
            new Item.TextString(Tag.NAME_VALUE, "a\"b<c>&\td"),
            new Item.ByteString(Tag.KEY_MATERIAL, new byte[] {0x0A, (byte) 0xBC}),
            new Item.DateTime(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z")),
            new Item.Interval(Tag.LEASE_TIME, 3600),
            new Item.DateTimeExtended(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z") * 1_000_000 + 7),
            new Item.Identifier(Tag.UNIQUE_IDENTIFIER, "$UNIQUE_IDENTIFIER_0"),
            new Item.Structure(Tag.TEMPLATE_ATTRIBUTE));

    assertThat(xml.encode(tree, KmipVersion.V1_4))
        .isEqualTo(
            """
            <RequestPayload>
              <ObjectType type="Enumeration" value="SymmetricKey"/>
              <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>
              <CryptographicLength type="Integer" value="128"/>
              <UsageLimitsTotal type="LongInteger" value="500"/>
              <Modulus type="BigInteger" value="fffffffffffffffe"/>
              <Sensitive type="Boolean" value="false"/>
              <NameValue type="TextString" value="a&quot;b&lt;c&gt;&amp;&#x9;d"/>
              <KeyMaterial type="ByteString" value="0abc"/>
              <ActivationDate type="DateTime" value="2012-04-27T08:12:25+00:00"/>
              <LeaseTime type="Interval" value="3600"/>
              <ActivationDate type="DateTimeExtended" value="2012-04-27T08:12:25.000007+00:00"/>
              <UniqueIdentifier type="Identifier" value="$UNIQUE_IDENTIFIER_0"/>
              <TemplateAttribute/>
            </RequestPayload>
            """);
  }

  @Test
  void readsAnEnumerationByNameOrHexAndWritesAnUnnamedValueInHex() throws DecodeException {
    Item byName = one("<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>");
    Item byHex = one("<ObjectType type=\"Enumeration\" value=\"0x00000002\"/>");
    assertThat(byName).isEqualTo(byHex).isEqualTo(new Item.Enumeration(Tag.OBJECT_TYPE, 2));

    Item extension = one("<OpaqueDataType type=\"Enumeration\" value=\"0x80000001\"/>");
    assertThat(extension).isEqualTo(new Item.Enumeration(Tag.OPAQUE_DATA_TYPE, 0x80000001));
    assertThat(xml.encode(extension, KmipVersion.V2_1))
        .isEqualTo("<OpaqueDataType type=\"Enumeration\" value=\"0x80000001\"/>\n");
  }

  @Test
  void readsMasksAsNamesOrNumbersInAnyOrderAndSpacing() throws DecodeException {
    for (String text :
        List.of("Decrypt Encrypt", "Encrypt Decrypt", "  Decrypt \t  Encrypt ", "0x0000000C", "12", "Encrypt 0x00000008")) {
      assertThat(one("<CryptographicUsageMask type=\"Integer\" value=\"" + text + "\"/>"))
          .as(text)
          .isEqualTo(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C));
    }
    assertThat(one("<StorageStatusMask type=\"Integer\" value=\"ArchivalStorage OnLineStorage\"/>"))
        .isEqualTo(new Item.Integer(Tag.STORAGE_STATUS_MASK, 0x03));
    assertThat(one("<ProtectionStorageMask type=\"Integer\" value=\"Software\"/>"))
        .isEqualTo(new Item.Integer(Tag.PROTECTION_STORAGE_MASK, 0x01));
  }

  @Test
  void writesMaskBitsWithoutANameAsHexAfterTheNames() throws DecodeException {
    Item mask = new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x40000004);
    String text = xml.encode(mask, KmipVersion.V2_1);
    assertThat(text).isEqualTo("<CryptographicUsageMask type=\"Integer\" value=\"Encrypt 0x40000000\"/>\n");
    assertThat(xml.decode(text)).isEqualTo(mask);
    assertThat(xml.encode(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0), KmipVersion.V2_1))
        .isEqualTo("<CryptographicUsageMask type=\"Integer\" value=\"0x00000000\"/>\n");
  }

  @Test
  void takesTheEnumerationOfAnAttributeValueFromTheSiblingAttributeName() throws DecodeException {
    String text =
        """
        <TemplateAttribute>
          <Attribute>
            <AttributeName type="TextString" value="Cryptographic Usage Mask"/>
            <AttributeValue type="Integer" value="Decrypt Encrypt"/>
          </Attribute>
          <Attribute>
            <AttributeName type="TextString" value="Object Type"/>
            <AttributeValue type="Enumeration" value="SymmetricKey"/>
          </Attribute>
          <Attribute>
            <AttributeName type="TextString" value="x-Custom"/>
            <AttributeValue type="Enumeration" value="0x00000002"/>
          </Attribute>
        </TemplateAttribute>
        """;
    Item tree = xml.decode(text);
    assertThat(tree)
        .isEqualTo(
            new Item.Structure(
                Tag.TEMPLATE_ATTRIBUTE,
                new Item.Structure(
                    Tag.ATTRIBUTE,
                    new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
                    new Item.Integer(Tag.ATTRIBUTE_VALUE, 0x0C)),
                new Item.Structure(
                    Tag.ATTRIBUTE,
                    new Item.TextString(Tag.ATTRIBUTE_NAME, "Object Type"),
                    new Item.Enumeration(Tag.ATTRIBUTE_VALUE, 2)),
                new Item.Structure(
                    Tag.ATTRIBUTE,
                    new Item.TextString(Tag.ATTRIBUTE_NAME, "x-Custom"),
                    new Item.Enumeration(Tag.ATTRIBUTE_VALUE, 2))));
    assertThat(xml.encode(tree, KmipVersion.V1_4))
        .contains("<AttributeValue type=\"Integer\" value=\"Encrypt Decrypt\"/>")
        .contains("<AttributeValue type=\"Enumeration\" value=\"SymmetricKey\"/>")
        .contains("<AttributeValue type=\"Enumeration\" value=\"0x00000002\"/>");

    // Without the attribute name there is no enumeration to take a name from.
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class,
            () ->
                xml.decode(
                    "<Attribute><AttributeValue type=\"Enumeration\" value=\"SymmetricKey\"/></Attribute>"));
    assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
    assertThat(e).hasMessageContaining("AttributeValue").hasMessageContaining("0x-hex");
  }

  @Test
  void readsTheGenericTtlvElementForAnyTag() throws DecodeException {
    assertThat(one("<TTLV tag=\"0x540001\" type=\"TextString\" value=\"na\"/>"))
        .isEqualTo(new Item.TextString(0x540001, "na"));
    assertThat(one("<TTLV tag=\"0x420057\" type=\"Enumeration\" value=\"SymmetricKey\"/>"))
        .isEqualTo(new Item.Enumeration(Tag.OBJECT_TYPE, 2));
    assertThat(one("<TTLV tag=\"0x540002\"><TTLV tag=\"0x420057\" type=\"Enumeration\" value=\"0x00000003\"/></TTLV>"))
        .isEqualTo(new Item.Structure(0x540002, new Item.Enumeration(Tag.OBJECT_TYPE, 3)));
  }

  @Test
  void writesATagTheRegistryDoesNotKnowAsTtlvAndReadsItBack() throws DecodeException {
    Item tree =
        new Item.Structure(
            0x540002, new Item.TextString(0x540001, "na"), new Item.Enumeration(0x540003, 7));
    String text = xml.encode(tree, KmipVersion.V2_1);
    assertThat(text)
        .isEqualTo(
            """
            <TTLV tag="0x540002">
              <TTLV tag="0x540001" type="TextString" value="na"/>
              <TTLV tag="0x540003" type="Enumeration" value="0x00000007"/>
            </TTLV>
            """);
    assertThat(xml.decode(text)).isEqualTo(tree);
  }

  @Test
  void keepsTextThatNeedsEscapingThroughARoundTrip() throws DecodeException {
    Item text = new Item.TextString(Tag.NAME_VALUE, " <a & \"b\" 'c'>\t\r\n\uD83D\uDD11 é ");
    assertThat(xml.decode(xml.encode(text, KmipVersion.V2_1))).isEqualTo(text);
  }

  @Test
  void refusesToWriteTextThatXmlCannotCarry() {
    assertThatThrownBy(() -> xml.encode(new Item.TextString(Tag.NAME_VALUE, "a\u0001b"), KmipVersion.V2_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0001")
        .hasMessageContaining("XML 1.0");
  }

  @Test
  void writesDatesOutsideTheFourDigitYearsInHexAndReadsThemBack() throws DecodeException {
    Item far = new Item.DateTime(Tag.ACTIVATION_DATE, Long.MAX_VALUE);
    String text = xml.encode(far, KmipVersion.V2_1);
    assertThat(text).contains("value=\"0x7FFFFFFFFFFFFFFF\"");
    assertThat(xml.decode(text)).isEqualTo(far);
  }

  @Test
  void survivesEncodeThenDecodeForRandomTrees() throws DecodeException {
    SplittableRandom random = new SplittableRandom(20241124);
    RandomItems items = new RandomItems(random);
    for (int i = 0; i < 300; i++) {
      Item tree = items.tree(4, 8);
      KmipVersion version = KmipVersion.values()[random.nextInt(KmipVersion.values().length)];
      String text = xml.encode(tree, version);
      assertThat(xml.decode(text)).as(text).isEqualTo(tree);
    }
  }

  @Test
  void readsATestFileIgnoringCommentsAndStepLines() throws DecodeException {
    List<Item> messages =
        xml.decodeTestFile(
            """
            <?xml version="1.0" ?>
            <!-- a description -->
            <KMIP>
            # TIME 0
            <RequestMessage><BatchItem><Operation type="Enumeration" value="Query"/></BatchItem></RequestMessage>
            # TIME 1
            <ResponseMessage><BatchItem><ResultStatus type="Enumeration" value="Success"/></BatchItem></ResponseMessage>
            </KMIP>
            """);
    assertThat(messages).extracting(Item::tag).containsExactly(Tag.REQUEST_MESSAGE, Tag.RESPONSE_MESSAGE);
    assertThat(xml.decodeTestFile("<KmipTestCase><RequestMessage/></KmipTestCase>")).hasSize(1);

    assertThat(catchThrowableOfType(DecodeException.class, () -> xml.decodeTestFile("<Tests><RequestMessage/></Tests>")))
        .hasMessageContaining("<KMIP>");
    assertThat(catchThrowableOfType(DecodeException.class, () -> xml.decodeTestFile("<KMIP><BatchItem/></KMIP>")))
        .hasMessageContaining("RequestMessage and ResponseMessage");
  }

  @Test
  void refusesADoctypeWithAnExternalEntityWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOPSECRET");
    String document =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE RequestMessage [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>\n<RequestMessage><NameValue type=\"TextString\" value=\"&x;\"/></RequestMessage>";
    for (DecodeException e :
        List.of(
            catchThrowableOfType(DecodeException.class, () -> xml.decode(document)),
            catchThrowableOfType(DecodeException.class, () -> xml.decode(document.getBytes(StandardCharsets.UTF_8))),
            catchThrowableOfType(DecodeException.class, () -> xml.decodeTestFile(document)))) {
      assertThat(e.reason()).isEqualTo(Reason.DOCTYPE_REFUSED);
      assertThat(e).hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOPSECRET");
    }
  }

  @Test
  void refusesEntityExpansionAndAnyDoctype() {
    String laughs =
        "<!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><NameValue type=\"TextString\" value=\"&c;\"/>";
    assertThat(catchThrowableOfType(DecodeException.class, () -> xml.decode(laughs)).reason())
        .isEqualTo(Reason.DOCTYPE_REFUSED);
    assertThat(catchThrowableOfType(DecodeException.class, () -> xml.decode("<!DOCTYPE KMIP><RequestMessage/>")).reason())
        .isEqualTo(Reason.DOCTYPE_REFUSED);
    // Without a DTD an undeclared entity is malformed XML, never expanded.
    assertThat(
            catchThrowableOfType(
                    DecodeException.class, () -> xml.decode("<NameValue type=\"TextString\" value=\"&x;\"/>"))
                .reason())
        .isIn(Reason.SYNTAX, Reason.DOCTYPE_REFUSED);
  }

  @Test
  void doctypeWithAnInvalidCharacterIsRefusedNotACrash() {
    // Found by XmlCodecFuzzTest: the JDK parser threw MissingResourceException on this.
    String doc = "<!DOCTYPE x PUBLIC \"\" \"http://foo\"[>>\n  \u000b\u0000\u0000\u0000ame";
    assertThat(catchThrowableOfType(DecodeException.class, () -> xml.decode(doc)).reason())
        .isEqualTo(Reason.DOCTYPE_REFUSED);
    assertThat(catchThrowableOfType(DecodeException.class,
            () -> xml.decode(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8))).reason())
        .isEqualTo(Reason.DOCTYPE_REFUSED);
  }

  private static String nested(int depth) {
    return "<RequestMessage>".repeat(depth) + "</RequestMessage>".repeat(depth);
  }

  @Test
  void acceptsTheDepthLimitAndRefusesOneMore() throws DecodeException {
    XmlCodec limited = new XmlCodec(CodecLimits.DEFAULT.withMaxDepth(5));
    assertThat(limited.decode(nested(5))).isNotNull();
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> limited.decode(nested(6)));
    assertThat(e.reason()).isEqualTo(Reason.DEPTH_LIMIT);
    assertThat(e).hasMessageContaining("limit of 5");
  }

  @Test
  void acceptsTheItemLimitAndRefusesOneMore() throws DecodeException {
    XmlCodec limited = new XmlCodec(CodecLimits.DEFAULT.withMaxItems(3));
    String two = "<Sensitive type=\"Boolean\" value=\"true\"/>".repeat(2);
    assertThat(limited.decode("<RequestPayload>" + two + "</RequestPayload>")).isNotNull();
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class,
            () -> limited.decode("<RequestPayload>" + two + "<Sensitive type=\"Boolean\" value=\"true\"/></RequestPayload>"));
    assertThat(e.reason()).isEqualTo(Reason.ITEM_LIMIT);
    // The count restarts at each message of a test file.
    assertThat(limited.decodeTestFile("<KMIP><RequestMessage>" + two + "</RequestMessage><ResponseMessage>" + two + "</ResponseMessage></KMIP>"))
        .hasSize(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<NameValue type=\"TextString\" value=\"abcd\"/>   | <NameValue type=\"TextString\" value=\"abcde\"/>",
        "<NameValue type=\"TextString\" value=\"éé\"/>     | <NameValue type=\"TextString\" value=\"ééa\"/>",
        "<KeyMaterial type=\"ByteString\" value=\"00112233\"/> | <KeyMaterial type=\"ByteString\" value=\"0011223344\"/>",
        "<Modulus type=\"BigInteger\" value=\"00112233\"/> | <Modulus type=\"BigInteger\" value=\"0011223344\"/>",
        "<UniqueIdentifier type=\"Identifier\" value=\"abcd\"/> | <UniqueIdentifier type=\"Identifier\" value=\"abcde\"/>",
      })
  void acceptsAStringAtTheLimitAndRefusesOneByteMore(String atLimit, String over) throws DecodeException {
    XmlCodec limited = new XmlCodec(CodecLimits.DEFAULT.withMaxStringBytes(4));
    assertThat(limited.decode(atLimit)).isNotNull();
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> limited.decode(over));
    assertThat(e.reason()).isEqualTo(Reason.STRING_TOO_LONG);
    assertThat(e).hasMessageContaining("limit of 4");
  }

  @Test
  void refusesADocumentOverTheSizeLimitBeforeParsing() {
    XmlCodec limited = new XmlCodec(CodecLimits.DEFAULT.withMaxMessageBytes(64));
    String big = "<NameValue type=\"TextString\" value=\"" + "a".repeat(64) + "\"/>";
    assertThat(catchThrowableOfType(DecodeException.class, () -> limited.decode(big)).reason())
        .isEqualTo(Reason.MESSAGE_TOO_LARGE);
    assertThat(catchThrowableOfType(DecodeException.class, () -> limited.decodeTestFile(big)).reason())
        .isEqualTo(Reason.MESSAGE_TOO_LARGE);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CryptographicLength | Integer          | 12a                       | decimal or 0x-hex",
        "CryptographicLength | Integer          | 2147483648                | out of range",
        "CryptographicLength | Integer          | 0x123456789               | 1 to 8 hex digits",
        "UsageLimitsTotal    | LongInteger      | 1.5                       | decimal or 0x-hex",
        "Modulus             | BigInteger       | 123                       | even number of digits",
        "Modulus             | BigInteger       | 00zz                      | not a hex digit",
        "ObjectType          | Enumeration      | NoSuchObject              | is not a value of Object Type",
        "ObjectType          | Enumeration      | 2                         | is not a value of Object Type",
        "CryptographicUsageMask | Integer       | Encrypt Fly               | names no bit of Cryptographic Usage Mask",
        "CryptographicUsageMask | Integer       | ''                        | is empty",
        "Sensitive           | Boolean          | yes                       | true or false",
        "KeyMaterial         | ByteString       | 0011a                     | odd number of digits",
        "KeyMaterial         | ByteString       | 0x0011                    | not a hex digit",
        "KeyMaterial         | ByteString       | 00g1                      | not a hex digit",
        "ActivationDate      | DateTime         | yesterday                 | not an xsd:dateTime",
        "ActivationDate      | DateTime         | 2012-04-27T08:12:25.5Z    | whole seconds",
        "ActivationDate      | DateTimeExtended | 2012-04-27T08:12:25.0000001Z | finer than a microsecond",
        "LeaseTime           | Interval         | -1                        | out of range",
        "LeaseTime           | Interval         | 4294967296                | out of range",
      })
  void refusesAMalformedValueNamingTheElementAndTheRule(String element, String type, String value, String says) {
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class,
            () -> xml.decode("<" + element + " type=\"" + type + "\" value=\"" + value + "\"/>"));
    assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
    assertThat(e).hasMessageContaining("<" + element).hasMessageContaining(says).hasMessageContaining("line 1");
    if (type.equals("ByteString") || type.equals("BigInteger")) {
      assertThat(e).hasMessageNotContaining(value);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<NoSuchTag type=\"Integer\" value=\"1\"/>                        | BAD_TAG   | unknown tag name 'NoSuchTag'",
        "<TTLV type=\"Integer\" value=\"1\"/>                             | BAD_TAG   | needs a tag attribute",
        "<TTLV tag=\"0x5400\" type=\"Integer\" value=\"1\"/>              | BAD_TAG   | 6 hex digits",
        "<ObjectType tag=\"0x420057\" type=\"Integer\" value=\"1\"/>      | SYNTAX    | only <TTLV> takes a tag",
        "<ObjectType type=\"Number\" value=\"1\"/>                        | BAD_TYPE  | unknown type 'Number'",
        "<ObjectType type=\"Enumeration\"/>                               | SYNTAX    | no value attribute",
        "<ObjectType type=\"Enumeration\" value=\"0x1\" size=\"4\"/>      | SYNTAX    | unknown attribute 'size'",
        "<RequestPayload value=\"1\"/>                                    | SYNTAX    | takes no value attribute",
        "<ObjectType type=\"Enumeration\" value=\"0x1\"><Sensitive type=\"Boolean\" value=\"true\"/></ObjectType> | SYNTAX | cannot hold elements",
        "<RequestPayload>loose text</RequestPayload>                      | SYNTAX    | text inside <RequestPayload>",
        "<RequestPayload><Sensitive type=\"Boolean\" value=\"true\"></RequestPayload> | SYNTAX | malformed XML",
      })
  void refusesAMalformedElementWithAClearError(String document, Reason reason, String says) {
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> xml.decode(document));
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e).hasMessageContaining(says);
  }
}
