package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.WrappingMethod;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.Test;

/** Get with a Key Wrapping Specification (AX-M-2-21 and -14). */
class KeyWrappingTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  /** An Active AES-256 key with this usage mask (default: Wrap Key). */
  private String kek(Item... maskItem) throws Exception {
    String uid = aes(maskItem.length == 0 ? mask(CryptographicUsageMask.WRAP_KEY) : maskItem[0]);
    ok(Kmip.call(h, V, Operation.ACTIVATE, uid));
    return uid;
  }

  private String aes(Item... attrs) throws Exception {
    List<Item> a = new java.util.ArrayList<>(List.of(alg(CryptographicAlgorithm.AES), len(256)));
    a.addAll(List.of(attrs));
    return Kmip.uidOf(ok(h.call(V, Operation.CREATE, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, a.toArray(Item[]::new)))));
  }

  static Item spec(String kek, Item... more) {
    List<Item> info = new java.util.ArrayList<>(List.of(Kmip.uid(kek)));
    for (Item m : more) {
      if (m.tag() == Tag.CRYPTOGRAPHIC_PARAMETERS) {
        info.add(m);
      }
    }
    List<Item> s = new java.util.ArrayList<>(List.of(
        new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT.value()),
        new Item.Structure(Tag.ENCRYPTION_KEY_INFORMATION, info)));
    for (Item m : more) {
      if (m.tag() != Tag.CRYPTOGRAPHIC_PARAMETERS) {
        s.add(m);
      }
    }
    return new Item.Structure(Tag.KEY_WRAPPING_SPECIFICATION, s);
  }

  static Item mode(BlockCipherMode m) {
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, m.value()));
  }

  private static Item.Structure block(ResponseBatchItem r) {
    return KeyBlocks.keyBlock((Item.Structure) r.responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow()).orElseThrow();
  }

  private byte[] keyBytes(String uid) throws Exception {
    return KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(Kmip.stored(h, uid).object()).orElseThrow()).orElseThrow();
  }

  /** AX-M-2: NIST Key Wrap of the TTLV-encoded Key Value, with Key Wrapping Data naming the key and parameters. */
  @Test
  void nistKeyWrapOfTheKeyValue() throws Exception {
    String kek = kek();
    String key = Kmip.createAes(h, V);
    Item.Structure plain = block(ok(Kmip.call(h, V, Operation.GET, key)));
    Item.Structure wrapped = block(ok(Kmip.call(h, V, Operation.GET, key, spec(kek, mode(BlockCipherMode.NISTKEYWRAP)))));
    assertThat(wrapped.first(Tag.KEY_WRAPPING_DATA)).contains(new Item.Structure(Tag.KEY_WRAPPING_DATA,
        new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT.value()),
        new Item.Structure(Tag.ENCRYPTION_KEY_INFORMATION, Kmip.uid(kek), mode(BlockCipherMode.NISTKEYWRAP))));
    assertThat(wrapped.first(Tag.CRYPTOGRAPHIC_ALGORITHM)).isEqualTo(plain.first(Tag.CRYPTOGRAPHIC_ALGORITHM));
    byte[] value = ((Item.ByteString) wrapped.first(Tag.KEY_VALUE).orElseThrow()).value();
    Cipher c = Cipher.getInstance("AES/KW/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyBytes(kek), "AES"));
    assertThat(new TtlvCodec().decode(c.doFinal(value))).isEqualTo(plain.first(Tag.KEY_VALUE).orElseThrow());
  }

  /** AES Key Wrap Padding with No Encoding: the key bytes themselves (RFC 5649). */
  @Test
  void keyWrapPaddingWithNoEncoding() throws Exception {
    String kek = kek();
    String key = Kmip.createAes(h, V);
    Item.Structure wrapped = block(ok(Kmip.call(h, V, Operation.GET, key, spec(kek,
        mode(BlockCipherMode.AESKEYWRAPPADDING), new Item.Enumeration(Tag.ENCODING_OPTION, EncodingOption.NO_ENCODING.value())))));
    Cipher c = Cipher.getInstance("AES/KWP/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyBytes(kek), "AES"));
    assertThat(c.doFinal(((Item.ByteString) wrapped.first(Tag.KEY_VALUE).orElseThrow()).value())).isEqualTo(keyBytes(key));
  }

  /** An RSA public key with Wrap Key wraps with OAEP; its private key unwraps. */
  @Test
  void rsaOaepWrapping() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(mask(CryptographicUsageMask.UNWRAP_KEY)),
        List.of(mask(CryptographicUsageMask.WRAP_KEY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, pub));
    String key = Kmip.createAes(h, V);
    Item.Structure wrapped = block(ok(Kmip.call(h, V, Operation.GET, key, spec(pub))));
    PrivateKey pk = AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(Kmip.stored(h, priv).object()).orElseThrow());
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(Cipher.DECRYPT_MODE, pk, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
        PSource.PSpecified.DEFAULT));
    Item value = new TtlvCodec().decode(c.doFinal(((Item.ByteString) wrapped.first(Tag.KEY_VALUE).orElseThrow()).value()));
    assertThat(KeyBlocks.symmetricKeyBytes(KeyBlocks.replace(wrapped, Tag.KEY_VALUE, value)
        .items().stream().filter(i -> i.tag() != Tag.KEY_WRAPPING_DATA).collect(
            java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                l -> new Item.Structure(Tag.KEY_BLOCK, l))))).contains(keyBytes(key));
  }

  /** A wrapped key registers, stays wrapped at rest and comes back as registered; it converts to nothing. */
  @Test
  void wrappedKeysRegisterAsTheyAre() throws Exception {
    String kek = kek();
    String key = Kmip.createAes(h, V);
    Item object = ok(Kmip.call(h, V, Operation.GET, key, spec(kek))).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
    String again = Kmip.uidOf(ok(h.call(V, Operation.REGISTER, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, mask(CryptographicUsageMask.ENCRYPT)), object)));
    assertThat(Kmip.stored(h, again).object()).isEqualTo(object);
    assertThat(ok(Kmip.call(h, V, Operation.GET, again)).responsePayload().first(Tag.SYMMETRIC_KEY)).contains(object);
    assertThat(Kmip.call(h, V, Operation.GET, again, new Item.Enumeration(Tag.KEY_FORMAT_TYPE,
        keyward.kmip.spec.KeyFormatType.TRANSPARENT_SYMMETRIC_KEY.value())).resultReason())
        .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
    // Key Wrapping Data without a Wrapping Method is refused
    Item.Structure block = KeyBlocks.keyBlock((Item.Structure) object).orElseThrow();
    Item.Structure bad = new Item.Structure(Tag.SYMMETRIC_KEY, KeyBlocks.replace(block, Tag.KEY_WRAPPING_DATA,
        new Item.Structure(Tag.KEY_WRAPPING_DATA)));
    assertThat(h.call(V, Operation.REGISTER, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, mask(CryptographicUsageMask.ENCRYPT)), bad).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** Key Wrap Type Not Wrapped: a key registered wrapped is unwrapped by a key that allows Unwrap Key. */
  @Test
  void notWrappedUnwrapsWhatWasRegisteredWrapped() throws Exception {
    String kek = kek(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        CryptographicUsageMask.WRAP_KEY.value() | CryptographicUsageMask.UNWRAP_KEY.value()));
    String wrapOnly = kek();
    for (String k : List.of(kek, wrapOnly)) {
      String key = Kmip.createAes(h, V);
      Item plain = ok(Kmip.call(h, V, Operation.GET, key)).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
      Item object = ok(Kmip.call(h, V, Operation.GET, key, spec(k, mode(BlockCipherMode.AESKEYWRAPPADDING))))
          .responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
      String again = Kmip.uidOf(ok(h.call(V, Operation.REGISTER, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
          Kmip.attributes(V, mask(CryptographicUsageMask.ENCRYPT)), object)));
      ResponseBatchItem r = Kmip.call(h, V, Operation.GET, again,
          new Item.Enumeration(Tag.KEY_WRAP_TYPE, keyward.kmip.spec.KeyWrapType.NOT_WRAPPED.value()));
      if (k.equals(kek)) {
        assertThat(ok(r).responsePayload().first(Tag.SYMMETRIC_KEY)).contains(plain);
      } else {
        assertThat(r.resultReason()).isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
      }
    }
  }

  /** RSA: wrapped for the public key, unwrapped by its private key (found by the Private Key Link). */
  @Test
  void rsaWrappedUnwrapsWithThePrivateKey() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(mask(CryptographicUsageMask.UNWRAP_KEY)),
        List.of(mask(CryptographicUsageMask.WRAP_KEY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, pub));
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    String key = Kmip.createAes(h, V);
    Item plain = ok(Kmip.call(h, V, Operation.GET, key)).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
    Item object = ok(Kmip.call(h, V, Operation.GET, key, spec(pub))).responsePayload().first(Tag.SYMMETRIC_KEY).orElseThrow();
    String again = Kmip.uidOf(ok(h.call(V, Operation.REGISTER, Kmip.objectType(keyward.kmip.spec.ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, mask(CryptographicUsageMask.ENCRYPT)), object)));
    assertThat(ok(Kmip.call(h, V, Operation.GET, again, new Item.Enumeration(Tag.KEY_WRAP_TYPE,
        keyward.kmip.spec.KeyWrapType.NOT_WRAPPED.value()))).responsePayload().first(Tag.SYMMETRIC_KEY)).contains(plain);
  }

  /** A Sensitive key is refused plain (BL-M-12-21) and served wrapped. */
  @Test
  void sensitiveKeysLeaveOnlyWrapped() throws Exception {
    String kek = kek();
    String key = Kmip.createAes(h, V, new Item.Boolean(Tag.SENSITIVE, true));
    assertThat(Kmip.call(h, V, Operation.GET, key).resultReason()).isEqualTo(ResultReason.SENSITIVE);
    ok(Kmip.call(h, V, Operation.GET, key, spec(kek)));
  }

  @Test
  void refusals() throws Exception {
    String key = Kmip.createAes(h, V);
    // the wrapping key's mask lacks Wrap Key
    String noWrap = kek(mask(CryptographicUsageMask.ENCRYPT));
    assertThat(Kmip.call(h, V, Operation.GET, key, spec(noWrap)).resultReason())
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    // no such wrapping key: 2.x has its own reason, 1.x says Item Not Found
    assertThat(Kmip.call(h, V, Operation.GET, key, spec("nope")).resultReason())
        .isEqualTo(ResultReason.WRAPPING_OBJECT_NOT_FOUND);
    String key14 = Kmip.createAes(h, KmipVersion.V1_4);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.GET, key14, spec("nope")).resultReason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
    // a Pre-Active wrapping key
    String preActive = aes(mask(CryptographicUsageMask.WRAP_KEY));
    assertThat(Kmip.call(h, V, Operation.GET, key, spec(preActive)).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    // MAC/sign names a MAC/signature key, not an encryption key
    String kek = kek();
    Item macSign = new Item.Structure(Tag.KEY_WRAPPING_SPECIFICATION,
        new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.MAC_SIGN.value()),
        new Item.Structure(Tag.ENCRYPTION_KEY_INFORMATION, Kmip.uid(kek)));
    assertThat(Kmip.call(h, V, Operation.GET, key, macSign).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    // TR-31 is not offered
    Item tr31 = new Item.Structure(Tag.KEY_WRAPPING_SPECIFICATION,
        new Item.Enumeration(Tag.WRAPPING_METHOD, WrappingMethod.TR_31.value()),
        new Item.Structure(Tag.ENCRYPTION_KEY_INFORMATION, Kmip.uid(kek)));
    assertThat(Kmip.call(h, V, Operation.GET, key, tr31).resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    // a block cipher mode that is no key wrap
    assertThat(Kmip.call(h, V, Operation.GET, key, spec(kek, mode(BlockCipherMode.CBC))).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
  }
}
