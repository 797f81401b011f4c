package keyward.server.operation;

import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * GMAC through MAC and MAC Verify: an AES key with Block Cipher Mode GCM (KMIP has no GMAC
 * algorithm value). Known answers are NIST GCM vectors with an empty plaintext, where the tag is
 * the GMAC of the additional data; the server's Data is that additional data.
 */
class GmacTest {
  private static final List<KmipVersion> VERSIONS = List.of(KmipVersion.V1_4, KmipVersion.V2_1);
  /** Key, IV, AAD (the MAC's Data), Tag. */
  private static final List<String[]> NIST = List.of(
      // The GCM paper's (McGrew, Viega) test case 1: empty AAD and plaintext
      new String[] {"00000000000000000000000000000000", "000000000000000000000000", "",
          "58e2fccefa7e3061367f1d57a4e7455a"},
      // CAVP gcmEncryptExtIV128.rsp, PTlen = 0, AADlen = 128, Count 0 and 1
      new String[] {"77be63708971c4e240d1cb79e8d77feb", "e0e00f19fed7ba0136a797f3",
          "7a43ec1d9c0a5a78a0b16533a6213cab", "209fcc8d3675ed938e9c7166709dd946"},
      new String[] {"7680c5d3ca6154758e510f4d25b98820", "f8f105f9c3df4965780321f8",
          "c94c410194c765e3dcc7964379758ed3", "94dca8edfcf90bb74b153c8d48a17930"});

  private final ServerHarness h = new ServerHarness();

  private static Item gcm(Item... more) {
    Item[] all = Arrays.copyOf(new Item[] {new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM.value())},
        1 + more.length);
    System.arraycopy(more, 0, all, 1, more.length);
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, all);
  }

  private static Item data(byte[] d) {
    return new Item.ByteString(Tag.DATA, d);
  }

  private static Item iv(byte[] d) {
    return new Item.ByteString(Tag.IV_COUNTER_NONCE, d);
  }

  private static byte[] out(ResponseBatchItem r, int tag) {
    return ((Item.ByteString) ok(r).responsePayload().first(tag).orElseThrow()).value();
  }

  private static ValidityIndicator validity(ResponseBatchItem r) {
    return ValidityIndicator.fromValue(((Item.Enumeration) ok(r).responsePayload().first(Tag.VALIDITY_INDICATOR)
        .orElseThrow()).value());
  }

  private String register(KmipVersion v, byte[] key, CryptographicUsageMask... mask) throws Exception {
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.mask(mask.length == 0
            ? new CryptographicUsageMask[] {CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY}
            : mask), Kmip.date(Tag.ACTIVATION_DATE, h.clock.instant().minusSeconds(60))),
        Kmip.rawKey(key, CryptographicAlgorithm.AES, key.length * 8))));
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void nistVectors(KmipVersion v) throws Exception {
    for (String[] t : NIST) {
      String uid = register(v, hex(t[0]));
      byte[] tag = out(Kmip.call(h, v, Operation.MAC, uid, gcm(), data(hex(t[2])), iv(hex(t[1]))), Tag.MAC_DATA);
      assertThat(tag).as("tag for key %s", t[0]).isEqualTo(hex(t[3]));
      assertThat(validity(Kmip.call(h, v, Operation.MAC_VERIFY, uid, gcm(), data(hex(t[2])), iv(hex(t[1])),
          new Item.ByteString(Tag.MAC_DATA, tag)))).isEqualTo(ValidityIndicator.VALID);
      byte[] other = tag.clone();
      other[0] ^= 1;
      assertThat(validity(Kmip.call(h, v, Operation.MAC_VERIFY, uid, gcm(), data(hex(t[2])), iv(hex(t[1])),
          new Item.ByteString(Tag.MAC_DATA, other)))).isEqualTo(ValidityIndicator.INVALID);
    }
  }

  /** SP 800-38D §5.2.1.2: a shorter tag is the leading bytes of the full one. */
  @Test
  void aTagLengthTruncatesTheTag() throws Exception {
    String[] t = NIST.get(1);
    String uid = register(KmipVersion.V2_1, hex(t[0]));
    byte[] tag = out(Kmip.call(h, KmipVersion.V2_1, Operation.MAC, uid, gcm(new Item.Integer(Tag.TAG_LENGTH, 12)),
        data(hex(t[2])), iv(hex(t[1]))), Tag.MAC_DATA);
    assertThat(tag).isEqualTo(Arrays.copyOf(hex(t[3]), 12));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.MAC, uid, gcm(new Item.Integer(Tag.TAG_LENGTH, 8)),
        data(hex(t[2])), iv(hex(t[1]))).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** Random IV: a fresh 96-bit IV each time, returned, and needed to verify. */
  @Test
  void aGeneratedIvIsReturnedAndVerifies() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = register(v, hex("77be63708971c4e240d1cb79e8d77feb"));
    byte[] msg = "authenticated, not secret".getBytes();
    Item random = gcm(new Item.Boolean(Tag.RANDOM_IV, true));
    ResponseBatchItem m1 = Kmip.call(h, v, Operation.MAC, uid, random, data(msg));
    ResponseBatchItem m2 = Kmip.call(h, v, Operation.MAC, uid, random, data(msg));
    byte[] iv1 = out(m1, Tag.IV_COUNTER_NONCE);
    assertThat(iv1).hasSize(12).isNotEqualTo(out(m2, Tag.IV_COUNTER_NONCE));
    assertThat(out(m1, Tag.MAC_DATA)).hasSize(16).isNotEqualTo(out(m2, Tag.MAC_DATA));
    assertThat(validity(Kmip.call(h, v, Operation.MAC_VERIFY, uid, gcm(), data(msg), iv(iv1),
        new Item.ByteString(Tag.MAC_DATA, out(m1, Tag.MAC_DATA))))).isEqualTo(ValidityIndicator.VALID);
    ResponseBatchItem noIv = Kmip.call(h, v, Operation.MAC_VERIFY, uid, gcm(), data(msg),
        new Item.ByteString(Tag.MAC_DATA, out(m1, Tag.MAC_DATA)));
    assertThat(noIv.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
  }

  /** A GMAC streamed in two parts is the GMAC of the whole data (CAVP vector, AAD cut in two). */
  @Test
  void aStreamedGmacMatchesTheVector() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String[] t = NIST.get(2);
    String uid = register(v, hex(t[0]));
    byte[] aad = hex(t[2]);
    ResponseBatchItem p1 = ok(Kmip.call(h, v, Operation.MAC, uid, gcm(), iv(hex(t[1])),
        data(Arrays.copyOf(aad, 5)), new Item.Boolean(Tag.INIT_INDICATOR, true)));
    ResponseBatchItem p2 = ok(Kmip.call(h, v, Operation.MAC, uid, data(Arrays.copyOfRange(aad, 5, aad.length)),
        new Item.ByteString(Tag.CORRELATION_VALUE, out(p1, Tag.CORRELATION_VALUE)),
        new Item.Boolean(Tag.FINAL_INDICATOR, true)));
    assertThat(out(p2, Tag.MAC_DATA)).isEqualTo(hex(t[3]));
  }

  @Test
  void refusals() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = register(v, hex("77be63708971c4e240d1cb79e8d77feb"));
    ResponseBatchItem noIv = Kmip.call(h, v, Operation.MAC, uid, gcm(), data(new byte[4]));
    assertThat(noIv.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    assertThat(noIv.resultMessage()).contains("missing-iv");
    String xtsLength = register(v, new byte[64]);
    assertThat(Kmip.call(h, v, Operation.MAC, xtsLength, gcm(), data(new byte[4]), iv(new byte[12])).resultReason())
        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    String encryptOnly = register(v, hex("77be63708971c4e240d1cb79e8d77feb"), CryptographicUsageMask.ENCRYPT);
    assertThat(Kmip.call(h, v, Operation.MAC, encryptOnly, gcm(), data(new byte[4]), iv(new byte[12]))
        .resultReason()).isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    assertThat(Kmip.call(h, v, Operation.MAC, uid, new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC.value())), data(new byte[4])).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
  }
}
