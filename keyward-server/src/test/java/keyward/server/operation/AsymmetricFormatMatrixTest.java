package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every algorithm x Key Format Type pair the server makes keys for: Get either converts (and the
 * converted key registers back as the same key, whose Get in the stored format gives the
 * original bytes) or refuses with Key Format Type Not Supported (2.1 §11: "The server does not
 * support the requested Key Format Type").
 */
class AsymmetricFormatMatrixTest {
  private static final Set<KeyFormatType> RSA_PRIVATE = EnumSet.of(KeyFormatType.PKCS_1, KeyFormatType.PKCS_8,
      KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY);
  private static final Set<KeyFormatType> RSA_PUBLIC = EnumSet.of(KeyFormatType.PKCS_1, KeyFormatType.X_509,
      KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY);
  private static final Set<KeyFormatType> EC_PRIVATE = EnumSet.of(KeyFormatType.PKCS_8, KeyFormatType.ECPRIVATEKEY,
      KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY, KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY,
      KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY);
  private static final Set<KeyFormatType> EC_PUBLIC = EnumSet.of(KeyFormatType.X_509,
      KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY, KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY,
      KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY);
  private static final Set<KeyFormatType> PKCS8 = EnumSet.of(KeyFormatType.PKCS_8);
  private static final Set<KeyFormatType> DSA_PRIVATE = EnumSet.of(KeyFormatType.PKCS_8,
      KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY);
  private static final Set<KeyFormatType> DSA_PUBLIC = EnumSet.of(KeyFormatType.X_509,
      KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY);
  private static final Set<KeyFormatType> DH_PRIVATE = EnumSet.of(KeyFormatType.PKCS_8,
      KeyFormatType.TRANSPARENT_DH_PRIVATE_KEY);
  private static final Set<KeyFormatType> DH_PUBLIC = EnumSet.of(KeyFormatType.X_509,
      KeyFormatType.TRANSPARENT_DH_PUBLIC_KEY);
  private static final Set<KeyFormatType> X509 = EnumSet.of(KeyFormatType.X_509);

  record Case(String name, List<Item> common, Set<KeyFormatType> privateFormats, Set<KeyFormatType> publicFormats) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> cases = List.of(
        new Case("RSA-2048", List.of(alg(CryptographicAlgorithm.RSA), len(2048)), RSA_PRIVATE, RSA_PUBLIC),
        new Case("EC P-256", List.of(alg(CryptographicAlgorithm.EC),
            CreateKeyPairHandlerTest.curve(RecommendedCurve.P_256)), EC_PRIVATE, EC_PUBLIC),
        new Case("ECDSA P-521", List.of(alg(CryptographicAlgorithm.ECDSA), len(521)), EC_PRIVATE, EC_PUBLIC),
        new Case("Ed25519", List.of(alg(CryptographicAlgorithm.ED25519)), PKCS8, X509),
        new Case("Ed448", List.of(alg(CryptographicAlgorithm.ED448)), PKCS8, X509),
        new Case("X25519", List.of(alg(CryptographicAlgorithm.ECDH),
            CreateKeyPairHandlerTest.curve(RecommendedCurve.CURVE25519)), PKCS8, X509),
        new Case("DSA-2048", List.of(alg(CryptographicAlgorithm.DSA), len(2048)), DSA_PRIVATE, DSA_PUBLIC),
        new Case("DH-2048", List.of(alg(CryptographicAlgorithm.DH), len(2048)), DH_PRIVATE, DH_PUBLIC));
    List<Arguments> out = new ArrayList<>();
    for (Case c : cases) {
      for (KeyFormatType f : KeyFormatType.values()) {
        if (f.definedIn(KmipVersion.V2_1)) {
          out.add(Arguments.of(c, f));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void convertsOrRefuses(Case c, KeyFormatType format) throws Exception {
    ServerHarness h = new ServerHarness();
    String[] ids = CreateKeyPairHandlerTest.createPair(h, KmipVersion.V2_1, c.common().toArray(Item[]::new));
    check(h, ids[0], ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY, format, c.privateFormats().contains(format));
    check(h, ids[1], ObjectType.PUBLIC_KEY, Tag.PUBLIC_KEY, format, c.publicFormats().contains(format));
  }

  private static void check(ServerHarness h, String uid, ObjectType type, int tag, KeyFormatType format,
      boolean defined) throws Exception {
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V2_1, Operation.GET, uid,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, format.value()));
    if (!defined) {
      assertThat(r.resultStatus()).as("%s as %s", type, format).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(r.resultReason()).as("%s as %s", type, format).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
      return;
    }
    Item.Structure object = (Item.Structure) ok(r).responsePayload().first(tag).orElseThrow();
    Item.Structure block = KeyBlocks.keyBlock(object).orElseThrow();
    assertThat(KeyBlocks.format(block)).contains(format);
    // the converted key registers back, and is the same key as the stored one
    String again = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER,
        new Item.Enumeration(Tag.OBJECT_TYPE, type.value()), object)));
    Item.Structure original = KeyBlocks.keyBlock(Kmip.stored(h, uid).object()).orElseThrow();
    KeyFormatType stored = KeyBlocks.format(original).orElseThrow();
    ResponseBatchItem back = ok(Kmip.call(h, KmipVersion.V2_1, Operation.GET, again,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, stored.value())));
    Item.Structure backBlock = KeyBlocks.keyBlock((Item.Structure) back.responsePayload().first(tag).orElseThrow())
        .orElseThrow();
    assertThat(KeyBlocks.keyMaterial(backBlock)).isEqualTo(KeyBlocks.keyMaterial(original));
    assertThat(type == ObjectType.PRIVATE_KEY ? AsymmetricKeyBlocks.privateKey(backBlock)
        : AsymmetricKeyBlocks.publicKey(backBlock)).isNotNull();
  }
}
