package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.KeyWrapType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.WrappingMethod;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The four Wrapping Methods with each kind of wrapping key and both Encoding Options, through
 * whole message processing: Get wrapped, Register what came back, Get it as registered, Get it Not
 * Wrapped; and the refusals (bad MAC/Signature, keys that may not wrap, encoding conflicts).
 */
class KeyWrappingMethodsTest {
  /** The client's version: 2.1 unless a test runs in another (each test has its own instance). */
  private KmipVersion version = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  private static final int WRAP_BOTH = CryptographicUsageMask.WRAP_KEY.value() | CryptographicUsageMask.UNWRAP_KEY.value();

  private String symmetric(CryptographicAlgorithm a, int bits, int usage) throws Exception {
    String uid = Kmip.uidOf(ok(h.call(version, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(version, alg(a), len(bits), new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, usage)))));
    ok(Kmip.call(h, version, Operation.ACTIVATE, uid));
    return uid;
  }

  /** An Active key pair: {private, public}, both halves with the usage given. */
  private String[] pair(int privUsage, int pubUsage, Item... common) throws Exception {
    ResponseBatchItem r = ok(h.call(version, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(version, List.of(common),
        List.of(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, privUsage)),
        List.of(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, pubUsage)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, version, Operation.ACTIVATE, priv));
    ok(Kmip.call(h, version, Operation.ACTIVATE, pub));
    return new String[] {priv, pub};
  }

  private static Item info(int tag, String uid, Item... params) {
    List<Item> items = new ArrayList<>(List.of(Kmip.uid(uid)));
    if (params.length > 0) {
      items.add(new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, params));
    }
    return new Item.Structure(tag, items);
  }

  private static Item spec(WrappingMethod m, Item enc, Item mac, Item... more) {
    List<Item> s = new ArrayList<>(List.of(new Item.Enumeration(Tag.WRAPPING_METHOD, m.value())));
    if (enc != null) {
      s.add(enc);
    }
    if (mac != null) {
      s.add(mac);
    }
    s.addAll(List.of(more));
    return new Item.Structure(Tag.KEY_WRAPPING_SPECIFICATION, s);
  }

  private static Item mode(BlockCipherMode m) {
    return new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, m.value());
  }

  private static Item encoding(EncodingOption e) {
    return new Item.Enumeration(Tag.ENCODING_OPTION, e.value());
  }

  private Item object(ResponseBatchItem r) {
    return ok(r).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
  }

  private static Item.Structure block(Item object) {
    return KeyBlocks.keyBlock((Item.Structure) object).orElseThrow();
  }

  private static Item.Structure wrappingData(Item object) {
    return (Item.Structure) block(object).first(Tag.KEY_WRAPPING_DATA).orElseThrow();
  }

  private static byte[] bytes(Item.Structure s, int tag) {
    return ((Item.ByteString) s.first(tag).orElseThrow()).value();
  }

  private String register(Item wrapped) throws Exception {
    return Kmip.uidOf(ok(h.call(version, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(version, mask(CryptographicUsageMask.ENCRYPT)), wrapped)));
  }

  private ResponseBatchItem tryRegister(Item wrapped) throws Exception {
    return h.call(version, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(version, mask(CryptographicUsageMask.ENCRYPT)), wrapped);
  }

  private static Item notWrapped() {
    return new Item.Enumeration(Tag.KEY_WRAP_TYPE, KeyWrapType.NOT_WRAPPED.value());
  }

  /**
   * Method x wrapping key x encoding: every combination wraps, registers wrapped, comes back as
   * registered, and unwraps to the original key.
   */
  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_4", "V2_1"})
  void roundTripMatrix(KmipVersion v) throws Exception {
    this.version = v;
    String aes = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String aes128 = symmetric(CryptographicAlgorithm.AES, 128, WRAP_BOTH);
    String[] rsa = pair(CryptographicUsageMask.UNWRAP_KEY.value() | CryptographicUsageMask.SIGN.value(),
        CryptographicUsageMask.WRAP_KEY.value() | CryptographicUsageMask.VERIFY.value(),
        alg(CryptographicAlgorithm.RSA), len(2048));
    String hmac = symmetric(CryptographicAlgorithm.HMAC_SHA256, 256,
        CryptographicUsageMask.MAC_GENERATE.value() | CryptographicUsageMask.MAC_VERIFY.value());
    String cmac = symmetric(CryptographicAlgorithm.AES, 128,
        CryptographicUsageMask.MAC_GENERATE.value() | CryptographicUsageMask.MAC_VERIFY.value());
    String[] ec = pair(CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value(),
        alg(CryptographicAlgorithm.EC), CreateKeyPairHandlerTest.curve(RecommendedCurve.P_256));
    List<Item> encs = List.of(
        info(Tag.ENCRYPTION_KEY_INFORMATION, aes, mode(BlockCipherMode.NISTKEYWRAP)),
        info(Tag.ENCRYPTION_KEY_INFORMATION, aes128, mode(BlockCipherMode.AESKEYWRAPPADDING)),
        info(Tag.ENCRYPTION_KEY_INFORMATION, aes, mode(BlockCipherMode.GCM)),
        info(Tag.ENCRYPTION_KEY_INFORMATION, rsa[1]));
    List<Item> macs = List.of(
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac),
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, cmac),
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, rsa[0]),
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, ec[0]));
    String key = Kmip.createAes(h, version);
    Item plain = object(Kmip.call(h, version, Operation.GET, key));
    int combinations = 0;
    for (EncodingOption e : List.of(EncodingOption.NO_ENCODING, EncodingOption.TTLV_ENCODING)) {
      for (Item enc : encs) {
        combinations += roundTrip(key, plain, spec(WrappingMethod.ENCRYPT, enc, null, encoding(e)));
      }
      for (Item mac : macs) {
        combinations += roundTrip(key, plain, spec(WrappingMethod.MAC_SIGN, null, mac, encoding(e)));
      }
      for (int i = 0; i < encs.size(); i++) {
        combinations += roundTrip(key, plain, spec(WrappingMethod.ENCRYPT_THEN_MAC_SIGN, encs.get(i), macs.get(i), encoding(e)));
        combinations += roundTrip(key, plain,
            spec(WrappingMethod.MAC_SIGN_THEN_ENCRYPT, encs.get(i), macs.get((i + 1) % macs.size()), encoding(e)));
      }
    }
    assertThat(combinations).isEqualTo(2 * (4 + 4 + 4 + 4));
  }

  private int roundTrip(String key, Item plain, Item spec) throws Exception {
    Item wrapped = object(Kmip.call(h, version, Operation.GET, key, spec));
    Item.Structure data = wrappingData(wrapped);
    String what = spec.toString();
    assertThat(data.first(Tag.WRAPPING_METHOD)).as(what).isEqualTo(((Item.Structure) spec).first(Tag.WRAPPING_METHOD));
    boolean encrypted = ((Item.Structure) spec).first(Tag.ENCRYPTION_KEY_INFORMATION).isPresent();
    assertThat(block(wrapped).first(Tag.KEY_VALUE).orElseThrow()).as(what)
        .isInstanceOf(encrypted ? Item.ByteString.class : Item.Structure.class);
    assertThat(data.first(Tag.MAC_SIGNATURE).isPresent()).as(what)
        .isEqualTo(((Item.Structure) spec).first(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent());
    String again = register(wrapped);
    assertThat(object(Kmip.call(h, version, Operation.GET, again))).as(what).isEqualTo(wrapped);
    assertThat(object(Kmip.call(h, version, Operation.GET, again, notWrapped()))).as(what).isEqualTo(plain);
    return 1;
  }

  /** GCM: IV/Counter/Nonce in the Key Wrapping Data, the Key Value ciphertext || 16-byte tag. */
  @Test
  void gcmPutsTheNonceInTheWrappingDataAndTheTagAfterTheCiphertext() throws Exception {
    String kek = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String key = Kmip.createAes(h, version);
    byte[] keyBytes = KeyBlocks.symmetricKeyBytes(block(object(Kmip.call(h, version, Operation.GET, key)))).orElseThrow();
    Item wrapped = object(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, kek, mode(BlockCipherMode.GCM)), null, encoding(EncodingOption.NO_ENCODING))));
    byte[] iv = bytes(wrappingData(wrapped), Tag.IV_COUNTER_NONCE);
    byte[] value = bytes(block(wrapped), Tag.KEY_VALUE);
    assertThat(iv).hasSize(12);
    assertThat(value).hasSize(keyBytes.length + 16);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KeyBlocks.symmetricKeyBytes(
        KeyBlocks.keyBlock(Kmip.stored(h, kek).object()).orElseThrow()).orElseThrow(), "AES"), new GCMParameterSpec(128, iv));
    assertThat(c.doFinal(value)).isEqualTo(keyBytes);
    // a second wrap takes a fresh nonce
    Item again = object(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, kek, mode(BlockCipherMode.GCM)), null, encoding(EncodingOption.NO_ENCODING))));
    assertThat(bytes(wrappingData(again), Tag.IV_COUNTER_NONCE)).isNotEqualTo(iv);
  }

  /** MAC/sign with HMAC: the Key Value stays in the clear, MAC/Signature is HMAC of its TTLV encoding. */
  @Test
  void macSignIsTheHmacOfTheEncodedKeyValue() throws Exception {
    String hmac = symmetric(CryptographicAlgorithm.HMAC_SHA256, 256, CryptographicUsageMask.MAC_GENERATE.value());
    String key = Kmip.createAes(h, version);
    Item wrapped = object(Kmip.call(h, version, Operation.GET, key,
        spec(WrappingMethod.MAC_SIGN, null, info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac))));
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(new SecretKeySpec(KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(Kmip.stored(h, hmac).object()).orElseThrow())
        .orElseThrow(), "HmacSHA256"));
    assertThat(bytes(wrappingData(wrapped), Tag.MAC_SIGNATURE))
        .isEqualTo(m.doFinal(new TtlvCodec().encode(block(wrapped).first(Tag.KEY_VALUE).orElseThrow())));
  }

  /** Register refuses a key block whose MAC/Signature does not verify, for each place the MAC sits. */
  @Test
  void registerRefusesABadMacOrSignature() throws Exception {
    String aes = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String hmac = symmetric(CryptographicAlgorithm.HMAC_SHA256, 256,
        CryptographicUsageMask.MAC_GENERATE.value() | CryptographicUsageMask.MAC_VERIFY.value());
    String[] rsa = pair(CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value(),
        alg(CryptographicAlgorithm.RSA), len(2048));
    String key = Kmip.createAes(h, version);
    for (Item s : List.of(
        spec(WrappingMethod.MAC_SIGN, null, info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac)),
        spec(WrappingMethod.MAC_SIGN, null, info(Tag.MAC_SIGNATURE_KEY_INFORMATION, rsa[0])),
        spec(WrappingMethod.ENCRYPT_THEN_MAC_SIGN, info(Tag.ENCRYPTION_KEY_INFORMATION, aes),
            info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac)),
        spec(WrappingMethod.MAC_SIGN_THEN_ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, aes),
            info(Tag.MAC_SIGNATURE_KEY_INFORMATION, rsa[0])))) {
      Item.Structure wrapped = (Item.Structure) object(Kmip.call(h, version, Operation.GET, key, s));
      Item.Structure data = wrappingData(wrapped);
      byte[] mac = bytes(data, Tag.MAC_SIGNATURE).clone();
      mac[mac.length / 2] ^= 1;
      Item.Structure badData = KeyBlocks.replace(data, Tag.MAC_SIGNATURE, new Item.ByteString(Tag.MAC_SIGNATURE, mac));
      Item bad = new Item.Structure(Tag.SYMMETRIC_KEY, KeyBlocks.replace(block(wrapped), Tag.KEY_WRAPPING_DATA, badData));
      ResponseBatchItem r = tryRegister(bad);
      assertThat(r.resultReason()).as(s.toString()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
      assertThat(r.resultMessage()).contains("MAC/Signature");
      ok(tryRegister(wrapped)); // the untouched one registers
    }
    // a MAC/signed block without its MAC/Signature
    Item.Structure wrapped = (Item.Structure) object(Kmip.call(h, version, Operation.GET, key,
        spec(WrappingMethod.MAC_SIGN, null, info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac))));
    Item.Structure data = wrappingData(wrapped);
    Item.Structure noMac = new Item.Structure(Tag.KEY_WRAPPING_DATA,
        data.items().stream().filter(i -> i.tag() != Tag.MAC_SIGNATURE).toList());
    assertThat(tryRegister(new Item.Structure(Tag.SYMMETRIC_KEY, KeyBlocks.replace(block(wrapped), Tag.KEY_WRAPPING_DATA,
        noMac))).resultReason()).isEqualTo(ResultReason.MISSING_DATA);
    // a MAC/signed block naming a key this server does not hold cannot be checked: refused
    Item.Structure elsewhere = KeyBlocks.replace(data, Tag.MAC_SIGNATURE_KEY_INFORMATION,
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, "elsewhere"));
    assertThat(tryRegister(new Item.Structure(Tag.SYMMETRIC_KEY, KeyBlocks.replace(block(wrapped), Tag.KEY_WRAPPING_DATA,
        elsewhere))).resultReason()).isEqualTo(ResultReason.WRAPPING_OBJECT_NOT_FOUND);
  }

  /**
   * Attribute Names (TC-142-12): the attributes travel inside the wrapped TTLV Key Value, as 2.x
   * Attributes for a 2.x client and 1.x Attribute structures for a 1.x one; No Encoding cannot
   * carry them (Encoding Option Error).
   */
  @Test
  void attributesTravelInsideTheWrappedKeyValue() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_2, KmipVersion.V2_1)) {
      String kek = Kmip.uidOf(ok(h.call(v, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
          Kmip.attributes(v, alg(CryptographicAlgorithm.AES), len(128), mask(CryptographicUsageMask.WRAP_KEY)))));
      ok(Kmip.call(h, v, Operation.ACTIVATE, kek));
      String key = Kmip.createAes(h, v);
      Item s = spec(WrappingMethod.ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, kek, mode(BlockCipherMode.NISTKEYWRAP)),
          null, new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"));
      Item wrapped = ok(Kmip.call(h, v, Operation.GET, key, s)).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
      Cipher c = Cipher.getInstance("AES/KW/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KeyBlocks.symmetricKeyBytes(
          KeyBlocks.keyBlock(Kmip.stored(h, kek).object()).orElseThrow()).orElseThrow(), "AES"));
      Item.Structure value = (Item.Structure) new TtlvCodec().decode(c.doFinal(bytes(block(wrapped), Tag.KEY_VALUE)));
      Item usage = new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
          CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value());
      if (v == KmipVersion.V2_1) {
        assertThat(value.first(Tag.ATTRIBUTES)).contains(new Item.Structure(Tag.ATTRIBUTES, usage));
      } else {
        assertThat(value.first(Tag.ATTRIBUTE)).contains(new Item.Structure(Tag.ATTRIBUTE,
            new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"), new Item.Integer(Tag.ATTRIBUTE_VALUE, usage instanceof Item.Integer i ? i.value() : 0)));
      }
      assertThat(value.first(Tag.KEY_MATERIAL)).isPresent();
      Item noEncoding = spec(WrappingMethod.ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, kek), null,
          new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"), encoding(EncodingOption.NO_ENCODING));
      assertThat(Kmip.call(h, v, Operation.GET, key, noEncoding).resultReason()).isEqualTo(ResultReason.ENCODING_OPTION_ERROR);
      Item unknown = spec(WrappingMethod.ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, kek), null,
          new Item.TextString(Tag.ATTRIBUTE_NAME, "No Such Attribute"));
      assertThat(Kmip.call(h, v, Operation.GET, key, unknown).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    }
  }

  /**
   * A key stored wrapped: a specification asking the wrapping it has returns it as stored; another
   * one is Key Wrap Type Not Supported unless Not Wrapped is asked too, which unwraps and rewraps.
   */
  @Test
  void storedWrappedKeysAreRewrappedOnlyWhenAsked() throws Exception {
    String a = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String b = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String key = Kmip.createAes(h, version);
    Item plain = object(Kmip.call(h, version, Operation.GET, key));
    Item byA = spec(WrappingMethod.ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, a), null);
    Item byB = spec(WrappingMethod.ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, b), null);
    Item stored = object(Kmip.call(h, version, Operation.GET, key, byA));
    String again = register(stored);
    assertThat(object(Kmip.call(h, version, Operation.GET, again, byA))).isEqualTo(stored);
    ResponseBatchItem refused = Kmip.call(h, version, Operation.GET, again, byB);
    assertThat(refused.resultReason()).isEqualTo(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED);
    assertThat(refused.resultMessage()).contains("Not Wrapped");
    // 1.x has no Key Wrap Type Not Supported: Feature Not Supported
    String key14 = Kmip.createAes(h, KmipVersion.V1_4);
    String again14 = Kmip.uidOf(ok(h.call(KmipVersion.V1_4, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(KmipVersion.V1_4, mask(CryptographicUsageMask.ENCRYPT)),
        ok(Kmip.call(h, KmipVersion.V1_4, Operation.GET, key14, byA)).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow())));
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.GET, again14, byB).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    Item rewrapped = object(Kmip.call(h, version, Operation.GET, again, byB, notWrapped()));
    assertThat(((Item.Structure) wrappingData(rewrapped).first(Tag.ENCRYPTION_KEY_INFORMATION).orElseThrow())
        .first(Tag.UNIQUE_IDENTIFIER)).contains(Kmip.uid(b));
    String third = register(rewrapped);
    assertThat(object(Kmip.call(h, version, Operation.GET, third, notWrapped()))).isEqualTo(plain);
  }

  /** TC-WRAP-1-14: a No Encoding wrap registered as Key Material in a Key Value structure unwraps. */
  @Test
  void noEncodingWrapRegisteredAsKeyMaterialUnwraps() throws Exception {
    String kek = Kmip.uidOf(ok(h.call(version, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(version, new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, WRAP_BOTH)),
        Kmip.rawKey(Kmip.hex("000102030405060708090a0b0c0d0e0f"), CryptographicAlgorithm.AES, 128))));
    ok(Kmip.call(h, version, Operation.ACTIVATE, kek));
    List<Item> items = new ArrayList<>(
        block(Kmip.rawKey(Kmip.hex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"), CryptographicAlgorithm.AES, 128)).items());
    items.add(new Item.Structure(Tag.KEY_WRAPPING_DATA,
            new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT.value()),
            info(Tag.ENCRYPTION_KEY_INFORMATION, kek, mode(BlockCipherMode.NISTKEYWRAP)),
            encoding(EncodingOption.NO_ENCODING)));
    Item.Structure wrapped = new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK, items));
    String uid = register(wrapped);
    assertThat(object(Kmip.call(h, version, Operation.GET, uid))).isEqualTo(wrapped);
    assertThat(KeyBlocks.symmetricKeyBytes(block(object(Kmip.call(h, version, Operation.GET, uid, notWrapped())))))
        .contains(Kmip.hex("00112233445566778899aabbccddeeff"));
  }

  /** A Sensitive key leaves only encrypted: MAC/sign alone would show its Key Value. */
  @Test
  void sensitiveKeysAreNotReleasedMacSignedOnly() throws Exception {
    String hmac = symmetric(CryptographicAlgorithm.HMAC_SHA256, 256, CryptographicUsageMask.MAC_GENERATE.value());
    String aes = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String key = Kmip.createAes(h, version, new Item.Boolean(Tag.SENSITIVE, true));
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.MAC_SIGN, null,
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac))).resultReason()).isEqualTo(ResultReason.SENSITIVE);
    Item wrapped = object(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT_THEN_MAC_SIGN,
        info(Tag.ENCRYPTION_KEY_INFORMATION, aes), info(Tag.MAC_SIGNATURE_KEY_INFORMATION, hmac))));
    assertThat(block(wrapped).first(Tag.KEY_VALUE).orElseThrow()).isInstanceOf(Item.ByteString.class);
  }

  /**
   * The unwrapping parameters come from the Key Wrapping Data, else from the key's Cryptographic
   * Parameters attribute (1.4 §2.1.5): a block wrapped elsewhere with AES Key Wrap Padding that
   * names only the key unwraps with the key's own parameters. A TR-31 block is kept as registered.
   */
  @Test
  void unwrapTakesTheKeysParametersWhenTheBlockNamesNone() throws Exception {
    String kek = Kmip.uidOf(ok(h.call(version, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(version, alg(CryptographicAlgorithm.AES), len(256), new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, WRAP_BOTH),
            new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, mode(BlockCipherMode.AESKEYWRAPPADDING))))));
    ok(Kmip.call(h, version, Operation.ACTIVATE, kek));
    byte[] kekBytes = KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(Kmip.stored(h, kek).object()).orElseThrow()).orElseThrow();
    byte[] keyBytes = Kmip.hex("00112233445566778899aabbccddeeff");
    byte[] wrappedBytes = keyward.server.crypto.KeyWrap.wrap(keyward.server.crypto.KeyWrap.Mode.KWP, kekBytes, keyBytes);
    Item.Structure object = new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, keyward.kmip.spec.KeyFormatType.RAW.value()),
        new Item.ByteString(Tag.KEY_VALUE, wrappedBytes), alg(CryptographicAlgorithm.AES), len(128),
        new Item.Structure(Tag.KEY_WRAPPING_DATA, new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT.value()),
            info(Tag.ENCRYPTION_KEY_INFORMATION, kek), encoding(EncodingOption.NO_ENCODING))));
    String uid = register(object);
    assertThat(KeyBlocks.symmetricKeyBytes(block(object(Kmip.call(h, version, Operation.GET, uid, notWrapped())))))
        .contains(keyBytes);
    Item.Structure tr31 = new Item.Structure(Tag.SYMMETRIC_KEY, KeyBlocks.replace(block(object), Tag.KEY_WRAPPING_DATA,
        new Item.Structure(Tag.KEY_WRAPPING_DATA, new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.TR_31.value()),
            info(Tag.ENCRYPTION_KEY_INFORMATION, kek))));
    String kept = register(tr31);
    assertThat(object(Kmip.call(h, version, Operation.GET, kept))).isEqualTo(tr31);
    assertThat(Kmip.call(h, version, Operation.GET, kept, notWrapped()).resultReason())
        .isEqualTo(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED);
  }

  /** An RSA private key (PKCS#8) wraps and unwraps like a symmetric key. */
  @Test
  void privateKeysWrapToo() throws Exception {
    String aes = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    String[] rsa = pair(CryptographicUsageMask.SIGN.value(), CryptographicUsageMask.VERIFY.value(),
        alg(CryptographicAlgorithm.RSA), len(2048));
    Item plain = ok(Kmip.call(h, version, Operation.GET, rsa[0])).responsePayload().first(Tag.PRIVATE_KEY).orElseThrow();
    for (EncodingOption e : List.of(EncodingOption.NO_ENCODING, EncodingOption.TTLV_ENCODING)) {
      Item wrapped = ok(Kmip.call(h, version, Operation.GET, rsa[0], spec(WrappingMethod.ENCRYPT,
          info(Tag.ENCRYPTION_KEY_INFORMATION, aes, mode(BlockCipherMode.AESKEYWRAPPADDING)), null, encoding(e))))
          .responsePayload().first(Tag.PRIVATE_KEY).orElseThrow();
      assertThat(block(wrapped).first(Tag.KEY_VALUE).orElseThrow()).isInstanceOf(Item.ByteString.class);
      String again = Kmip.uidOf(ok(h.call(version, Operation.REGISTER, Kmip.objectType(ObjectType.PRIVATE_KEY),
          Kmip.attributes(version, mask(CryptographicUsageMask.SIGN)), wrapped)));
      assertThat(ok(Kmip.call(h, version, Operation.GET, again, notWrapped())).responsePayload().first(Tag.PRIVATE_KEY))
          .as(e.specName()).contains(plain);
    }
  }

  /** The wrapping keys' checks, each with its Result Reason. */
  @Test
  void wrappingKeyRefusals() throws Exception {
    String key = Kmip.createAes(h, version);
    // a MAC key whose mask allows neither Wrap Key nor MAC Generate
    String verifyOnly = symmetric(CryptographicAlgorithm.HMAC_SHA256, 256, CryptographicUsageMask.MAC_VERIFY.value());
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.MAC_SIGN, null,
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, verifyOnly))).resultReason())
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    // a public key cannot sign; a private key cannot encrypt-wrap
    String[] rsa = pair(CryptographicUsageMask.SIGN.value() | CryptographicUsageMask.WRAP_KEY.value(),
        CryptographicUsageMask.VERIFY.value() | CryptographicUsageMask.WRAP_KEY.value(),
        alg(CryptographicAlgorithm.RSA), len(2048));
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.MAC_SIGN, null,
        info(Tag.MAC_SIGNATURE_KEY_INFORMATION, rsa[1]))).resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, rsa[0]), null)).resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    // an AES key may not GCM-wrap with a Tag Length GCM does not have
    String aes = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT, info(Tag.ENCRYPTION_KEY_INFORMATION, aes,
        mode(BlockCipherMode.GCM), new Item.Integer(Tag.TAG_LENGTH, 8)), null)).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    // an HMAC key is no encryption key
    String hmac = symmetric(CryptographicAlgorithm.HMAC_SHA256, 256, CryptographicUsageMask.WRAP_KEY.value());
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, hmac), null)).resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    // a Deactivated key no longer wraps, and a destroyed one is said to be
    String gone = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    ok(Kmip.revoke(h, version, gone, keyward.kmip.spec.RevocationReasonCode.CESSATION_OF_OPERATION));
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, gone), null)).resultReason()).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    ok(Kmip.call(h, version, Operation.DESTROY, gone));
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, gone), null)).resultReason()).isEqualTo(ResultReason.WRAPPING_OBJECT_DESTROYED);
    // an archived wrapping key
    String archived = symmetric(CryptographicAlgorithm.AES, 256, WRAP_BOTH);
    ok(Kmip.call(h, version, Operation.ARCHIVE, archived));
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, archived), null)).resultReason()).isEqualTo(ResultReason.WRAPPING_OBJECT_ARCHIVED);
    // an AES key of a length AES does not have (registered as 160 bits) does not wrap
    String odd = Kmip.uidOf(ok(h.call(version, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(version, new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, WRAP_BOTH)),
        Kmip.rawKey(new byte[20], CryptographicAlgorithm.AES, 160))));
    ok(Kmip.call(h, version, Operation.ACTIVATE, odd));
    ResponseBatchItem oddLength = Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, odd), null));
    assertThat(oddLength.resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    assertThat(oddLength.resultMessage()).contains("128, 192 or 256 bits");
    // No Encoding of Key Material that is no Byte String (a Transparent Symmetric Key)
    assertThat(Kmip.call(h, version, Operation.GET, key, new Item.Enumeration(Tag.KEY_FORMAT_TYPE,
        keyward.kmip.spec.KeyFormatType.TRANSPARENT_SYMMETRIC_KEY.value()), spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, aes), null, encoding(EncodingOption.NO_ENCODING))).resultReason())
        .isEqualTo(ResultReason.ENCODING_OPTION_ERROR);
    // Encrypt then MAC/sign without its MAC key information
    assertThat(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT_THEN_MAC_SIGN,
        info(Tag.ENCRYPTION_KEY_INFORMATION, aes), null)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    // unwrapping needs Unwrap Key on the key that unwraps
    String wrapOnly = symmetric(CryptographicAlgorithm.AES, 256, CryptographicUsageMask.WRAP_KEY.value());
    String stored = register(object(Kmip.call(h, version, Operation.GET, key, spec(WrappingMethod.ENCRYPT,
        info(Tag.ENCRYPTION_KEY_INFORMATION, wrapOnly, mode(BlockCipherMode.GCM)), null))));
    assertThat(Kmip.call(h, version, Operation.GET, stored, notWrapped()).resultReason())
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
  }
}
