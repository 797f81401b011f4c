package keyward.server.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import keyward.kmip.compat.AttributeShapes;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.ManagedObject;
import keyward.server.object.ObjectService;

/**
 * Request building for handler tests in each protocol version's shape (2.x Attributes, 1.x
 * Template-Attribute), and a look at what the store holds. Attribute values are written in
 * the 2.x form (tagged by attribute) and converted for 1.x requests.
 */
final class Kmip {
  static final List<KmipVersion> VERSIONS = List.of(KmipVersion.V1_2, KmipVersion.V1_4, KmipVersion.V2_1);

  private Kmip() {}

  /** Attributes in the version's request shape. */
  static Item.Structure attributes(KmipVersion v, Item... attrs) {
    Item.Structure a = new Item.Structure(Tag.ATTRIBUTES, attrs);
    return v.atLeast(KmipVersion.V2_0) ? a : AttributeShapes.toTemplateAttribute(a);
  }

  static Item objectType(ObjectType t) {
    return new Item.Enumeration(Tag.OBJECT_TYPE, t.value());
  }

  static Item alg(CryptographicAlgorithm a) {
    return new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, a.value());
  }

  static Item len(int bits) {
    return new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, bits);
  }

  static Item mask(CryptographicUsageMask... bits) {
    return new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.toBits(List.of(bits)));
  }

  static Item name(String value) {
    return new Item.Structure(Tag.NAME, new Item.TextString(Tag.NAME_VALUE, value),
        new Item.Enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value()));
  }

  static Item date(int tag, Instant when) {
    return new Item.DateTime(tag, when.getEpochSecond());
  }

  static Item uid(String uid) {
    return new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid);
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  /** A Symmetric Key in Raw format. */
  static Item.Structure rawKey(byte[] key, CryptographicAlgorithm a, int bits) {
    return new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, key)),
        alg(a), len(bits)));
  }

  /** Creates an AES key in the version's shape and returns its Unique Identifier. */
  static String createAes(ServerHarness h, KmipVersion v, Item... extra) throws Exception {
    List<Item> attrs = new ArrayList<>(List.of(alg(CryptographicAlgorithm.AES), len(256),
        mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)));
    attrs.addAll(List.of(extra));
    ResponseBatchItem r = h.call(v, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(v, attrs.toArray(Item[]::new)));
    return uidOf(ok(r));
  }

  /** Registers a Raw AES-128 key and returns its Unique Identifier. */
  static String registerAes(ServerHarness h, KmipVersion v, Item... attrs) throws Exception {
    ResponseBatchItem r = h.call(v, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(v, attrs), rawKey(hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 128));
    return uidOf(ok(r));
  }

  static ResponseBatchItem call(ServerHarness h, KmipVersion v, Operation op, String uid, Item... more)
      throws Exception {
    List<Item> items = new ArrayList<>();
    items.add(uid(uid));
    items.addAll(List.of(more));
    return h.call(v, op, items.toArray(Item[]::new));
  }

  static ResponseBatchItem revoke(ServerHarness h, KmipVersion v, String uid, RevocationReasonCode code)
      throws Exception {
    return call(h, v, Operation.REVOKE, uid, new Item.Structure(Tag.REVOCATION_REASON,
        new Item.Enumeration(Tag.REVOCATION_REASON_CODE, code.value())));
  }

  static ResponseBatchItem ok(ResponseBatchItem r) {
    assertThat(r.resultStatus()).as("result of %s: %s %s", r.operation(), r.resultReason(), r.resultMessage())
        .isEqualTo(ResultStatus.SUCCESS);
    return r;
  }

  static String uidOf(ResponseBatchItem r) {
    return ((Item.TextString) r.responsePayload().first(Tag.UNIQUE_IDENTIFIER).orElseThrow()).value();
  }

  /** The object as stored, read in a transaction of its own. */
  static ManagedObject stored(ServerHarness h, String uid) throws Exception {
    return h.store.inTransaction(true, tx -> new ObjectService(tx, h.caller, h.clock.instant()).get(uid));
  }

  static State state(ServerHarness h, String uid) throws Exception {
    return stored(h, uid).state(h.clock.instant());
  }
}
