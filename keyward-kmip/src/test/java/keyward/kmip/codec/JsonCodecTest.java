package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import keyward.kmip.codec.DecodeException.Reason;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {
  private final JsonCodec json = new JsonCodec();

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  /** JSON from a readable form: single quotes stand for double quotes. */
  private static String j(String s) {
    return s.replace('\'', '"');
  }

  private Item one(String tag, String type, String value) throws DecodeException {
    return json.decode(j("{'tag':'" + tag + "','type':'" + type + "','value':" + value + "}"));
  }

  @Test
  void readsEveryTypeFromItsJsonForms() throws DecodeException {
    assertThat(one("CryptographicLength", "Integer", "-256")).isEqualTo(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, -256));
    assertThat(one("CryptographicLength", "Integer", "'0x00000100'")).isEqualTo(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256));
    assertThat(one("UsageLimitsTotal", "LongInteger", "-9000000000"))
        .isEqualTo(new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, -9_000_000_000L));
    assertThat(one("UsageLimitsTotal", "LongInteger", "'0x7FFFFFFFFFFFFFFF'"))
        .isEqualTo(new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, Long.MAX_VALUE));
    assertThat(one("Modulus", "BigInteger", "'0x0000000000000000ff00000000000001'"))
        .isEqualTo(new Item.BigInteger(Tag.MODULUS, new BigInteger("ff00000000000001", 16)));
    assertThat(one("Modulus", "BigInteger", "-123456789012345678901234567890"))
        .isEqualTo(new Item.BigInteger(Tag.MODULUS, new BigInteger("-123456789012345678901234567890")));
    assertThat(one("ObjectType", "Enumeration", "'SymmetricKey'")).isEqualTo(new Item.Enumeration(Tag.OBJECT_TYPE, 2));
    assertThat(one("ObjectType", "Enumeration", "'0x00000002'")).isEqualTo(new Item.Enumeration(Tag.OBJECT_TYPE, 2));
    assertThat(one("ObjectType", "Enumeration", "2")).isEqualTo(new Item.Enumeration(Tag.OBJECT_TYPE, 2));
    assertThat(one("Sensitive", "Boolean", "true")).isEqualTo(new Item.Boolean(Tag.SENSITIVE, true));
    assertThat(one("Sensitive", "Boolean", "'0x0000000000000000'")).isEqualTo(new Item.Boolean(Tag.SENSITIVE, false));
    assertThat(one("NameValue", "TextString", "'a\\u00e9\\n'")).isEqualTo(new Item.TextString(Tag.NAME_VALUE, "aé\n"));
    assertThat(one("KeyMaterial", "ByteString", "'0011AAbb'"))
        .isEqualTo(new Item.ByteString(Tag.KEY_MATERIAL, new byte[] {0x00, 0x11, (byte) 0xAA, (byte) 0xBB}));
    assertThat(one("ActivationDate", "DateTime", "'2012-04-27T18:12:25+10:00'"))
        .isEqualTo(new Item.DateTime(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z")));
    assertThat(one("ActivationDate", "DateTime", "'0x000000004F9A54E9'"))
        .isEqualTo(new Item.DateTime(Tag.ACTIVATION_DATE, 0x4F9A54E9L));
    assertThat(one("LeaseTime", "Interval", "3600")).isEqualTo(new Item.Interval(Tag.LEASE_TIME, 3600));
    assertThat(one("LeaseTime", "Interval", "'0xFFFFFFFF'")).isEqualTo(new Item.Interval(Tag.LEASE_TIME, 0xFFFF_FFFFL));
    assertThat(one("ActivationDate", "DateTimeExtended", "'2024-01-02T03:04:05.000001Z'"))
        .isEqualTo(new Item.DateTimeExtended(Tag.ACTIVATION_DATE, epoch("2024-01-02T03:04:05Z") * 1_000_000 + 1));
    assertThat(one("UniqueIdentifier", "Identifier", "'id'")).isEqualTo(new Item.Identifier(Tag.UNIQUE_IDENTIFIER, "id"));
    assertThat(one("LinkedObjectIdentifier", "Reference", "'r'")).isEqualTo(new Item.Reference(Tag.LINKED_OBJECT_IDENTIFIER, "r"));
    assertThat(one("NameValue", "NameReference", "'n'")).isEqualTo(new Item.NameReference(Tag.NAME_VALUE, "n"));
  }

  @Test
  void readsMasksAsPipeSeparatedNamesOrNumbers() throws DecodeException {
    for (String value : new String[] {"'Decrypt|Encrypt'", "'Encrypt | Decrypt'", "'0x0000000C'", "'Encrypt|0x00000008'", "12"}) {
      assertThat(one("CryptographicUsageMask", "Integer", value))
          .as(value)
          .isEqualTo(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12));
    }
    assertThat(json.encode(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x4000000C), KmipVersion.V2_1))
        .isEqualTo(j("{'tag':'CryptographicUsageMask','type':'Integer','value':'Encrypt|Decrypt|0x40000000'}"));
  }

  @Test
  void writesTheAmeJsonForm() {
    Item tree =
        new Item.Structure(
            Tag.REQUEST_PAYLOAD,
            new Item.Enumeration(Tag.OBJECT_TYPE, 2),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128),
            new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 1L << 52),
            new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, (1L << 52) - 1),
            new Item.BigInteger(Tag.MODULUS, BigInteger.valueOf(-2)),
            new Item.BigInteger(Tag.MODULUS, BigInteger.ONE.shiftLeft(64)),
            new Item.Boolean(Tag.SENSITIVE, true),
            new Item.TextString(Tag.NAME_VALUE, "a\"b"),
            new Item.ByteString(Tag.KEY_MATERIAL, new byte[] {0x0A, (byte) 0xBC}),
            new Item.DateTime(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z")),
            new Item.Interval(Tag.LEASE_TIME, 3600),
            new Item.DateTimeExtended(Tag.ACTIVATION_DATE, epoch("2012-04-27T08:12:25Z") * 1_000_000 + 7),
            new Item.TextString(0x540001, "na"),
            new Item.Structure(Tag.TEMPLATE_ATTRIBUTE));
    assertThat(json.encode(tree, KmipVersion.V2_1))
        .isEqualTo(
            j(
                "{'tag':'RequestPayload','value':["
                    + "{'tag':'ObjectType','type':'Enumeration','value':'SymmetricKey'},"
                    + "{'tag':'CryptographicLength','type':'Integer','value':128},"
                    + "{'tag':'UsageLimitsTotal','type':'LongInteger','value':'0x0010000000000000'},"
                    + "{'tag':'UsageLimitsTotal','type':'LongInteger','value':4503599627370495},"
                    + "{'tag':'Modulus','type':'BigInteger','value':-2},"
                    + "{'tag':'Modulus','type':'BigInteger','value':'0x00000000000000010000000000000000'},"
                    + "{'tag':'Sensitive','type':'Boolean','value':true},"
                    + "{'tag':'NameValue','type':'TextString','value':'a\\'b'},"
                    + "{'tag':'KeyMaterial','type':'ByteString','value':'0abc'},"
                    + "{'tag':'ActivationDate','type':'DateTime','value':'2012-04-27T08:12:25+00:00'},"
                    + "{'tag':'LeaseTime','type':'Interval','value':3600},"
                    + "{'tag':'ActivationDate','type':'DateTimeExtended','value':'2012-04-27T08:12:25.000007+00:00'},"
                    + "{'tag':'0x540001','type':'TextString','value':'na'},"
                    + "{'tag':'TemplateAttribute','value':[]}"
                    + "]}"));
  }

  @Test
  void readsMembersInAnyOrderWithTheTypeOptionalForAStructure() throws DecodeException {
    Item expected = new Item.Structure(Tag.REQUEST_PAYLOAD, new Item.Enumeration(Tag.OBJECT_TYPE, 2));
    assertThat(json.decode(j("{'value':[{'value':'SymmetricKey','type':'Enumeration','tag':'ObjectType'}],'tag':'RequestPayload'}")))
        .isEqualTo(expected);
    assertThat(json.decode(j("{'tag':'RequestPayload','type':'Structure','value':[{'tag':'0x420057','type':'Enumeration','value':'SymmetricKey'}]}")))
        .isEqualTo(expected);
  }

  @Test
  void takesTheEnumerationOfAnAttributeValueFromTheSiblingAttributeName() throws DecodeException {
    Item tree =
        json.decode(
            j(
                "{'tag':'Attribute','value':[{'tag':'AttributeName','type':'TextString','value':'Cryptographic Usage Mask'},"
                    + "{'tag':'AttributeValue','type':'Integer','value':'Decrypt|Encrypt'}]}"));
    assertThat(tree)
        .isEqualTo(
            new Item.Structure(
                Tag.ATTRIBUTE,
                new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
                new Item.Integer(Tag.ATTRIBUTE_VALUE, 12)));
    assertThat(json.encode(tree, KmipVersion.V1_4)).contains(j("'value':'Encrypt|Decrypt'"));

    Item state =
        new Item.Structure(
            Tag.ATTRIBUTE,
            new Item.TextString(Tag.ATTRIBUTE_NAME, "State"),
            new Item.Enumeration(Tag.ATTRIBUTE_VALUE, 1));
    String text = json.encode(state, KmipVersion.V1_4);
    assertThat(text).contains(j("'value':'PreActive'"));
    assertThat(json.decode(text)).isEqualTo(state);
  }

  @Test
  void writesAnUnknownTagInHexAndReadsItBack() throws DecodeException {
    Item tree = new Item.Structure(0x540002, new Item.Enumeration(0x540003, 7));
    String text = json.encode(tree, KmipVersion.V2_1);
    assertThat(text).isEqualTo(j("{'tag':'0x540002','value':[{'tag':'0x540003','type':'Enumeration','value':'0x00000007'}]}"));
    assertThat(json.decode(text)).isEqualTo(tree);
  }

  @Test
  void survivesEncodeThenDecodeForRandomTreesCompactOrPretty() throws DecodeException {
    SplittableRandom random = new SplittableRandom(11_24);
    RandomItems items = new RandomItems(random);
    for (int i = 0; i < 300; i++) {
      Item tree = items.tree(4, 8);
      KmipVersion version = KmipVersion.values()[random.nextInt(KmipVersion.values().length)];
      String text = json.encode(tree, version, random.nextBoolean());
      assertThat(json.decode(text)).as(text).isEqualTo(tree);
      assertThat(json.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(tree);
    }
  }

  private static String nested(int depth) {
    return "{\"tag\":\"RequestMessage\",\"value\":[".repeat(depth) + "]}".repeat(depth);
  }

  @Test
  void acceptsTheDepthLimitAndRefusesOneMore() throws DecodeException {
    JsonCodec limited = new JsonCodec(CodecLimits.DEFAULT.withMaxDepth(5));
    assertThat(limited.decode(nested(5))).isNotNull();
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> limited.decode(nested(6)));
    assertThat(e.reason()).isEqualTo(Reason.DEPTH_LIMIT);
    // Far deeper input stops at Jackson's bound or ours, never by exhausting the stack.
    assertThat(catchThrowableOfType(DecodeException.class, () -> limited.decode(nested(100_000))).reason())
        .isEqualTo(Reason.DEPTH_LIMIT);
  }

  @Test
  void acceptsTheItemLimitAndRefusesOneMore() throws DecodeException {
    JsonCodec limited = new JsonCodec(CodecLimits.DEFAULT.withMaxItems(3));
    String item = j("{'tag':'Sensitive','type':'Boolean','value':true}");
    assertThat(limited.decode(j("{'tag':'RequestPayload','value':[") + item + "," + item + "]}")).isNotNull();
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class,
            () -> limited.decode(j("{'tag':'RequestPayload','value':[") + item + "," + item + "," + item + "]}"));
    assertThat(e.reason()).isEqualTo(Reason.ITEM_LIMIT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NameValue   | TextString | \"abcd\"       | \"abcde\"",
        "NameValue   | TextString | \"éé\"         | \"ééa\"",
        "KeyMaterial | ByteString | \"00112233\"   | \"0011223344\"",
        "Modulus     | BigInteger | \"0x00112233\" | \"0x0011223344\"",
      })
  void acceptsAStringAtTheLimitAndRefusesOneByteMore(String tag, String type, String atLimit, String over)
      throws DecodeException {
    JsonCodec limited = new JsonCodec(CodecLimits.DEFAULT.withMaxStringBytes(4));
    String head = "{\"tag\":\"" + tag + "\",\"type\":\"" + type + "\",\"value\":";
    assertThat(limited.decode(head + atLimit + "}")).isNotNull();
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> limited.decode(head + over + "}"));
    assertThat(e.reason()).isEqualTo(Reason.STRING_TOO_LONG);
    // A string far over the limit stops in the parser, before it is buffered whole.
    String huge = head + "\"" + "a".repeat(10_000) + "\"}";
    assertThat(catchThrowableOfType(DecodeException.class, () -> limited.decode(huge)).reason())
        .isEqualTo(Reason.STRING_TOO_LONG);
  }

  @Test
  void refusesADocumentOverTheSizeLimitBeforeParsing() {
    JsonCodec limited = new JsonCodec(CodecLimits.DEFAULT.withMaxMessageBytes(64));
    String big = j("{'tag':'NameValue','type':'TextString','value':'" + "a".repeat(64) + "'}");
    assertThat(catchThrowableOfType(DecodeException.class, () -> limited.decode(big)).reason())
        .isEqualTo(Reason.MESSAGE_TOO_LARGE);
    assertThat(catchThrowableOfType(DecodeException.class, () -> limited.decode(big.getBytes(StandardCharsets.UTF_8))).reason())
        .isEqualTo(Reason.MESSAGE_TOO_LARGE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{'tag':'CryptographicLength','type':'Integer','value':1.5}          | BAD_VALUE  | integers",
        "{'tag':'CryptographicLength','type':'Integer','value':2147483648}   | BAD_VALUE  | out of range",
        "{'tag':'CryptographicLength','type':'Integer','value':null}         | BAD_VALUE  | never null",
        "{'tag':'CryptographicLength','type':'Integer','value':true}         | BAD_VALUE  | must be a JSON string",
        "{'tag':'ObjectType','type':'Enumeration','value':'NoSuchObject'}    | BAD_VALUE  | is not a value of Object Type",
        "{'tag':'ObjectType','type':'Enumeration','value':-1}                | BAD_VALUE  | out of range",
        "{'tag':'Sensitive','type':'Boolean','value':'true'}                 | BAD_VALUE  | true, false or 0x-hex",
        "{'tag':'Sensitive','type':'Boolean','value':'0x0000000000000002'}   | BAD_VALUE  | true or false",
        "{'tag':'KeyMaterial','type':'ByteString','value':'0011a'}           | BAD_VALUE  | odd number of digits",
        "{'tag':'KeyMaterial','type':'ByteString','value':12}                | BAD_VALUE  | must be a JSON string",
        "{'tag':'Modulus','type':'BigInteger','value':'1234'}                | BAD_VALUE  | number or a 0x-hex string",
        "{'tag':'ActivationDate','type':'DateTime','value':1335514345}       | BAD_VALUE  | must be a JSON string",
        "{'tag':'ActivationDate','type':'DateTime','value':'yesterday'}      | BAD_VALUE  | not an xsd:dateTime",
        "{'tag':'LeaseTime','type':'Interval','value':-1}                    | BAD_VALUE  | out of range",
        "{'tag':'NoSuchTag','type':'Integer','value':1}                      | BAD_TAG    | unknown tag name 'NoSuchTag'",
        "{'tag':'0x5400','type':'Integer','value':1}                         | BAD_TAG    | 6 hex digits",
        "{'type':'Integer','value':1}                                        | BAD_TAG    | no \"tag\"",
        "{'tag':'ObjectType','type':'Number','value':1}                      | BAD_TYPE   | unknown type 'Number'",
        "{'tag':'ObjectType','type':'Enumeration'}                           | SYNTAX     | no \"value\"",
        "{'tag':'ObjectType','type':'Enumeration','value':'0x1','value':'0x2'} | SYNTAX   | appears twice",
        "{'tag':'ObjectType','type':'Enumeration','value':'0x1','length':4}  | SYNTAX     | unknown member 'length'",
        "{'tag':'ObjectType','type':'Enumeration','value':[]}                | SYNTAX     | not an array",
        "{'tag':'RequestPayload','value':'x'}                                | SYNTAX     | array of items",
        "{'tag':'RequestPayload','value':[1]}                                | SYNTAX     | only item objects",
        "{'tag':'RequestPayload','value':[]} {}                              | TRAILING_BYTES | after the message",
        "[]                                                                  | SYNTAX     | is an object",
        "{'tag':'RequestPayload','value':[]                                  | SYNTAX     | malformed JSON",
      })
  void refusesMalformedInputWithAClearError(String document, Reason reason, String says) {
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.decode(j(document)));
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e).hasMessageContaining(says);
  }

  @Test
  void doesNotEchoALongUnquotedTokenThatCouldBeASecret() {
    String secret = "ab112233445566778899aabbccddeeff";
    DecodeException e =
        catchThrowableOfType(
            DecodeException.class,
            () -> json.decode(j("{'tag':'KeyMaterial','type':'ByteString','value':" + secret + "}")));
    assertThat(e.reason()).isEqualTo(Reason.SYNTAX);
    assertThat(e).hasMessageNotContaining(secret).hasMessageNotContaining("445566");
  }

  @Test
  void bytesThatLookLikeUtf32ButAreNotAreBadUtf8NotAnUncheckedIoException() {
    // Found by JsonCodecFuzzTest: "{" then zero bytes make Jackson read UTF-32, which then fails.
    // '{' as UTF-32LE, then "\"tag" read as the code point 0x67617422, beyond Unicode
    byte[] doc = {'{', 0, 0, 0, '"', 't', 'a', 'g', '"', ':', '1', '}'};
    DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.decode(doc));
    assertThat(e.reason()).isEqualTo(Reason.BAD_UTF8);
  }
}
