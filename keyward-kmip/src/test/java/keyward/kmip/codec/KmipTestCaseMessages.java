package keyward.kmip.codec;

import java.util.HexFormat;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.Item.Enumeration;
import keyward.kmip.ttlv.Item.Structure;
import keyward.kmip.ttlv.Item.TextString;

/**
 * The messages of KMIP Test Cases v1.1 §3.1.1 and §3.1.3 as trees, written from the test
 * document's values (and the XML in ../shared/kmip-testcases/1.1/ovh-kmip-go/TC_31*_11_*.xml),
 * not from the codec. Tag numbers: KMIP 1.1 §9.1.3.1 (Tag table).
 */
final class KmipTestCaseMessages {

  static final int ATTRIBUTE = 0x420008;
  static final int ATTRIBUTE_NAME = 0x42000A;
  static final int ATTRIBUTE_VALUE = 0x42000B;
  static final int BATCH_COUNT = 0x42000D;
  static final int BATCH_ITEM = 0x42000F;
  static final int CRYPTOGRAPHIC_ALGORITHM = 0x420028;
  static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;
  static final int KEY_BLOCK = 0x420040;
  static final int KEY_FORMAT_TYPE = 0x420042;
  static final int KEY_MATERIAL = 0x420043;
  static final int KEY_VALUE = 0x420045;
  static final int OBJECT_TYPE = 0x420057;
  static final int OPERATION = 0x42005C;
  static final int PROTOCOL_VERSION = 0x420069;
  static final int PROTOCOL_VERSION_MAJOR = 0x42006A;
  static final int PROTOCOL_VERSION_MINOR = 0x42006B;
  static final int REQUEST_HEADER = 0x420077;
  static final int REQUEST_MESSAGE = 0x420078;
  static final int REQUEST_PAYLOAD = 0x420079;
  static final int RESPONSE_HEADER = 0x42007A;
  static final int RESPONSE_MESSAGE = 0x42007B;
  static final int RESPONSE_PAYLOAD = 0x42007C;
  static final int RESULT_STATUS = 0x42007F;
  static final int SYMMETRIC_KEY = 0x42008F;
  static final int TEMPLATE_ATTRIBUTE = 0x420091;
  static final int TIME_STAMP = 0x420092;
  static final int UNIQUE_IDENTIFIER = 0x420094;

  // Enumeration values (KMIP 1.1 §9.1.3.2).
  static final int OPERATION_CREATE = 1;
  static final int OPERATION_GET = 10;
  static final int OBJECT_TYPE_SYMMETRIC_KEY = 2;
  static final int RESULT_STATUS_SUCCESS = 0;
  static final int KEY_FORMAT_RAW = 1;
  static final int ALGORITHM_3DES = 2;
  static final int ALGORITHM_AES = 3;
  static final int USAGE_ENCRYPT = 0x04;
  static final int USAGE_DECRYPT = 0x08;

  private KmipTestCaseMessages() {}

  static Item createRequest() {
    return new Structure(REQUEST_MESSAGE,
        new Structure(REQUEST_HEADER,
            protocolVersion11(),
            new Item.Integer(BATCH_COUNT, 1)),
        new Structure(BATCH_ITEM,
            new Enumeration(OPERATION, OPERATION_CREATE),
            new Structure(REQUEST_PAYLOAD,
                new Enumeration(OBJECT_TYPE, OBJECT_TYPE_SYMMETRIC_KEY),
                new Structure(TEMPLATE_ATTRIBUTE,
                    attribute("Cryptographic Algorithm",
                        new Enumeration(ATTRIBUTE_VALUE, ALGORITHM_AES)),
                    attribute("Cryptographic Length", new Item.Integer(ATTRIBUTE_VALUE, 128)),
                    attribute("Cryptographic Usage Mask",
                        new Item.Integer(ATTRIBUTE_VALUE, USAGE_ENCRYPT | USAGE_DECRYPT))))));
  }

  static Item createResponse() {
    return new Structure(RESPONSE_MESSAGE,
        responseHeader(1335514341L), // 2012-04-27T08:12:21Z
        new Structure(BATCH_ITEM,
            new Enumeration(OPERATION, OPERATION_CREATE),
            new Enumeration(RESULT_STATUS, RESULT_STATUS_SUCCESS),
            new Structure(RESPONSE_PAYLOAD,
                new Enumeration(OBJECT_TYPE, OBJECT_TYPE_SYMMETRIC_KEY),
                new TextString(UNIQUE_IDENTIFIER, "fb4b5b9c-6188-4c63-8142-fe9c328129fc"))));
  }

  static Item getResponse() {
    return new Structure(RESPONSE_MESSAGE,
        responseHeader(1335514343L), // 2012-04-27T08:12:23Z
        new Structure(BATCH_ITEM,
            new Enumeration(OPERATION, OPERATION_GET),
            new Enumeration(RESULT_STATUS, RESULT_STATUS_SUCCESS),
            new Structure(RESPONSE_PAYLOAD,
                new Enumeration(OBJECT_TYPE, OBJECT_TYPE_SYMMETRIC_KEY),
                new TextString(UNIQUE_IDENTIFIER, "49a1ca88-6bea-4fb2-b450-7e58802c3038"),
                new Structure(SYMMETRIC_KEY,
                    new Structure(KEY_BLOCK,
                        new Enumeration(KEY_FORMAT_TYPE, KEY_FORMAT_RAW),
                        new Structure(KEY_VALUE,
                            new Item.ByteString(KEY_MATERIAL, HexFormat.of()
                                .parseHex("7367578051012a6d134a855e25c8cd5e4ca131455729d3c8"))),
                        new Enumeration(CRYPTOGRAPHIC_ALGORITHM, ALGORITHM_3DES),
                        new Item.Integer(CRYPTOGRAPHIC_LENGTH, 168))))));
  }

  private static Item protocolVersion11() {
    return new Structure(PROTOCOL_VERSION,
        new Item.Integer(PROTOCOL_VERSION_MAJOR, 1),
        new Item.Integer(PROTOCOL_VERSION_MINOR, 1));
  }

  private static Item responseHeader(long timeStamp) {
    return new Structure(RESPONSE_HEADER,
        protocolVersion11(),
        new Item.DateTime(TIME_STAMP, timeStamp),
        new Item.Integer(BATCH_COUNT, 1));
  }

  private static Item attribute(String name, Item value) {
    return new Structure(ATTRIBUTE, new TextString(ATTRIBUTE_NAME, name), value);
  }
}
