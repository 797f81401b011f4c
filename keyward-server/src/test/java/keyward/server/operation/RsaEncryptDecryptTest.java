package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RsaEncryptDecryptTest {
  private final ServerHarness h = new ServerHarness();
  private static final KmipVersion V = KmipVersion.V2_1;

  private static byte[] data(ResponseBatchItem r) {
    return ((Item.ByteString) r.responsePayload().first(Tag.DATA).orElseThrow()).value();
  }

  /**
   * CS-AC-M-OAEP-2/4/6/8/10-21 (and -14): the reference ciphertext decrypts to the reference
   * plaintext with the registered private key and its OAEP parameters (OAEP-10: with a label).
   */
  @ParameterizedTest
  @ValueSource(strings = {"CS-AC-M-OAEP-2-21.xml", "CS-AC-M-OAEP-4-21.xml", "CS-AC-M-OAEP-6-21.xml",
      "CS-AC-M-OAEP-8-21.xml", "CS-AC-M-OAEP-10-21.xml", "CS-AC-M-OAEP-10-14.xml"})
  void referenceCiphertextDecrypts(String file) throws Exception {
    String version = file.endsWith("-14.xml") ? "1.4" : "2.1";
    KmipVersion v = KmipVersion.parse(version);
    String uid = Kmip.uidOf(ok(h.call(v, Operation.REGISTER,
        OasisRequests.items(OasisRequests.payload(version, file, Operation.REGISTER)))));
    RequestBatchItem item = OasisRequests.item(version, file, Operation.DECRYPT, 0);
    Item[] payload = item.requestPayload().items().stream()
        .map(i -> i.tag() == Tag.UNIQUE_IDENTIFIER ? Kmip.uid(uid) : i).toArray(Item[]::new);
    ResponseBatchItem r = ok(h.call(v, Operation.DECRYPT, payload));
    assertThat(r.responsePayload().first(Tag.DATA))
        .isEqualTo(OasisRequests.expected(version, file, Operation.DECRYPT, 0).responsePayload().first(Tag.DATA));
  }

  /** A created pair: OAEP (default and named) and PKCS#1 v1.5 round trips; mismatched parameters fail. */
  @Test
  void roundTrips() throws Exception {
    String[] ids = pair();
    byte[] plain = Kmip.hex("6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34");
    for (Item[] params : List.of(new Item[0],
        new Item[] {SignAndVerifyTest.params(PaddingMethod.OAEP, HashingAlgorithm.SHA_384)},
        new Item[] {SignAndVerifyTest.params(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256)})) {
      byte[] c1 = data(ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1], concat(params, new Item.ByteString(Tag.DATA, plain)))));
      byte[] c2 = data(ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1], concat(params, new Item.ByteString(Tag.DATA, plain)))));
      assertThat(c1).hasSize(256).isNotEqualTo(c2); // randomised padding
      assertThat(data(ok(Kmip.call(h, V, Operation.DECRYPT, ids[0], concat(params, new Item.ByteString(Tag.DATA, c1))))))
          .isEqualTo(plain);
    }
    byte[] oaep = data(ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1], new Item.ByteString(Tag.DATA, plain))));
    ResponseBatchItem wrong = Kmip.call(h, V, Operation.DECRYPT, ids[0],
        SignAndVerifyTest.params(PaddingMethod.OAEP, HashingAlgorithm.SHA_512), new Item.ByteString(Tag.DATA, oaep));
    assertThat(wrong.resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    assertThat(wrong.resultMessage()).doesNotContain(java.util.HexFormat.of().formatHex(plain));
  }

  /**
   * PKCS#1 v1.5 is no padding oracle: a damaged ciphertext decrypts (Success) to the same
   * synthetic message every time, so a caller cannot tell bad padding from a good message.
   */
  @Test
  void pkcs1v15BadPaddingAnswersLikeGoodPadding() throws Exception {
    String[] ids = pair();
    Item params = SignAndVerifyTest.params(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256);
    byte[] plain = Kmip.hex("6628194e12073db03ba94cda9ef95323");
    byte[] c = data(ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1], params, new Item.ByteString(Tag.DATA, plain))));
    c[c.length - 1] ^= 1;
    ResponseBatchItem first = Kmip.call(h, V, Operation.DECRYPT, ids[0], params, new Item.ByteString(Tag.DATA, c));
    ResponseBatchItem again = Kmip.call(h, V, Operation.DECRYPT, ids[0], params, new Item.ByteString(Tag.DATA, c));
    assertThat(first.resultStatus()).isEqualTo(keyward.kmip.spec.ResultStatus.SUCCESS);
    assertThat(data(first)).isNotEqualTo(plain).hasSizeLessThanOrEqualTo(256 - 11).isEqualTo(data(ok(again)));
  }

  @Test
  void refusals() throws Exception {
    String[] ids = pair();
    // longer than OAEP-SHA-256 takes with a 2048-bit key (256 - 2*32 - 2 = 190 bytes)
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, ids[1], new Item.ByteString(Tag.DATA, new byte[191])).resultReason())
        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    // a private key does not encrypt here, a public key does not decrypt
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, ids[0], new Item.ByteString(Tag.DATA, new byte[1])).resultReason())
        .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    assertThat(Kmip.call(h, V, Operation.DECRYPT, ids[1], new Item.ByteString(Tag.DATA, new byte[256])).resultReason())
        .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    // a signing pair does not encrypt
    String[] signing = CreateKeyPairHandlerTest.createPair(h, V, alg(CryptographicAlgorithm.RSA), len(2048));
    ok(Kmip.call(h, V, Operation.ACTIVATE, signing[1]));
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, signing[1], new Item.ByteString(Tag.DATA, new byte[1])).resultReason())
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
  }

  private String[] pair() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(Kmip.mask(CryptographicUsageMask.DECRYPT)),
        List.of(Kmip.mask(CryptographicUsageMask.ENCRYPT)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    ok(Kmip.call(h, V, Operation.ACTIVATE, pub));
    return new String[] {priv, pub};
  }

  private static Item[] concat(Item[] a, Item b) {
    Item[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
