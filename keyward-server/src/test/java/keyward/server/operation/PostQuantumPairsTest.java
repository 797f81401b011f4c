package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Post-quantum key pairs over KMIP 2.1 (the 3.0 draft's algorithm values, served early: see
 * overlay.tsv): Create Key Pair, the attributes a client reads back, signing; 1.4 cannot name them.
 */
class PostQuantumPairsTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private static final byte[] DATA = {1, 2, 3, 4};
  private final ServerHarness h = new ServerHarness();

  @ParameterizedTest
  @EnumSource(value = CryptographicAlgorithm.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "SLH_DSA_SHA2_128F"})
  void signingPairs(CryptographicAlgorithm a) throws Exception {
    String[] ids = CreateKeyPairHandlerTest.createPair(h, V, alg(a));
    ResponseBatchItem attrs = ok(Kmip.call(h, V, Operation.GET_ATTRIBUTES, ids[1],
        new Item.Enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.CRYPTOGRAPHIC_ALGORITHM)));
    assertThat(((Item.Structure) attrs.responsePayload().first(Tag.ATTRIBUTES).orElseThrow()).items())
        .containsExactly(alg(a));
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[0]));
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[1]));
    byte[] sig = ((Item.ByteString) ok(Kmip.call(h, V, Operation.SIGN, ids[0], new Item.ByteString(Tag.DATA, DATA)))
        .responsePayload().first(Tag.SIGNATURE_DATA).orElseThrow()).value();
    ResponseBatchItem v = ok(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, ids[1], new Item.ByteString(Tag.DATA, DATA),
        new Item.ByteString(Tag.SIGNATURE_DATA, sig)));
    assertThat(v.responsePayload().first(Tag.VALIDITY_INDICATOR))
        .contains(new Item.Enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.VALID.value()));
  }

  @Test
  void mlKemPairIsPkcs8AndX509AndDoesNotSign() throws Exception {
    String[] ids = CreateKeyPairHandlerTest.createPair(h, V, alg(CryptographicAlgorithm.ML_KEM_768));
    Item.Structure pub = KeyBlocks.keyBlock((Item.Structure) ok(Kmip.call(h, V, Operation.GET, ids[1]))
        .responsePayload().first(Tag.PUBLIC_KEY).orElseThrow()).orElseThrow();
    assertThat(KeyBlocks.format(pub)).contains(KeyFormatType.X_509);
    assertThat(((Item.ByteString) KeyBlocks.keyMaterial(pub).orElseThrow()).value()).hasSize(1206);
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[0]));
    assertThat(Kmip.call(h, V, Operation.SIGN, ids[0], new Item.ByteString(Tag.DATA, DATA)).resultStatus())
        .isEqualTo(keyward.kmip.spec.ResultStatus.OPERATION_FAILED);
  }

  /** KMIP 1.4 has no value for ML-DSA: the attribute is refused as a value the version lacks. */
  @Test
  void olderVersionsCannotNameThem() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    ResponseBatchItem r = h.call(v, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(v,
        List.of(alg(CryptographicAlgorithm.ML_DSA_65)), List.of(Kmip.mask(CryptographicUsageMask.SIGN)),
        List.of(Kmip.mask(CryptographicUsageMask.VERIFY))));
    assertThat(r.resultStatus()).isEqualTo(keyward.kmip.spec.ResultStatus.OPERATION_FAILED);
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD); // 2.x: Invalid Attribute Value
  }
}
