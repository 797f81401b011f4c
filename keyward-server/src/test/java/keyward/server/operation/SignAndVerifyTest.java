package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignAndVerifyTest {
  private static final byte[] DATA = Kmip.hex("01020304050607080910111213141516");
  private final ServerHarness h = new ServerHarness();

  private String replay(String version, String file, Operation op, int n) throws Exception {
    RequestBatchItem item = OasisRequests.item(version, file, op, n);
    KmipVersion v = KmipVersion.parse(version);
    return Kmip.uidOf(ok(h.call(v, op, OasisRequests.items(item.requestPayload()))));
  }

  private static Item validity(ResponseBatchItem r) {
    return r.responsePayload().first(Tag.VALIDITY_INDICATOR).orElseThrow();
  }

  private static Item valid(ValidityIndicator v) {
    return new Item.Enumeration(Tag.VALIDITY_INDICATOR, v.value());
  }

  /**
   * CS-AC-M-2-21 (and -14): the reference signature (RSA-PSS, SHA-256, the longest salt)
   * verifies with the registered public key; a changed data or signature byte is Invalid.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.1"})
  void referenceSignatureVerifies(String version) throws Exception {
    String file = "CS-AC-M-2-" + version.replace(".", "") + ".xml";
    KmipVersion v = KmipVersion.parse(version);
    String uid = replay(version, file, Operation.REGISTER, 0);
    for (int n = 0; n < 3; n++) {
      RequestBatchItem item = OasisRequests.item(version, file, Operation.SIGNATURE_VERIFY, n);
      ResponseBatchItem expected = OasisRequests.expected(version, file, Operation.SIGNATURE_VERIFY, n);
      ResponseBatchItem actual = ok(h.call(v, Operation.SIGNATURE_VERIFY, withUid(item.requestPayload(), uid)));
      assertThat(validity(actual)).isEqualTo(validity(expected));
    }
  }

  /** CS-AC-M-1 then CS-AC-M-2's public key: what the server signs with the key's own parameters verifies. */
  @Test
  void signWithTheKeysParametersThenVerify() throws Exception {
    String priv = replay("2.1", "CS-AC-M-1-21.xml", Operation.REGISTER, 0);
    ResponseBatchItem signed = ok(Kmip.call(h, KmipVersion.V2_1, Operation.SIGN, priv,
        new Item.ByteString(Tag.DATA, DATA)));
    byte[] signature = ((Item.ByteString) signed.responsePayload().first(Tag.SIGNATURE_DATA).orElseThrow()).value();
    assertThat(signature).hasSize(256);
    String pub = replay("2.1", "CS-AC-M-2-21.xml", Operation.REGISTER, 0);
    ResponseBatchItem r = ok(Kmip.call(h, KmipVersion.V2_1, Operation.SIGNATURE_VERIFY, pub,
        new Item.ByteString(Tag.DATA, DATA), new Item.ByteString(Tag.SIGNATURE_DATA, signature)));
    assertThat(validity(r)).isEqualTo(valid(ValidityIndicator.VALID));
    // PKCS#1 v1.5 named in the request is another signature: Invalid under the PSS key parameters
    ResponseBatchItem pkcs1 = ok(Kmip.call(h, KmipVersion.V2_1, Operation.SIGNATURE_VERIFY, pub,
        params(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256),
        new Item.ByteString(Tag.DATA, DATA), new Item.ByteString(Tag.SIGNATURE_DATA, signature)));
    assertThat(validity(pkcs1)).isEqualTo(valid(ValidityIndicator.INVALID));
  }

  /** CS-AC-M-3-ECC-13: an ECPrivateKey on secp256k1 (a curve the JDK lacks) signs; its public key verifies. */
  @Test
  void secp256k1SignsAndVerifies() throws Exception {
    KmipVersion v = KmipVersion.V1_3;
    String file = "CS-AC-M-3-ECC-13.xml";
    String priv = replay("1.3", file, Operation.REGISTER, 0);
    String pub = replay("1.3", file, Operation.REGISTER, 1);
    byte[] sig = ((Item.ByteString) ok(Kmip.call(h, v, Operation.SIGN, priv, new Item.ByteString(Tag.DATA, DATA)))
        .responsePayload().first(Tag.SIGNATURE_DATA).orElseThrow()).value();
    assertThat(validity(ok(Kmip.call(h, v, Operation.SIGNATURE_VERIFY, pub, new Item.ByteString(Tag.DATA, DATA),
        new Item.ByteString(Tag.SIGNATURE_DATA, sig))))).isEqualTo(valid(ValidityIndicator.VALID));
  }

  /** CS-AC-M-8-21: past its Protect Stop Date a key does not sign; before its Process Start Date it does not verify. */
  @Test
  void datesStopUse() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    java.time.Instant now = h.clock.instant();
    List<Item> dates = List.of(Kmip.date(Tag.ACTIVATION_DATE, now.minusSeconds(3600)),
        Kmip.date(Tag.PROCESS_START_DATE, now.plusSeconds(3600)), Kmip.date(Tag.PROTECT_STOP_DATE, now.minusSeconds(3600)));
    List<Item> common = new java.util.ArrayList<>(List.of(alg(CryptographicAlgorithm.RSA), len(2048)));
    common.addAll(dates);
    ResponseBatchItem r = ok(h.call(v, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(v, common,
        List.of(Kmip.mask(keyward.kmip.spec.CryptographicUsageMask.SIGN)),
        List.of(Kmip.mask(keyward.kmip.spec.CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ResponseBatchItem sign = Kmip.call(h, v, Operation.SIGN, priv, new Item.ByteString(Tag.DATA, DATA));
    assertThat(sign.resultReason()).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    ResponseBatchItem verify = h.call(v, Operation.SIGNATURE_VERIFY, withUid(pub));
    assertThat(verify.resultReason()).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    h.clock.advanceSeconds(7200); // past the Process Start Date: verifying is allowed again
    assertThat(validity(ok(h.call(v, Operation.SIGNATURE_VERIFY, withUid(pub)))))
        .isEqualTo(valid(ValidityIndicator.INVALID));
  }

  /** The case's payload with the identifier the server gave. */
  private static Item[] withUid(Item.Structure payload, String uid) {
    return payload.items().stream().map(i -> i.tag() == Tag.UNIQUE_IDENTIFIER ? Kmip.uid(uid) : i).toArray(Item[]::new);
  }

  private static Item[] withUid(String uid) {
    return new Item[] {Kmip.uid(uid), new Item.ByteString(Tag.DATA, DATA),
        new Item.ByteString(Tag.SIGNATURE_DATA, new byte[256])};
  }

  /** Created pairs of every signing algorithm sign and verify; a flipped byte is Invalid. */
  @Test
  void createdPairsSignAndVerify() throws Exception {
    List<Item[]> kinds = List.of(
        new Item[] {alg(CryptographicAlgorithm.RSA), len(2048)},
        new Item[] {alg(CryptographicAlgorithm.ECDSA), CreateKeyPairHandlerTest.curve(RecommendedCurve.P_256)},
        new Item[] {alg(CryptographicAlgorithm.EC), len(384)},
        new Item[] {alg(CryptographicAlgorithm.ED25519)},
        new Item[] {alg(CryptographicAlgorithm.ED448)},
        new Item[] {alg(CryptographicAlgorithm.DSA), len(2048)});
    for (Item[] kind : kinds) {
      String[] ids = CreateKeyPairHandlerTest.createPair(h, KmipVersion.V2_1, kind);
      ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, ids[0]));
      ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, ids[1]));
      byte[] sig = ((Item.ByteString) ok(Kmip.call(h, KmipVersion.V2_1, Operation.SIGN, ids[0],
          new Item.ByteString(Tag.DATA, DATA))).responsePayload().first(Tag.SIGNATURE_DATA).orElseThrow()).value();
      assertThat(validity(ok(Kmip.call(h, KmipVersion.V2_1, Operation.SIGNATURE_VERIFY, ids[1],
          new Item.ByteString(Tag.DATA, DATA), new Item.ByteString(Tag.SIGNATURE_DATA, sig)))))
          .as("%s", kind[0]).isEqualTo(valid(ValidityIndicator.VALID));
      sig[sig.length / 2] ^= 1;
      assertThat(validity(ok(Kmip.call(h, KmipVersion.V2_1, Operation.SIGNATURE_VERIFY, ids[1],
          new Item.ByteString(Tag.DATA, DATA), new Item.ByteString(Tag.SIGNATURE_DATA, sig)))))
          .as("%s", kind[0]).isEqualTo(valid(ValidityIndicator.INVALID));
    }
  }

  @Test
  void refusals() throws Exception {
    String[] ids = CreateKeyPairHandlerTest.createPair(h, KmipVersion.V2_1, alg(CryptographicAlgorithm.RSA), len(2048));
    Item data = new Item.ByteString(Tag.DATA, DATA);
    // Pre-Active
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.SIGN, ids[0], data).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, ids[0]));
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, ids[1]));
    // a public key does not sign; its mask (Verify) would not allow it either
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.SIGN, ids[1], data).resultReason())
        .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    // no Data
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.SIGN, ids[0]).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    // streaming needs the Correlation Value, which KMIP 1.2 does not have (1.3 and later: StreamedSignaturesTest)
    assertThat(Kmip.call(h, KmipVersion.V1_2, Operation.SIGN, ids[0], data,
        new Item.Boolean(Tag.INIT_INDICATOR, true), new Item.Boolean(Tag.FINAL_INDICATOR, false)).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    // a private key without Sign in its mask
    String[] decrypt = createWithMasks(keyward.kmip.spec.CryptographicUsageMask.DECRYPT);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, decrypt[0]));
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V2_1, Operation.SIGN, decrypt[0], data);
    assertThat(r.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(r.resultReason()).isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
  }

  private String[] createWithMasks(keyward.kmip.spec.CryptographicUsageMask privateBit) throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    ResponseBatchItem r = ok(h.call(v, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(v,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(Kmip.mask(privateBit)),
        List.of(Kmip.mask(keyward.kmip.spec.CryptographicUsageMask.ENCRYPT)))));
    return new String[] {
        ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value(),
        ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value()};
  }

  static Item params(PaddingMethod padding, HashingAlgorithm hash) {
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.PADDING_METHOD, padding.value()),
        new Item.Enumeration(Tag.HASHING_ALGORITHM, hash.value()));
  }
}
