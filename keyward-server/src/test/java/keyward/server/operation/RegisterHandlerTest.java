package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.attributes;
import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.name;
import static keyward.server.operation.Kmip.objectType;
import static keyward.server.operation.Kmip.ok;
import static keyward.server.operation.Kmip.rawKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterHandlerTest {
  private final ServerHarness h = new ServerHarness();
  static final java.util.List<KmipVersion> VERSIONS = Kmip.VERSIONS;

  /** Registers the case's Register request as sent and returns the new identifier. */
  private String registerFromCase(String file) throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", file, Operation.REGISTER);
    return Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
  }

  /** BL-M-1-21: a Raw AES key comes back from Get exactly as registered. */
  @Test
  void rawKeyComesBackAsRegistered() throws Exception {
    Item.Structure sent = OasisRequests.payload("2.1", "BL-M-1-21.xml", Operation.REGISTER);
    String uid = registerFromCase("BL-M-1-21.xml");
    ResponseBatchItem get = ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid));
    assertThat(get.responsePayload().first(Tag.SYMMETRIC_KEY)).isEqualTo(sent.first(Tag.SYMMETRIC_KEY));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.PRE_ACTIVE);
  }

  /** BL-M-3-21: Transparent Symmetric Key; an Activation Date in the past makes it Active at once. */
  @Test
  void transparentKeyWithPastActivationDateIsActive() throws Exception {
    Item.Structure sent = OasisRequests.payload("2.1", "BL-M-3-21.xml", Operation.REGISTER);
    String uid = registerFromCase("BL-M-3-21.xml");
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.ACTIVE);
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(alg(CryptographicAlgorithm.AES));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(128));
    Item material = KeyBlocks.keyMaterial(KeyBlocks.keyBlock(mo.object()).orElseThrow()).orElseThrow();
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(new TtlvCodec().encode(material));
    assertThat(((Item.Structure) mo.attributes().first(Tag.DIGEST).orElseThrow()).items()).contains(
        new Item.ByteString(Tag.DIGEST_VALUE, expected),
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY.value()));
    ResponseBatchItem get = ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid));
    assertThat(get.responsePayload().first(Tag.SYMMETRIC_KEY)).isEqualTo(sent.first(Tag.SYMMETRIC_KEY));
  }

  /** BL-M-4/5/6/9/11/13-21: Secret Data, Opaque Object, public and private keys are stored as sent. */
  @ParameterizedTest
  @ValueSource(strings = {"BL-M-4-21.xml", "BL-M-5-21.xml", "BL-M-6-21.xml", "BL-M-9-21.xml",
      "BL-M-11-21.xml", "BL-M-13-21.xml"})
  void otherObjectsAreStoredAsRegistered(String file) throws Exception {
    Item.Structure sent = OasisRequests.payload("2.1", file, Operation.REGISTER);
    String uid = registerFromCase(file);
    ManagedObject mo = Kmip.stored(h, uid);
    Item object = sent.items().getLast();
    assertThat(mo.object()).isEqualTo(object);
    assertThat(mo.attributes().first(Tag.DIGEST)).isPresent();
  }

  /** BL-M-6-21: Cryptographic Algorithm and Length come from the key block. */
  @Test
  void publicKeyTakesAlgorithmAndLengthFromTheKeyBlock() throws Exception {
    ManagedObject mo = Kmip.stored(h, registerFromCase("BL-M-6-21.xml"));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(alg(CryptographicAlgorithm.RSA));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(2048));
    assertThat(mo.storedState()).isEqualTo(State.ACTIVE);
  }

  /** BL-M-10-21: the certificate's fields become attributes. */
  @Test
  void certificateFieldsBecomeAttributes() throws Exception {
    ManagedObject mo = Kmip.stored(h, registerFromCase("BL-M-10-21.xml"));
    assertThat(mo.attributes().first(Tag.CERTIFICATE_SUBJECT_CN)).contains(new Item.TextString(Tag.CERTIFICATE_SUBJECT_CN, "CN"));
    assertThat(mo.attributes().first(Tag.CERTIFICATE_SUBJECT_EMAIL))
        .contains(new Item.TextString(Tag.CERTIFICATE_SUBJECT_EMAIL, "Email"));
    assertThat(mo.attributes().first(Tag.CERTIFICATE_ISSUER_C)).contains(new Item.TextString(Tag.CERTIFICATE_ISSUER_C, "AU"));
    assertThat(mo.attributes().first(Tag.CERTIFICATE_LENGTH)).contains(new Item.Integer(Tag.CERTIFICATE_LENGTH, 1043));
    assertThat(mo.attributes().all(Tag.CERTIFICATE_TYPE))
        .containsExactly(new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()));
    Item.Structure id = (Item.Structure) mo.attributes().first(Tag.X_509_CERTIFICATE_IDENTIFIER).orElseThrow();
    // the serial's DER INTEGER, tag and length included, as the Test Cases show it (TC-ECC-3-11/12)
    assertThat(id.first(Tag.CERTIFICATE_SERIAL_NUMBER))
        .contains(new Item.ByteString(Tag.CERTIFICATE_SERIAL_NUMBER, hex("020900e31cb99f91cb07ed")));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(alg(CryptographicAlgorithm.RSA));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(2048));
  }

  @Test
  void aCertificateThatDoesNotParseIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.CERTIFICATE),
        attributes(KmipVersion.V2_1), new Item.Structure(Tag.CERTIFICATE,
            new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
            new Item.ByteString(Tag.CERTIFICATE_VALUE, hex("3003020101"))));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** Found by MessageProcessorFuzzTest: such an object was stored, and Get could never answer it. */
  @Test
  void anObjectHoldingAnItemTheVersionLacksIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V1_2, Operation.REGISTER, objectType(ObjectType.CERTIFICATE),
        new Item.Structure(Tag.TEMPLATE_ATTRIBUTE), new Item.Structure(Tag.CERTIFICATE,
            new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
            new Item.ByteString(Tag.CERTIFICATE_VALUE, hex("3003020101")),
            new Item.Structure(Tag.ATTRIBUTE_REFERENCE)));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("does not fit KMIP 1.2").contains("AttributeReference");
  }

  /** BL-M-12-21: Sensitive makes Always Sensitive true. */
  @Test
  void sensitiveAtRegistrationIsAlwaysSensitive() throws Exception {
    ManagedObject mo = Kmip.stored(h, registerFromCase("BL-M-12-21.xml"));
    assertThat(mo.attributes().first(Tag.ALWAYS_SENSITIVE)).contains(new Item.Boolean(Tag.ALWAYS_SENSITIVE, true));
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void registersARawKeyInEachVersion(KmipVersion v) throws Exception {
    ManagedObject mo = Kmip.stored(h, Kmip.registerAes(h, v, name("r")));
    byte[] key = hex("0123456789abcdef0123456789abcdef");
    assertThat(((Item.Structure) mo.attributes().first(Tag.DIGEST).orElseThrow()).first(Tag.DIGEST_VALUE))
        .contains(new Item.ByteString(Tag.DIGEST_VALUE, MessageDigest.getInstance("SHA-256").digest(key)));
    assertThat(mo.attributes().first(Tag.KEY_VALUE_PRESENT)).contains(new Item.Boolean(Tag.KEY_VALUE_PRESENT, true));
    assertThat(mo.attributes().first(Tag.RANDOM_NUMBER_GENERATOR)).as("not generated here").isEmpty();
  }

  @Test
  void tripleDesOf24BytesIs168Bits() throws Exception {
    ok(h.call(KmipVersion.V1_4, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY), attributes(KmipVersion.V1_4),
        rawKey(hex("0123456789abcdeffedcba98765432100123456789abcdef"), CryptographicAlgorithm.DES3, 168)));
  }

  @Test
  void aLengthThatDoesNotMatchTheBytesIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1), rawKey(hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 256));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void anAttributeThatContradictsTheKeyBlockIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1, alg(CryptographicAlgorithm.CAMELLIA)),
        rawKey(hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 128));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void anObjectOfAnotherTypeThanNamedIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.REGISTER, objectType(ObjectType.SECRET_DATA),
        attributes(KmipVersion.V1_4), rawKey(hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 128));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void aSymmetricKeyInAnAsymmetricFormatIsRefused() throws Exception {
    Item.Structure key = new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, hex("00112233"))),
        alg(CryptographicAlgorithm.AES), len(32)));
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1), key);
    assertThat(r.resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }

  /**
   * A wrapped key block is kept as registered (KeyWrappingTest registers one the server wrapped),
   * also when the wrapping key is not on this server; without the Encryption Key Information that
   * Encrypt needs (1.4 §2.1.5: one key information at least) it is Invalid Field.
   */
  @Test
  void aWrappedKeyBlockIsStoredAsRegistered() throws Exception {
    Item.Structure key = new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
        new Item.ByteString(Tag.KEY_VALUE, hex("00112233445566778899aabbccddeeff0011223344556677")),
        alg(CryptographicAlgorithm.AES), len(128),
        new Item.Structure(Tag.KEY_WRAPPING_DATA, new Item.Enumeration(Tag.WRAPPING_METHOD, 1),
            new Item.Structure(Tag.ENCRYPTION_KEY_INFORMATION, new Item.TextString(Tag.UNIQUE_IDENTIFIER, "elsewhere")))));
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1), key);
    assertThat(Kmip.stored(h, Kmip.uidOf(ok(r))).object()).isEqualTo(key);
    Item.Structure unnamed = new Item.Structure(Tag.SYMMETRIC_KEY, KeyBlocks.replace(
        KeyBlocks.keyBlock(key).orElseThrow(), Tag.KEY_WRAPPING_DATA,
        new Item.Structure(Tag.KEY_WRAPPING_DATA, new Item.Enumeration(Tag.WRAPPING_METHOD, 1))));
    assertThat(h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V2_1), unnamed).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void aNameInUseIsRefusedOnRegisterToo() throws Exception {
    Kmip.registerAes(h, KmipVersion.V1_2, name("dup"));
    ResponseBatchItem r = h.call(KmipVersion.V1_2, Operation.REGISTER, objectType(ObjectType.SYMMETRIC_KEY),
        attributes(KmipVersion.V1_2, name("dup")),
        rawKey(hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 128));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void aMissingObjectIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.REGISTER, objectType(ObjectType.OPAQUE_OBJECT),
        attributes(KmipVersion.V2_1));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }
}
