package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class CreateKeyPairHandlerTest {
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;
  private final ServerHarness h = new ServerHarness();

  /** A Create Key Pair payload in the version's shape (1.x: the three Template-Attributes). */
  static Item[] request(KmipVersion v, List<Item> common, List<Item> priv, List<Item> pub) {
    return new Item[] {
        shaped(v, Tag.COMMON_ATTRIBUTES, common), shaped(v, Tag.PRIVATE_KEY_ATTRIBUTES, priv),
        shaped(v, Tag.PUBLIC_KEY_ATTRIBUTES, pub)};
  }

  private static Item shaped(KmipVersion v, int tag, List<Item> attrs) {
    Item.Structure s = new Item.Structure(tag, attrs);
    return v.atLeast(KmipVersion.V2_0) ? s : keyward.kmip.compat.AttributeShapes.toTemplateAttribute(s);
  }

  static String[] createPair(ServerHarness h, KmipVersion v, Item... common) throws Exception {
    ResponseBatchItem r = ok(h.call(v, Operation.CREATE_KEY_PAIR, request(v, List.of(common),
        List.of(mask(CryptographicUsageMask.SIGN)), List.of(mask(CryptographicUsageMask.VERIFY)))));
    return new String[] {text(r, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER), text(r, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)};
  }

  private static String text(ResponseBatchItem r, int tag) {
    return ((Item.TextString) r.responsePayload().first(tag).orElseThrow()).value();
  }

  /** AKLC-M-1-21 (and -14 through the 1.x shape): two objects, PKCS#1, linked, each its own usage mask. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void rsaPairAsTheAklcCasesShow(KmipVersion v) throws Exception {
    String[] ids = createPair(h, v, alg(CryptographicAlgorithm.RSA), len(2048));
    ManagedObject priv = Kmip.stored(h, ids[0]);
    ManagedObject pub = Kmip.stored(h, ids[1]);
    assertThat(priv.objectType()).isEqualTo(ObjectType.PRIVATE_KEY);
    assertThat(pub.objectType()).isEqualTo(ObjectType.PUBLIC_KEY);
    for (ManagedObject mo : List.of(priv, pub)) {
      assertThat(mo.state(h.clock.instant())).isEqualTo(State.PRE_ACTIVE);
      assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(alg(CryptographicAlgorithm.RSA));
      assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(2048));
      assertThat(KeyBlocks.format(KeyBlocks.keyBlock(mo.object()).orElseThrow())).contains(KeyFormatType.PKCS_1);
      assertThat(mo.attributes().has(Tag.DIGEST)).isTrue();
    }
    assertThat(priv.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK)).contains(mask(CryptographicUsageMask.SIGN));
    assertThat(pub.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK)).contains(mask(CryptographicUsageMask.VERIFY));
    assertThat(priv.attributes().all(Tag.LINK)).containsExactly(KeyPairs.link(LinkType.PUBLIC_KEY_LINK, ids[1]));
    assertThat(pub.attributes().all(Tag.LINK)).containsExactly(KeyPairs.link(LinkType.PRIVATE_KEY_LINK, ids[0]));
    // the halves belong together: the public key is the private key's
    RSAPrivateCrtKey p = (RSAPrivateCrtKey) AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(priv.object()).orElseThrow());
    RSAPublicKey q = (RSAPublicKey) AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(pub.object()).orElseThrow());
    assertThat(q.getModulus()).isEqualTo(p.getModulus());
    assertThat(q.getModulus().bitLength()).isEqualTo(2048);
  }

  /** The AKLC-M-1-21 request exactly as the case sends it, names and all. */
  @Test
  void aklcRequestAsSent() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "AKLC-M-1-21.xml", Operation.CREATE_KEY_PAIR);
    ResponseBatchItem r = ok(h.call(KmipVersion.V2_1, Operation.CREATE_KEY_PAIR, OasisRequests.items(payload)));
    ManagedObject priv = Kmip.stored(h, text(r, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER));
    assertThat(keyward.server.object.Names.value(priv.attributes().first(Tag.NAME).orElseThrow()))
        .isEqualTo("AKLC-M-1-21-private");
    ManagedObject pub = Kmip.stored(h, text(r, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER));
    assertThat(keyward.server.object.Names.value(pub.attributes().first(Tag.NAME).orElseThrow()))
        .isEqualTo("AKLC-M-1-21-public");
  }

  /** The ID Placeholder is the private key's identifier (1.4 §4.2): Activate in the same batch. */
  @Test
  void idPlaceholderIsThePrivateKey() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    List<ResponseBatchItem> rs = h.batch(v,
        RequestBatchItem.of(Operation.CREATE_KEY_PAIR, new Item.Structure(Tag.REQUEST_PAYLOAD,
            request(v, List.of(alg(CryptographicAlgorithm.EC), curve(RecommendedCurve.P_256)),
                List.of(mask(CryptographicUsageMask.SIGN)), List.of(mask(CryptographicUsageMask.VERIFY))))),
        RequestBatchItem.of(Operation.ACTIVATE, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    String priv = text(ok(rs.get(0)), Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    assertThat(Kmip.uidOf(ok(rs.get(1)))).isEqualTo(priv);
    assertThat(Kmip.state(h, priv)).isEqualTo(State.ACTIVE);
    assertThat(Kmip.state(h, text(rs.get(0), Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER))).isEqualTo(State.PRE_ACTIVE);
  }

  /** Each half has its own lifecycle: destroying the private key leaves the public key usable. */
  @Test
  void halvesHaveTheirOwnLifecycle() throws Exception {
    String[] ids = createPair(h, KmipVersion.V2_1, alg(CryptographicAlgorithm.ED25519));
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, ids[0]));
    assertThat(Kmip.state(h, ids[0])).isEqualTo(State.DESTROYED);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, ids[1]));
  }

  @Test
  void curvesAndEdwardsKeys() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    check(createPair(h, v, alg(CryptographicAlgorithm.EC), curve(RecommendedCurve.P_384)), 384, KeyFormatType.X_509);
    check(createPair(h, v, alg(CryptographicAlgorithm.ECDSA), len(521)), 521, KeyFormatType.X_509);
    check(createPair(h, v, alg(CryptographicAlgorithm.ED25519)), 256, KeyFormatType.X_509);
    check(createPair(h, v, alg(CryptographicAlgorithm.ED448)), 448, KeyFormatType.X_509);
    check(createPair(h, v, alg(CryptographicAlgorithm.ECDH), curve(RecommendedCurve.CURVE25519)), 256,
        KeyFormatType.X_509);
    check(createPair(h, v, alg(CryptographicAlgorithm.EC), curve(RecommendedCurve.CURVE448)), 448,
        KeyFormatType.X_509);
  }

  /** DSA (FIPS 186-4 sizes) and Diffie-Hellman pairs, kept as X.509 / PKCS#8 like the others. */
  @Test
  void dsaAndDiffieHellmanPairs() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_2, KmipVersion.V2_1)) {
      check(createPair(h, v, alg(CryptographicAlgorithm.DSA), len(2048)), 2048, KeyFormatType.X_509);
      check(createPair(h, v, alg(CryptographicAlgorithm.DSA), len(3072)), 3072, KeyFormatType.X_509);
      check(createPair(h, v, alg(CryptographicAlgorithm.DH), len(2048)), 2048, KeyFormatType.X_509);
    }
  }

  private void check(String[] ids, int bits, KeyFormatType publicFormat) throws Exception {
    ManagedObject pub = Kmip.stored(h, ids[1]);
    assertThat(pub.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(bits));
    Item.Structure block = KeyBlocks.keyBlock(pub.object()).orElseThrow();
    assertThat(KeyBlocks.format(block)).contains(publicFormat);
    byte[] spki = ((Item.ByteString) KeyBlocks.keyMaterial(block).orElseThrow()).value();
    String jca = AsymmetricKeyBlocks.publicKey(block).getAlgorithm();
    assertThat(KeyFactory.getInstance(jca).generatePublic(new X509EncodedKeySpec(spki))).isNotNull();
    assertThat(KeyBlocks.format(KeyBlocks.keyBlock(Kmip.stored(h, ids[0]).object()).orElseThrow()))
        .contains(KeyFormatType.PKCS_8);
  }

  @Test
  void refusals() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.RSA), len(1024)));
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.RSA)));
    refused(v, ResultReason.INVALID_FIELD, List.of(len(2048)));
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.AES), len(256)));
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.EC), len(255)));
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.ED25519), len(448)));
    refused(v, ResultReason.FEATURE_NOT_SUPPORTED, List.of(alg(CryptographicAlgorithm.ECMQV), len(256)));
    // DSA and DH only at the sizes with standard domain parameters, and with a length
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.DSA), len(1024)));
    refused(v, ResultReason.INVALID_FIELD, List.of(alg(CryptographicAlgorithm.DH)));
    refused(v, ResultReason.FEATURE_NOT_SUPPORTED,
        List.of(alg(CryptographicAlgorithm.EC), curve(RecommendedCurve.BRAINPOOLP256R1)));
    // a Name in Common Attributes would name both halves alike
    refused(v, ResultReason.NON_UNIQUE_NAME_ATTRIBUTE, List.of(alg(CryptographicAlgorithm.ED25519), Kmip.name("both")));
    // no usage mask for the public half
    ResponseBatchItem r = h.call(v, Operation.CREATE_KEY_PAIR, request(v,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(mask(CryptographicUsageMask.SIGN)), List.of()));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.store.size()).isZero();
  }

  private void refused(KmipVersion v, ResultReason reason, List<Item> common) throws Exception {
    ResponseBatchItem r = h.call(v, Operation.CREATE_KEY_PAIR, request(v, common,
        List.of(mask(CryptographicUsageMask.SIGN)), List.of(mask(CryptographicUsageMask.VERIFY))));
    assertThat(r.resultStatus()).as("%s", common).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(r.resultReason()).as("%s", common).isEqualTo(reason);
  }

  static Item curve(RecommendedCurve c) {
    return new Item.Structure(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, new Item.Enumeration(Tag.RECOMMENDED_CURVE, c.value()));
  }
}
