package keyward.kmip.codec;

import java.util.HexFormat;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.Item.Enumeration;
import keyward.kmip.ttlv.Item.Structure;
import keyward.kmip.ttlv.Item.TextString;

/**
 * The messages of KMIP Test Cases v1.1 §3.1.1 and §3.1.3 as trees, written from the test
 * document's values (and the XML in ../shared/kmip-testcases/1.1/ovh-kmip-go/TC_31*_11_*.xml),
 * not from the codec. Tags and enumeration values come from the generated registry, so the
 * golden test also checks those numbers against the OASIS hex.
 */
final class KmipTestCaseMessages {

  private KmipTestCaseMessages() {}

  static Item createRequest() {
    return new Structure(Tag.REQUEST_MESSAGE,
        new Structure(Tag.REQUEST_HEADER,
            protocolVersion11(),
            new Item.Integer(Tag.BATCH_COUNT, 1)),
        new Structure(Tag.BATCH_ITEM,
            new Enumeration(Tag.OPERATION, Operation.CREATE.value()),
            new Structure(Tag.REQUEST_PAYLOAD,
                new Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                new Structure(Tag.TEMPLATE_ATTRIBUTE,
                    attribute("Cryptographic Algorithm",
                        new Enumeration(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.AES.value())),
                    attribute("Cryptographic Length", new Item.Integer(Tag.ATTRIBUTE_VALUE, 128)),
                    attribute("Cryptographic Usage Mask",
                        new Item.Integer(Tag.ATTRIBUTE_VALUE,
                            CryptographicUsageMask.ENCRYPT.value()
                                | CryptographicUsageMask.DECRYPT.value()))))));
  }

  static Item createResponse() {
    return new Structure(Tag.RESPONSE_MESSAGE,
        responseHeader(1335514341L), // 2012-04-27T08:12:21Z
        new Structure(Tag.BATCH_ITEM,
            new Enumeration(Tag.OPERATION, Operation.CREATE.value()),
            new Enumeration(Tag.RESULT_STATUS, ResultStatus.SUCCESS.value()),
            new Structure(Tag.RESPONSE_PAYLOAD,
                new Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                new TextString(Tag.UNIQUE_IDENTIFIER, "fb4b5b9c-6188-4c63-8142-fe9c328129fc"))));
  }

  static Item getResponse() {
    return new Structure(Tag.RESPONSE_MESSAGE,
        responseHeader(1335514343L), // 2012-04-27T08:12:23Z
        new Structure(Tag.BATCH_ITEM,
            new Enumeration(Tag.OPERATION, Operation.GET.value()),
            new Enumeration(Tag.RESULT_STATUS, ResultStatus.SUCCESS.value()),
            new Structure(Tag.RESPONSE_PAYLOAD,
                new Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                new TextString(Tag.UNIQUE_IDENTIFIER, "49a1ca88-6bea-4fb2-b450-7e58802c3038"),
                new Structure(Tag.SYMMETRIC_KEY,
                    new Structure(Tag.KEY_BLOCK,
                        new Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
                        new Structure(Tag.KEY_VALUE,
                            new Item.ByteString(Tag.KEY_MATERIAL, HexFormat.of()
                                .parseHex("7367578051012a6d134a855e25c8cd5e4ca131455729d3c8"))),
                        new Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                            CryptographicAlgorithm.DES3.value()),
                        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 168))))));
  }

  private static Item protocolVersion11() {
    return new Structure(Tag.PROTOCOL_VERSION,
        new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, 1),
        new Item.Integer(Tag.PROTOCOL_VERSION_MINOR, 1));
  }

  private static Item responseHeader(long timeStamp) {
    return new Structure(Tag.RESPONSE_HEADER,
        protocolVersion11(),
        new Item.DateTime(Tag.TIME_STAMP, timeStamp),
        new Item.Integer(Tag.BATCH_COUNT, 1));
  }

  private static Item attribute(String name, Item value) {
    return new Structure(Tag.ATTRIBUTE, new TextString(Tag.ATTRIBUTE_NAME, name), value);
  }
}
