package keyward.server.operation;

import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UniqueIdentifier;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class GetHandlerTest {
  private final ServerHarness h = new ServerHarness();
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;
  private static final byte[] KEY = hex("0123456789abcdef0123456789abcdef");

  private static Item format(KeyFormatType f) {
    return new Item.Enumeration(Tag.KEY_FORMAT_TYPE, f.value());
  }

  private static Item.Structure block(ResponseBatchItem get) {
    Item.Structure key = (Item.Structure) get.responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
    return KeyBlocks.keyBlock(key).orElseThrow();
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aRawKeyIsServedAsTransparentSymmetricKeyOnRequest(KmipVersion v) throws Exception {
    String uid = Kmip.registerAes(h, v);
    Item.Structure b = block(ok(Kmip.call(h, v, Operation.GET, uid, format(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY))));
    assertThat(KeyBlocks.format(b)).contains(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
    assertThat(KeyBlocks.keyMaterial(b)).contains(
        new Item.Structure(Tag.KEY_MATERIAL, new Item.ByteString(Tag.KEY, KEY)));
    assertThat(b.first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128));
  }

  /** BL-M-3-21 registers Transparent; Raw is the same bytes. */
  @Test
  void aTransparentKeyIsServedRawOnRequest() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-3-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    Item.Structure b = block(ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid, format(KeyFormatType.RAW))));
    assertThat(KeyBlocks.keyMaterial(b)).contains(new Item.ByteString(Tag.KEY_MATERIAL, KEY));
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void anyOtherConversionIsKeyFormatTypeNotSupported(KmipVersion v) throws Exception {
    String uid = Kmip.registerAes(h, v);
    ResponseBatchItem r = Kmip.call(h, v, Operation.GET, uid, format(KeyFormatType.PKCS_8));
    assertThat(r.resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }

  /**
   * BL-M-6-21's public key: its own format is served as registered; X.509 is the same key
   * converted; a private key format is refused.
   */
  @Test
  void anAsymmetricKeyIsServedInItsOwnFormatOrConverted() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-6-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    ResponseBatchItem same = ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid, format(KeyFormatType.PKCS_1)));
    assertThat(same.responsePayload().first(Tag.PUBLIC_KEY)).isEqualTo(payload.first(Tag.PUBLIC_KEY));
    ResponseBatchItem x509 = ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid, format(KeyFormatType.X_509)));
    Item.Structure block = (Item.Structure) ((Item.Structure) x509.responsePayload().first(Tag.PUBLIC_KEY)
        .orElseThrow()).first(Tag.KEY_BLOCK).orElseThrow();
    Item.Structure sent = (Item.Structure) ((Item.Structure) payload.first(Tag.PUBLIC_KEY).orElseThrow())
        .first(Tag.KEY_BLOCK).orElseThrow();
    assertThat(keyward.server.object.AsymmetricKeyBlocks.publicKey(block))
        .isEqualTo(keyward.server.object.AsymmetricKeyBlocks.publicKey(sent));
    ResponseBatchItem other = Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid, format(KeyFormatType.PKCS_8));
    assertThat(other.resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }

  /** BL-M-4-21: an unknown identifier is Object Not Found (1.x: Item Not Found). */
  @Test
  void anUnknownObjectIsNotFound() throws Exception {
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET, "AAABBBCCC").resultReason())
        .isEqualTo(ResultReason.OBJECT_NOT_FOUND);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.GET, "AAABBBCCC").resultReason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }

  @Test
  void anotherCallersObjectIsNotFound() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V2_1);
    h.caller = new keyward.server.Caller("mallory", "127.0.0.1:3");
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
  }

  /** BL-M-8-21: Get after Destroy is Object Destroyed; 1.4 Table 338 says Illegal Operation. */
  @Test
  void aDestroyedObjectIsObjectDestroyed() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V2_1);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, uid));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.OBJECT_DESTROYED);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.ILLEGAL_OPERATION);
  }

  /** BL-M-12-21: a Sensitive object is not served unwrapped (1.2 has no Sensitive reason). */
  @Test
  void aSensitiveObjectIsRefused() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-12-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.SENSITIVE);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.SENSITIVE);
    assertThat(Kmip.call(h, KmipVersion.V1_2, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void aNonExtractableObjectIsRefused() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V2_1, new Item.Boolean(Tag.EXTRACTABLE, false));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.NOT_EXTRACTABLE);
  }

  /** BL-M-13-21: serving the object clears Fresh. */
  @Test
  void getClearsFresh() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-13-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    assertThat(Kmip.stored(h, uid).attributes().first(Tag.FRESH)).contains(new Item.Boolean(Tag.FRESH, true));
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid));
    assertThat(Kmip.stored(h, uid).attributes().first(Tag.FRESH)).contains(new Item.Boolean(Tag.FRESH, false));
  }

  /** Only the first Get of a Fresh object writes; later Gets stay off the store's single writer. */
  @Test
  void getTakesAWriteTransactionOnlyToClearFresh() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-13-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    int writes = h.store.writeTransactions();
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid));
    assertThat(h.store.writeTransactions()).isEqualTo(writes + 1);
    for (int i = 0; i < 3; i++) {
      ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid));
    }
    assertThat(h.store.writeTransactions()).isEqualTo(writes + 1);
    assertThat(Kmip.stored(h, uid).attributes().first(Tag.FRESH)).contains(new Item.Boolean(Tag.FRESH, false));
  }

  /** Encrypt wrapping without the Encryption Key Information that names the wrapping key (KeyWrappingTest has the rest). */
  @Test
  void wrappingNeedsEncryptionKeyInformation() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V2_1);
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid,
        new Item.Structure(Tag.KEY_WRAPPING_SPECIFICATION, new Item.Enumeration(Tag.WRAPPING_METHOD, 1)));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** SKFF-M-12-21: a Compromised key is still served. */
  @Test
  void aCompromisedKeyIsServed() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V2_1);
    ok(Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.KEY_COMPROMISE));
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid));
  }

  /** 2.x may name the ID Placeholder explicitly as the Unique Identifier enumeration. */
  @Test
  void theIdPlaceholderEnumerationIsHonoured() throws Exception {
    var items = h.batch(KmipVersion.V2_1,
        RequestBatchItem.of(Operation.REGISTER, new Item.Structure(Tag.REQUEST_PAYLOAD,
            Kmip.objectType(ObjectType.SYMMETRIC_KEY), Kmip.attributes(KmipVersion.V2_1),
            Kmip.rawKey(KEY, CryptographicAlgorithm.AES, 128))),
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD,
            new Item.Enumeration(Tag.UNIQUE_IDENTIFIER, UniqueIdentifier.ID_PLACEHOLDER.value()))));
    assertThat(Kmip.uidOf(ok(items.get(1)))).isEqualTo(Kmip.uidOf(ok(items.get(0))));
  }

  @Test
  void withoutIdentifierOrPlaceholderTheRequestIsRefused() throws Exception {
    assertThat(h.call(KmipVersion.V2_1, Operation.GET).resultStatus())
        .isEqualTo(keyward.kmip.spec.ResultStatus.OPERATION_FAILED);
  }
}
