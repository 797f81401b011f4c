package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.attributes;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.name;
import static keyward.server.operation.Kmip.objectType;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SecretDataType;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class CreateHandlerTest {
  private final ServerHarness h = new ServerHarness();
  static final java.util.List<KmipVersion> VERSIONS = Kmip.VERSIONS;

  /** SKLC-M-1: an AES-256 key, Pre-Active, with Digest, Initial and Last Change Date. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void createsAnAesKeyWithTheServerSetAttributes(KmipVersion v) throws Exception {
    ResponseBatchItem r = ok(h.call(v, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(v, alg(CryptographicAlgorithm.AES), len(256),
            mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT), name("SKLC-M-1"))));
    assertThat(r.responsePayload().first(Tag.OBJECT_TYPE))
        .contains(new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()));
    ManagedObject mo = Kmip.stored(h, Kmip.uidOf(r));
    byte[] key = KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(mo.object()).orElseThrow()).orElseThrow();
    assertThat(key).hasSize(32);
    assertThat(mo.storedState()).isEqualTo(State.PRE_ACTIVE);
    long now = h.clock.instant().getEpochSecond();
    assertThat(mo.attributes().first(Tag.INITIAL_DATE)).contains(new Item.DateTime(Tag.INITIAL_DATE, now));
    assertThat(mo.attributes().first(Tag.LAST_CHANGE_DATE)).contains(new Item.DateTime(Tag.LAST_CHANGE_DATE, now));
    assertThat(mo.attributes().first(Tag.DIGEST)).contains(new Item.Structure(Tag.DIGEST,
        new Item.Enumeration(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256.value()),
        new Item.ByteString(Tag.DIGEST_VALUE, MessageDigest.getInstance("SHA-256").digest(key)),
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value())));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(256));
    assertThat(mo.attributes().first(Tag.FRESH)).contains(new Item.Boolean(Tag.FRESH, true));
    assertThat(mo.attributes().first(Tag.RANDOM_NUMBER_GENERATOR)).isPresent();
  }

  /** SKLC-O-1-21: the defaults a created key gets. */
  @Test
  void createdKeyIsNotSensitiveAndExtractable() throws Exception {
    ManagedObject mo = Kmip.stored(h, Kmip.createAes(h, KmipVersion.V2_1));
    assertThat(mo.attributes().first(Tag.SENSITIVE)).contains(new Item.Boolean(Tag.SENSITIVE, false));
    assertThat(mo.attributes().first(Tag.ALWAYS_SENSITIVE)).contains(new Item.Boolean(Tag.ALWAYS_SENSITIVE, false));
    assertThat(mo.attributes().first(Tag.EXTRACTABLE)).contains(new Item.Boolean(Tag.EXTRACTABLE, true));
    assertThat(mo.attributes().first(Tag.NEVER_EXTRACTABLE)).contains(new Item.Boolean(Tag.NEVER_EXTRACTABLE, false));
    assertThat(mo.attributes().first(Tag.LEASE_TIME)).contains(new Item.Interval(Tag.LEASE_TIME, 3600));
    assertThat(mo.attributes().first(Tag.KEY_FORMAT_TYPE))
        .contains(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()));
    assertThat(mo.attributes().first(Tag.SHORT_UNIQUE_IDENTIFIER)).isPresent();
    assertThat(mo.attributes().first(Tag.ORIGINAL_CREATION_DATE)).isPresent();
  }

  @Test
  void twoKeysAreDifferent() throws Exception {
    byte[] a = keyOf(Kmip.createAes(h, KmipVersion.V2_1));
    byte[] b = keyOf(Kmip.createAes(h, KmipVersion.V2_1));
    assertThat(a).isNotEqualTo(b);
  }

  /** SKFF-M-4: Triple DES 168 is 24 bytes, each with DES odd parity. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void tripleDes168IsTwentyFourBytesWithOddParity(KmipVersion v) throws Exception {
    ResponseBatchItem r = ok(h.call(v, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(v, alg(CryptographicAlgorithm.DES3), len(168), mask(CryptographicUsageMask.ENCRYPT))));
    byte[] key = keyOf(Kmip.uidOf(r));
    assertThat(key).hasSize(24);
    for (byte b : key) {
      assertThat(Integer.bitCount(b & 0xFF) % 2).as("parity of %02x", b).isEqualTo(1);
    }
  }

  @Test
  void hmacKeyDefaultsToTheHashSizeAndTakesTheLengthAsked() throws Exception {
    assertThat(keyOf(create(KmipVersion.V2_1, CryptographicAlgorithm.HMAC_SHA256, null))).hasSize(32);
    assertThat(keyOf(create(KmipVersion.V2_1, CryptographicAlgorithm.HMAC_SHA512, null))).hasSize(64);
    assertThat(keyOf(create(KmipVersion.V2_1, CryptographicAlgorithm.HMAC_SHA1, 384))).hasSize(48);
  }

  @Test
  void chacha20KeyIs256Bits() throws Exception {
    assertThat(keyOf(create(KmipVersion.V2_1, CryptographicAlgorithm.CHACHA20, 256))).hasSize(32);
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aLengthTheAlgorithmDoesNotHaveIsAnInvalidField(KmipVersion v) throws Exception {
    assertThat(createFails(v, CryptographicAlgorithm.AES, 100)).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(createFails(v, CryptographicAlgorithm.HMAC_SHA256, 100)).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void anAsymmetricAlgorithmIsAnInvalidField() throws Exception {
    assertThat(createFails(KmipVersion.V2_1, CryptographicAlgorithm.RSA, 2048)).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void aSymmetricAlgorithmTheServerDoesNotOfferIsFeatureNotSupported() throws Exception {
    assertThat(createFails(KmipVersion.V1_4, CryptographicAlgorithm.BLOWFISH, 128))
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
  }

  /** 1.4 Table 5: Cryptographic Algorithm and Usage Mask are required. */
  @Test
  void aKeyWithoutUsageMaskOrAlgorithmIsRefused() throws Exception {
    ResponseBatchItem noMask = h.call(KmipVersion.V1_4, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V1_4, alg(CryptographicAlgorithm.AES), len(128)));
    assertThat(noMask.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    ResponseBatchItem noAlg = h.call(KmipVersion.V2_1, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1, len(128), mask(CryptographicUsageMask.ENCRYPT)));
    assertThat(noAlg.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.store.size()).isZero();
  }

  /** TC-CREATE-SD-1-21: Secret Data of the length asked, as Password in Opaque format. */
  @Test
  void createsSecretDataIn21() throws Exception {
    ResponseBatchItem r = ok(h.call(KmipVersion.V2_1, Operation.CREATE, objectType(ObjectType.SECRET_DATA),
        attributes(KmipVersion.V2_1, len(80))));
    ManagedObject mo = Kmip.stored(h, Kmip.uidOf(r));
    assertThat(mo.object().first(Tag.SECRET_DATA_TYPE))
        .contains(new Item.Enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD.value()));
    Item.Structure block = KeyBlocks.keyBlock(mo.object()).orElseThrow();
    assertThat(KeyBlocks.format(block)).contains(KeyFormatType.OPAQUE);
    assertThat(((Item.ByteString) KeyBlocks.keyMaterial(block).orElseThrow()).value()).hasSize(10);
  }

  @Test
  void secretDataIsNotCreatedFor1xClients() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.CREATE, objectType(ObjectType.SECRET_DATA),
        attributes(KmipVersion.V1_4, len(80)));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void otherObjectTypesAreNotCreated() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.CREATE, objectType(ObjectType.PUBLIC_KEY),
        attributes(KmipVersion.V2_1, alg(CryptographicAlgorithm.RSA), len(2048)));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
  }

  /** Non Unique Name Attribute in 2.x; the 1.4 Create error table says Invalid Field. */
  @Test
  void aNameInUseIsRefused() throws Exception {
    Kmip.createAes(h, KmipVersion.V2_1, name("k"));
    ResponseBatchItem v21 = h.call(KmipVersion.V2_1, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1, alg(CryptographicAlgorithm.AES), len(128), mask(CryptographicUsageMask.ENCRYPT), name("k")));
    assertThat(v21.resultReason()).isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
    ResponseBatchItem v14 = h.call(KmipVersion.V1_4, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V1_4, alg(CryptographicAlgorithm.AES), len(128), mask(CryptographicUsageMask.ENCRYPT), name("k")));
    assertThat(v14.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.store.size()).isEqualTo(1);
  }

  @Test
  void anotherCallersNameDoesNotClash() throws Exception {
    Kmip.createAes(h, KmipVersion.V2_1, name("shared"));
    h.caller = new keyward.server.Caller("bob", "127.0.0.1:2");
    Kmip.createAes(h, KmipVersion.V2_1, name("shared"));
    assertThat(h.store.size()).isEqualTo(2);
  }

  @Test
  void aServerSetAttributeFromTheClientIsRefused() throws Exception {
    Item initial = Kmip.date(Tag.INITIAL_DATE, h.clock.instant());
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1, alg(CryptographicAlgorithm.AES), len(128), mask(CryptographicUsageMask.ENCRYPT), initial));
    assertThat(r.resultReason()).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
  }

  /** QS-M-2-21: an AES-128 key asked to be Quantum Safe is refused; AES-256 qualifies. */
  @Test
  void quantumSafeNeeds256BitKeys() throws Exception {
    Item.Structure sent = OasisRequests.payload("2.1", "QS-M-2-21.xml", Operation.CREATE);
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.CREATE, OasisRequests.items(sent));
    assertThat(r.resultReason()).isEqualTo(ResultReason.GENERAL_FAILURE);
    assertThat(h.store.size()).isZero();
    ok(h.call(KmipVersion.V2_1, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1, alg(CryptographicAlgorithm.AES), len(256), mask(CryptographicUsageMask.ENCRYPT),
            new Item.Boolean(Tag.QUANTUM_SAFE, true))));
  }

  /** The ID Placeholder: a later item without Unique Identifier works on the new key. */
  @Test
  void createSetsTheIdPlaceholder() throws Exception {
    var items = h.batch(KmipVersion.V1_4,
        RequestBatchItem.of(Operation.CREATE, new Item.Structure(Tag.REQUEST_PAYLOAD, objectType(ObjectType.SYMMETRIC_KEY),
            attributes(KmipVersion.V1_4, alg(CryptographicAlgorithm.AES), len(128), mask(CryptographicUsageMask.ENCRYPT)))),
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThat(Kmip.uidOf(ok(items.get(1)))).isEqualTo(Kmip.uidOf(ok(items.get(0))));
  }

  private String create(KmipVersion v, CryptographicAlgorithm a, Integer bits) throws Exception {
    Item[] attrs = bits == null
        ? new Item[] {alg(a), mask(CryptographicUsageMask.MAC_GENERATE)}
        : new Item[] {alg(a), len(bits), mask(CryptographicUsageMask.ENCRYPT)};
    return Kmip.uidOf(ok(h.call(v, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY), attributes(v, attrs))));
  }

  private ResultReason createFails(KmipVersion v, CryptographicAlgorithm a, int bits) throws Exception {
    ResponseBatchItem r = h.call(v, Operation.CREATE, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(v, alg(a), len(bits), mask(CryptographicUsageMask.ENCRYPT)));
    assertThat(h.store.size()).isZero();
    return r.resultReason();
  }

  private byte[] keyOf(String uid) throws Exception {
    ManagedObject mo = Kmip.stored(h, uid);
    return KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(mo.object()).orElseThrow()).orElseThrow();
  }
}
