package keyward.server.operation;

import static keyward.server.operation.Kmip.date;
import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SecretDataType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Derive Key: known answers (TC-DERIVEKEY-1-10 for HASH, RFC 6070 for PBKDF2, RFC 5869 for
 * HKDF, SP 800-108 counter mode against an independent HMAC), the links both ways, and the
 * refusals.
 */
class DeriveKeyHandlerTest {
  static final List<KmipVersion> VERSIONS = List.of(KmipVersion.V1_4, KmipVersion.V2_1);
  private final ServerHarness h = new ServerHarness();

  private Item active() {
    return date(Tag.ACTIVATION_DATE, h.clock.instant().minusSeconds(3600));
  }

  private String registerKey(KmipVersion v, byte[] key, CryptographicAlgorithm a, CryptographicUsageMask... usage)
      throws Exception {
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.mask(usage), active()), Kmip.rawKey(key, a, key.length * 8))));
  }

  private String registerSecret(KmipVersion v, byte[] secret) throws Exception {
    Item object = new Item.Structure(Tag.SECRET_DATA,
        new Item.Enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD.value()),
        new Item.Structure(Tag.KEY_BLOCK, new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE.value()),
            new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, secret))));
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SECRET_DATA),
        Kmip.attributes(v, Kmip.mask(CryptographicUsageMask.DERIVE_KEY), active()), object)));
  }

  private static Item parameters(HashingAlgorithm hash, Item... more) {
    Item[] all = Arrays.copyOf(new Item[] {new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.HASHING_ALGORITHM, hash.value()))}, more.length + 1);
    System.arraycopy(more, 0, all, 1, more.length);
    return new Item.Structure(Tag.DERIVATION_PARAMETERS, all);
  }

  private ResponseBatchItem derive(KmipVersion v, ObjectType type, String base, DerivationMethod m, Item params,
      Item... attrs) throws Exception {
    return h.call(v, Operation.DERIVE_KEY, Kmip.objectType(type), Kmip.uid(base),
        new Item.Enumeration(Tag.DERIVATION_METHOD, m.value()), params, Kmip.attributes(v, attrs));
  }

  private byte[] material(KmipVersion v, String uid) throws Exception {
    ResponseBatchItem got = ok(h.call(v, Operation.GET, Kmip.uid(uid)));
    Item.Structure object = (Item.Structure) got.responsePayload().items().get(2);
    return ((Item.ByteString) KeyBlocks.keyMaterial(KeyBlocks.keyBlock(object).orElseThrow()).orElseThrow()).value();
  }

  /** TC-DERIVEKEY-1-10: HASH (SHA-256) of an AES-128 key into a new AES-128 key. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void hashDerivationMatchesTheTestCase(KmipVersion v) throws Exception {
    String base = registerKey(v, hex("00112233445566778899aabbccddeeff"), CryptographicAlgorithm.AES,
        CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT, CryptographicUsageMask.DERIVE_KEY);
    String uid = Kmip.uidOf(ok(derive(v, ObjectType.SYMMETRIC_KEY, base, DerivationMethod.HASH,
        parameters(HashingAlgorithm.SHA_256), Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128),
        Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT))));
    assertThat(material(v, uid)).isEqualTo(hex("a8faed6abbf35c12a4b26e40f6feb19d"));
    // links both ways (2.1 §4.34 Link: Derivation Base Object / Derived Key)
    assertThat(Kmip.stored(h, uid).attributes().all(Tag.LINK)).containsExactly(link(LinkType.DERIVATION_BASE_OBJECT_LINK, base));
    assertThat(Kmip.stored(h, base).attributes().all(Tag.LINK)).containsExactly(link(LinkType.DERIVED_KEY_LINK, uid));
  }

  /** RFC 6070 test 2: PBKDF2-HMAC-SHA1("password", "salt", 2 iterations, 20 bytes), from Secret Data. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void pbkdf2FromAPassword(KmipVersion v) throws Exception {
    String base = registerSecret(v, "password".getBytes(StandardCharsets.US_ASCII));
    String uid = Kmip.uidOf(ok(derive(v, ObjectType.SECRET_DATA, base, DerivationMethod.PBKDF2,
        parameters(HashingAlgorithm.SHA_1, new Item.ByteString(Tag.SALT, "salt".getBytes(StandardCharsets.US_ASCII)),
            new Item.Integer(Tag.ITERATION_COUNT, 2)),
        Kmip.len(160))));
    assertThat(material(v, uid)).isEqualTo(hex("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"));
  }

  /** RFC 5869 A.1: HKDF-SHA256, 42 bytes. */
  @Test
  void hkdfKnownAnswer() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    byte[] ikm = new byte[22];
    Arrays.fill(ikm, (byte) 0x0b);
    String base = registerKey(v, ikm, CryptographicAlgorithm.HMAC_SHA256, CryptographicUsageMask.DERIVE_KEY);
    String uid = Kmip.uidOf(ok(derive(v, ObjectType.SECRET_DATA, base, DerivationMethod.HKDF,
        parameters(HashingAlgorithm.SHA_256, new Item.ByteString(Tag.DERIVATION_DATA, hex("f0f1f2f3f4f5f6f7f8f9")),
            new Item.ByteString(Tag.SALT, hex("000102030405060708090a0b0c"))),
        Kmip.len(42 * 8))));
    assertThat(material(v, uid)).isEqualTo(hex(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
  }

  /** SP 800-108 counter mode: K(1) || K(2) with K(i) = HMAC(KI, [i]32 || fixed input), cut to 256 bits + 128. */
  @Test
  void counterModeIsTheSp800108Construction() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    byte[] ki = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] fixed = "label\0context\0\0\u0001\u0080".getBytes(StandardCharsets.ISO_8859_1);
    String base = registerKey(v, ki, CryptographicAlgorithm.AES, CryptographicUsageMask.DERIVE_KEY);
    String uid = Kmip.uidOf(ok(derive(v, ObjectType.SECRET_DATA, base, DerivationMethod.NIST800_108_C,
        parameters(HashingAlgorithm.SHA_256, new Item.ByteString(Tag.DERIVATION_DATA, fixed)), Kmip.len(384))));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(ki, "HmacSHA256"));
    mac.update(new byte[] {0, 0, 0, 1});
    byte[] k1 = mac.doFinal(fixed);
    mac.update(new byte[] {0, 0, 0, 2});
    byte[] k2 = mac.doFinal(fixed);
    byte[] want = Arrays.copyOf(k1, 48);
    System.arraycopy(k2, 0, want, 32, 16);
    assertThat(material(v, uid)).isEqualTo(want);
  }

  /**
   * NIST SP 800-108 CAVP vectors, HMAC-SHA256, 32-bit counter after the iteration variable:
   * FeedbackModeNOzeroiv COUNT=0 (the IV is the Initialization Vector) and PipelineModewithCounter
   * COUNT=9 and 20 (560 bits: the last block cut).
   */
  @Test
  void feedbackAndDoublePipelineModesMatchTheCavpVectors() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String fb = registerKey(v, hex("93f698e842eed75394d629d957e2e89c6e741f810b623c8b901e38376d068e7b"),
        CryptographicAlgorithm.HMAC_SHA256, CryptographicUsageMask.DERIVE_KEY);
    String uid = Kmip.uidOf(ok(derive(v, ObjectType.SECRET_DATA, fb, DerivationMethod.NIST800_108_F,
        parameters(HashingAlgorithm.SHA_256,
            new Item.ByteString(Tag.INITIALIZATION_VECTOR,
                hex("9f575d9059d3e0c0803f08112f8a806de3c3471912cdf42b095388b14b33508e")),
            new Item.ByteString(Tag.DERIVATION_DATA, hex("53b89c18690e2057a1d167822e636de50be0018532c431f7f5e37f77139220d5"
                + "e042599ebe266af5767ee18cd2c5c19a1f0f80"))), Kmip.len(512))));
    assertThat(material(v, uid)).isEqualTo(hex("bd1476f43a4e315747cf5918e0ea5bc0d98769457477c3ab18b742def0e079a9"
        + "33b756365afb5541f253fee43c6fd788a44041038509e9eeb68f7d65ffbb5f95"));
    String[][] pipeline = {
        {"242115b2ea49911552a11566d551fd9e93332e14cd7fce685a1d00f7feb759f9",
            "949851d020683afedf86ea10483d0227aeca1919666f68e4b4f041f7b0a24eca126302fbe50c6cbe794b4615b44d100c7504b4",
            "512", "832050d44a3f053a3de2c441a203081d4d547e6a1220bfc9df4a05cce93af294"
                + "b54fd6f20a300164132413e0e653a32c492f78746ebf255ac57f1b7654205c4c"},
        {"9306645e6b3182a66b1cca905480b7ffa8d60467a52c12202476a54287a45bc0",
            "0fc1704af3daaa5942025495c22a710ed64bba03d71f0f89ee2b37552a073797d639a8fda73ee616332f5a54e51359ea578382",
            "560", "a0a718541e7722e8a62b7946ea0244d1b6f3f1dc9213a880cc1c777ead8814b5"
                + "1b687777258e32fe9f0e85854271d9cb029026c3c7eb920136005634b4e1c09acffa969cd952"}};
    for (String[] t : pipeline) {
      String base = registerKey(v, hex(t[0]), CryptographicAlgorithm.HMAC_SHA256, CryptographicUsageMask.DERIVE_KEY);
      String out = Kmip.uidOf(ok(derive(v, ObjectType.SECRET_DATA, base, DerivationMethod.NIST800_108_DPI,
          parameters(HashingAlgorithm.SHA_256, new Item.ByteString(Tag.DERIVATION_DATA, hex(t[1]))),
          Kmip.len(Integer.parseInt(t[2])))));
      assertThat(material(v, out)).as("pipeline vector L=%s", t[2]).isEqualTo(hex(t[3]));
    }
  }

  /** ENCRYPT: the Derivation Data under the base key; FIPS 197 C.1 (AES-128) as the known answer. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void encryptDerivation(KmipVersion v) throws Exception {
    String base = registerKey(v, hex("000102030405060708090a0b0c0d0e0f"), CryptographicAlgorithm.AES,
        CryptographicUsageMask.DERIVE_KEY);
    Item params = new Item.Structure(Tag.DERIVATION_PARAMETERS,
        new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
            new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, keyward.kmip.spec.BlockCipherMode.ECB.value())),
        new Item.ByteString(Tag.DERIVATION_DATA, hex("00112233445566778899aabbccddeeff")));
    String uid = Kmip.uidOf(ok(derive(v, ObjectType.SYMMETRIC_KEY, base, DerivationMethod.ENCRYPT, params,
        Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128))));
    assertThat(material(v, uid)).isEqualTo(hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
    assertThat(derive(v, ObjectType.SYMMETRIC_KEY, base, DerivationMethod.ENCRYPT, params,
        Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(256)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void refusals(KmipVersion v) throws Exception {
    String noDerive = registerKey(v, hex("00112233445566778899aabbccddeeff"), CryptographicAlgorithm.AES,
        CryptographicUsageMask.ENCRYPT);
    Item aes = Kmip.alg(CryptographicAlgorithm.AES);
    assertThat(derive(v, ObjectType.SYMMETRIC_KEY, noDerive, DerivationMethod.HASH, parameters(HashingAlgorithm.SHA_256),
        aes, Kmip.len(128)).resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
            ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED);
    String base = registerKey(v, hex("00112233445566778899aabbccddeeff"), CryptographicAlgorithm.AES,
        CryptographicUsageMask.DERIVE_KEY);
    assertThat(derive(v, ObjectType.SYMMETRIC_KEY, base, DerivationMethod.ASYMMETRIC_KEY,
        parameters(HashingAlgorithm.SHA_256), aes, Kmip.len(128)).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    for (DerivationMethod sp800108 : List.of(DerivationMethod.NIST800_108_F, DerivationMethod.NIST800_108_DPI)) {
      assertThat(derive(v, ObjectType.SYMMETRIC_KEY, base, sp800108, parameters(HashingAlgorithm.SHA_256),
          aes, Kmip.len(128)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD); // no Derivation Data
    }
    assertThat(derive(v, ObjectType.SYMMETRIC_KEY, base, DerivationMethod.PBKDF2, parameters(HashingAlgorithm.SHA_256),
        aes, Kmip.len(128)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD); // no Salt
    assertThat(derive(v, ObjectType.SYMMETRIC_KEY, base, DerivationMethod.HASH, parameters(HashingAlgorithm.SHA_256),
        aes, Kmip.len(256 + 8)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD); // no such AES length
    assertThat(derive(v, ObjectType.SECRET_DATA, base, DerivationMethod.HASH, parameters(HashingAlgorithm.SHA_256),
        Kmip.len(512)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD); // longer than SHA-256 gives
  }

  private static Item link(LinkType t, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, t.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
