package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SplitKeyMethod;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Create Split Key and Join Split Key (1.2+), after the KMIP test cases TC-SJ-1..4-12. */
class SplitKeyTest {
  private final ServerHarness h = new ServerHarness();
  private static final byte[] KEY = Kmip.hex("0102030405060708090a0b0c0d0e0f10");

  static List<KmipVersion> versions() {
    return List.of(KmipVersion.V1_2, KmipVersion.V1_4, KmipVersion.V2_1);
  }

  private Item.Structure attrs(KmipVersion v, Item... a) {
    return Kmip.attributes(v, a);
  }

  private String registerPart(KmipVersion v, int parts, int id, int threshold, String hex) throws Exception {
    Item.Structure object = new Item.Structure(Tag.SPLIT_KEY, new Item.Integer(Tag.SPLIT_KEY_PARTS, parts),
        new Item.Integer(Tag.KEY_PART_IDENTIFIER, id), new Item.Integer(Tag.SPLIT_KEY_THRESHOLD, threshold),
        new Item.Enumeration(Tag.SPLIT_KEY_METHOD, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8.value()),
        CreateHandler.keyBlock(keyward.kmip.spec.KeyFormatType.RAW, Kmip.hex(hex)));
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SPLIT_KEY), attrs(v), object)));
  }

  private List<String> split(KmipVersion v, String base, int parts, int threshold, SplitKeyMethod m, Item... extra)
      throws Exception {
    ResponseBatchItem r = splitCall(v, base, parts, threshold, m, extra);
    return ok(r).responsePayload().all(Tag.UNIQUE_IDENTIFIER).stream().map(i -> ((Item.TextString) i).value()).toList();
  }

  private ResponseBatchItem splitCall(KmipVersion v, String base, int parts, int threshold, SplitKeyMethod m,
      Item... extra) throws Exception {
    List<Item> p = new ArrayList<>();
    p.add(Kmip.objectType(ObjectType.SPLIT_KEY));
    if (base != null) {
      p.add(Kmip.uid(base));
    }
    p.add(new Item.Integer(Tag.SPLIT_KEY_PARTS, parts));
    p.add(new Item.Integer(Tag.SPLIT_KEY_THRESHOLD, threshold));
    p.add(new Item.Enumeration(Tag.SPLIT_KEY_METHOD, m.value()));
    List<Item> attributes = new ArrayList<>();
    for (Item e : extra) {
      if (e.tag() == Tag.PRIME_FIELD_SIZE) {
        p.add(e);
      } else {
        attributes.add(e);
      }
    }
    p.add(attrs(v, attributes.toArray(Item[]::new)));
    return h.call(v, Operation.CREATE_SPLIT_KEY, p.toArray(Item[]::new));
  }

  private ResponseBatchItem join(KmipVersion v, String... parts) throws Exception {
    List<Item> p = new ArrayList<>();
    p.add(Kmip.objectType(ObjectType.SYMMETRIC_KEY));
    for (String id : parts) {
      p.add(Kmip.uid(id));
    }
    p.add(attrs(v, Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128),
        Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)));
    return h.call(v, Operation.JOIN_SPLIT_KEY, p.toArray(Item[]::new));
  }

  private byte[] keyOf(String uid) throws Exception {
    return KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(Kmip.stored(h, uid).object()).orElseThrow()).orElseThrow();
  }

  /** TC-SJ-3-12: four known GF(2^8) parts, threshold 2; any two join to the known key. */
  @ParameterizedTest
  @MethodSource("versions")
  void knownPartsJoinToTheKnownKey(KmipVersion v) throws Exception {
    String p1 = registerPart(v, 4, 1, 2, "66C46A7754F94DE420C7B1A7FFF5EC56");
    String p2 = registerPart(v, 4, 2, 2, "CF93D1E2A7E593CD5B8D6247F4E5D49C");
    String p3 = registerPart(v, 4, 3, 2, "A855B891F61AD9217240D8EC061E37DA");
    String p4 = registerPart(v, 4, 4, 2, "803DBAD55CDD329FAD19D99AE2C5A415");
    for (String[] pair : List.of(new String[] {p1, p3}, new String[] {p2, p4}, new String[] {p4, p1})) {
      assertThat(keyOf(Kmip.uidOf(ok(join(v, pair))))).isEqualTo(KEY);
    }
  }

  @ParameterizedTest
  @MethodSource("versions")
  void aKeySplitByEachMethodJoinsBackFromAnyThresholdOfParts(KmipVersion v) throws Exception {
    String base = Kmip.registerAes(h, v);
    byte[] key = keyOf(base);
    List<String> gf = split(v, base, 5, 3, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8);
    assertThat(gf).hasSize(5);
    assertThat(keyOf(Kmip.uidOf(ok(join(v, gf.get(4), gf.get(0), gf.get(2)))))).isEqualTo(key);
    assertThat(keyOf(Kmip.uidOf(ok(join(v, gf.get(1), gf.get(2), gf.get(3), gf.get(4)))))).isEqualTo(key);
    // TC-SJ-1-12: fewer than the threshold
    assertThat(join(v, gf.get(1), gf.get(3)).resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    List<String> xor = split(v, base, 3, 3, SplitKeyMethod.XOR);
    assertThat(keyOf(Kmip.uidOf(ok(join(v, xor.get(2), xor.get(0), xor.get(1)))))).isEqualTo(key);
    // a prime above 2^128: 2^255 - 19
    Item prime = new Item.BigInteger(Tag.PRIME_FIELD_SIZE, BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19)));
    List<String> pf = split(v, base, 4, 2, SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD, prime);
    assertThat(keyOf(Kmip.uidOf(ok(join(v, pf.get(3), pf.get(1)))))).isEqualTo(key);
    // the parts differ from the key and from one another
    assertThat(keyOf(gf.get(0))).isNotEqualTo(key).isNotEqualTo(keyOf(gf.get(1)));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void aNewKeyIsSplitWithoutBeingKept(KmipVersion v) throws Exception {
    List<String> parts = split(v, null, 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8,
        Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128));
    byte[] a = keyOf(Kmip.uidOf(ok(join(v, parts.get(0), parts.get(1)))));
    byte[] b = keyOf(Kmip.uidOf(ok(join(v, parts.get(1), parts.get(2)))));
    assertThat(a).hasSize(16).isEqualTo(b);
  }

  @ParameterizedTest
  @MethodSource("versions")
  void refusals(KmipVersion v) throws Exception {
    String base = Kmip.registerAes(h, v);
    // XOR needs every part; threshold above parts; unknown prime
    assertThat(splitCall(v, base, 3, 2, SplitKeyMethod.XOR).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(splitCall(v, base, 2, 3, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(splitCall(v, base, 300, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(splitCall(v, base, 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD,
        new Item.BigInteger(Tag.PRIME_FIELD_SIZE, BigInteger.valueOf(1L << 40))).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    // one Name for every part cannot be unique
    assertThat(splitCall(v, base, 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8, Kmip.name("n")).resultReason())
        .isEqualTo(v.atLeast(KmipVersion.V2_0) ? ResultReason.NON_UNIQUE_NAME_ATTRIBUTE : ResultReason.INVALID_FIELD);
    // parts of two splits, a part twice, a key that is no part
    List<String> one = split(v, base, 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8);
    List<String> two = split(v, Kmip.registerAes(h, v), 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8);
    assertThat(join(v, one.get(0), two.get(1)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(join(v, one.get(0), one.get(0)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    // Invalid Object Type is a 2.x reason; 1.x clients get Invalid Field (ReasonsByVersion)
    ResultReason wrongType = v.atLeast(KmipVersion.V2_0) ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.INVALID_FIELD;
    assertThat(join(v, one.get(0), base).resultReason()).isEqualTo(wrongType);
    // splitting a part
    assertThat(splitCall(v, one.get(0), 3, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8).resultReason())
        .isEqualTo(wrongType);
  }
}
