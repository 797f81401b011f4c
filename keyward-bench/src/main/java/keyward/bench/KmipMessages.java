package keyward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.Item.Enumeration;
import keyward.kmip.ttlv.Item.Structure;
import keyward.kmip.ttlv.Item.TextString;

/** KMIP 2.1-shaped response messages for the benchmarks, built from fixed seeds. */
final class KmipMessages {

  private KmipMessages() {}

  /** Get of a 256-bit AES key in Raw format. */
  static Item getResponse() {
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    return response(Operation.GET, new Structure(Tag.RESPONSE_PAYLOAD,
        new Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new TextString(Tag.UNIQUE_IDENTIFIER, uuid(new Random(2))),
        new Structure(Tag.SYMMETRIC_KEY,
            new Structure(Tag.KEY_BLOCK,
                new Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
                new Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, key)),
                new Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
                new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)))));
  }

  /** Locate that found {@code n} objects: Located Items, then n Unique Identifiers. */
  static Item locateResponse(int n) {
    Random rnd = new Random(3);
    List<Item> payload = new ArrayList<>(n + 1);
    payload.add(new Item.Integer(Tag.LOCATED_ITEMS, n));
    for (int i = 0; i < n; i++) {
      payload.add(new TextString(Tag.UNIQUE_IDENTIFIER, uuid(rnd)));
    }
    return response(Operation.LOCATE, new Structure(Tag.RESPONSE_PAYLOAD, payload));
  }

  private static Item response(Operation operation, Item payload) {
    return new Structure(Tag.RESPONSE_MESSAGE,
        new Structure(Tag.RESPONSE_HEADER,
            new Structure(Tag.PROTOCOL_VERSION,
                new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, 2),
                new Item.Integer(Tag.PROTOCOL_VERSION_MINOR, 1)),
            new Item.DateTime(Tag.TIME_STAMP, 1_700_000_000L),
            new Item.Integer(Tag.BATCH_COUNT, 1)),
        new Structure(Tag.BATCH_ITEM,
            new Enumeration(Tag.OPERATION, operation.value()),
            new Enumeration(Tag.RESULT_STATUS, ResultStatus.SUCCESS.value()),
            payload));
  }

  private static String uuid(Random rnd) {
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }
}
