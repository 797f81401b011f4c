package keyward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.Item.Enumeration;
import keyward.kmip.ttlv.Item.Structure;
import keyward.kmip.ttlv.Item.TextString;

/** KMIP 2.1-shaped response messages for the benchmarks, built from fixed seeds. */
final class KmipMessages {

  // Tag numbers: KMIP 2.1 §9.1.3.1 (to be replaced by keyward.kmip.spec.Tag once generated).
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
  static final int RESPONSE_HEADER = 0x42007A;
  static final int RESPONSE_MESSAGE = 0x42007B;
  static final int RESPONSE_PAYLOAD = 0x42007C;
  static final int RESULT_STATUS = 0x42007F;
  static final int SYMMETRIC_KEY = 0x42008F;
  static final int TIME_STAMP = 0x420092;
  static final int UNIQUE_IDENTIFIER = 0x420094;
  static final int LOCATED_ITEMS = 0x4200D5;

  private KmipMessages() {}

  /** Get of a 256-bit AES key in Raw format. */
  static Item getResponse() {
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    return response(10 /* Get */, new Structure(RESPONSE_PAYLOAD,
        new Enumeration(OBJECT_TYPE, 2 /* Symmetric Key */),
        new TextString(UNIQUE_IDENTIFIER, uuid(new Random(2))),
        new Structure(SYMMETRIC_KEY,
            new Structure(KEY_BLOCK,
                new Enumeration(KEY_FORMAT_TYPE, 1 /* Raw */),
                new Structure(KEY_VALUE, new Item.ByteString(KEY_MATERIAL, key)),
                new Enumeration(CRYPTOGRAPHIC_ALGORITHM, 3 /* AES */),
                new Item.Integer(CRYPTOGRAPHIC_LENGTH, 256)))));
  }

  /** Locate that found {@code n} objects: Located Items, then n Unique Identifiers. */
  static Item locateResponse(int n) {
    Random rnd = new Random(3);
    List<Item> payload = new ArrayList<>(n + 1);
    payload.add(new Item.Integer(LOCATED_ITEMS, n));
    for (int i = 0; i < n; i++) {
      payload.add(new TextString(UNIQUE_IDENTIFIER, uuid(rnd)));
    }
    return response(8 /* Locate */, new Structure(RESPONSE_PAYLOAD, payload));
  }

  private static Item response(int operation, Item payload) {
    return new Structure(RESPONSE_MESSAGE,
        new Structure(RESPONSE_HEADER,
            new Structure(PROTOCOL_VERSION,
                new Item.Integer(PROTOCOL_VERSION_MAJOR, 2),
                new Item.Integer(PROTOCOL_VERSION_MINOR, 1)),
            new Item.DateTime(TIME_STAMP, 1_700_000_000L),
            new Item.Integer(BATCH_COUNT, 1)),
        new Structure(BATCH_ITEM,
            new Enumeration(OPERATION, operation),
            new Enumeration(RESULT_STATUS, 0 /* Success */),
            payload));
  }

  private static String uuid(Random rnd) {
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }
}
