package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

class TextFormatTest {

  /** A Get response carrying a symmetric key and an RSA private key's components. */
  private static Item getResponse(byte[] key, BigInteger privateExponent) {
    return new Item.Structure(
        Tag.RESPONSE_MESSAGE,
        new Item.Structure(
            Tag.BATCH_ITEM,
            new Item.Enumeration(Tag.OPERATION, 0x0A),
            new Item.ByteString(Tag.UNIQUE_BATCH_ITEM_ID, new byte[] {0x01, 0x02, (byte) 0xAB}),
            new Item.Enumeration(Tag.RESULT_STATUS, 0),
            new Item.Structure(
                Tag.RESPONSE_PAYLOAD,
                new Item.Enumeration(Tag.OBJECT_TYPE, 2),
                new Item.TextString(Tag.UNIQUE_IDENTIFIER, "key-1"),
                new Item.Structure(
                    Tag.SYMMETRIC_KEY,
                    new Item.Structure(
                        Tag.KEY_BLOCK,
                        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, 1),
                        new Item.Structure(
                            Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, key)),
                        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C),
                        new Item.BigInteger(Tag.PRIVATE_EXPONENT, privateExponent))))));
  }

  @Test
  void neverShowsKeyBytesOrBigIntegers() {
    byte[] key = new byte[32];
    new Random(7).nextBytes(key);
    BigInteger d = new BigInteger(2040, new Random(8)).setBit(2039);
    String dump = TextFormat.format(getResponse(key, d), KmipVersion.V2_1);

    String hex = HexFormat.of().formatHex(key);
    assertThat(dump)
        .doesNotContain(hex)
        .doesNotContain(hex.toUpperCase())
        .doesNotContain(hex.substring(0, 8))
        .doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 8))
        .doesNotContain(d.toString())
        .doesNotContain(d.toString(16).substring(0, 16))
        .contains("KeyMaterial | ByteString | 32 | " + TextFormat.REDACTED)
        .contains("PrivateExponent | BigInteger | 256 | " + TextFormat.REDACTED);
  }

  @Test
  void hidesAPassword() {
    Item credential =
        new Item.Structure(
            Tag.CREDENTIAL_VALUE,
            new Item.TextString(Tag.USERNAME, "alice"),
            new Item.TextString(Tag.PASSWORD, "correct horse"));
    String dump = TextFormat.format(credential);
    assertThat(dump).contains("\"alice\"").doesNotContain("correct horse").contains("Password | TextString | 13 | <redacted>");
  }

  @Test
  void showsIdentifiersNamesAndLengthsInTheTtlvLayout() {
    byte[] key = new byte[16];
    Item response = getResponse(key, BigInteger.TEN);
    String dump = TextFormat.format(response, KmipVersion.V2_1);

    assertThat(dump)
        .contains("  BatchItem | Structure | ")
        .contains("    Operation | Enumeration | 4 | Get\n")
        .contains("    UniqueBatchItemID | ByteString | 3 | 0102ab\n")
        .contains("    ResultStatus | Enumeration | 4 | Success\n")
        .contains("      ObjectType | Enumeration | 4 | SymmetricKey\n")
        .contains("      UniqueIdentifier | TextString | 5 | \"key-1\"\n")
        .contains("CryptographicUsageMask | Integer | 4 | Encrypt Decrypt\n");
    // A structure's length is its TTLV value length: the encoded message less its 8-byte header.
    int encoded = new TtlvCodec().encode(response).length;
    assertThat(dump.lines().findFirst().orElseThrow())
        .isEqualTo("ResponseMessage | Structure | " + (encoded - 8));
  }

  @Test
  void namesTheEnumerationOfAnAttributeValueAndShowsUnknownTagsInHex() {
    Item attribute =
        new Item.Structure(
            Tag.ATTRIBUTE,
            new Item.TextString(Tag.ATTRIBUTE_NAME, "State"),
            new Item.Enumeration(Tag.ATTRIBUTE_VALUE, 1),
            new Item.TextString(0x540001, "tab\there"));
    assertThat(TextFormat.format(attribute, KmipVersion.V1_4))
        .isEqualTo(
            """
            Attribute | Structure | 48
              AttributeName | TextString | 5 | "State"
              AttributeValue | Enumeration | 4 | PreActive
              0x540001 | TextString | 8 | "tab\\u0009here"
            """);
  }
}
