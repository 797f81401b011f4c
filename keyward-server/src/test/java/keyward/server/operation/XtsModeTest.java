package keyward.server.operation;

import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * AES-XTS (Block Cipher Mode XTS) through Encrypt and Decrypt: the IEEE 1619-2007 Annex B vectors
 * (2, 3, 4, the first two blocks of 10, and the ciphertext-stealing vectors 15 to 18), streamed in
 * parts that cut through blocks, and the refusals (equal key halves, short data, a missing or
 * wrong-length tweak, a single-length key, padding, a key that may not encrypt).
 */
class XtsModeTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private static final String K15 = "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0";
  private static final String I15 = "9a785634120000000000000000000000";
  /** 000102..ff twice: the plaintext of vectors 4 to 14. */
  private static final byte[] PATTERN = new byte[512];
  private static final String CT4 = "27a7479befa1d476489f308cd4cfa6e2a96e4bbe3208ff25287dd3819616e89c"
      + "c78cf7f5e543445f8333d8fa7f56000005279fa5d8b5e4ad40e736ddb4d35412"
      + "328063fd2aab53e5ea1e0a9f332500a5df9487d07a5c92cc512c8866c7e860ce"
      + "93fdf166a24912b422976146ae20ce846bb7dc9ba94a767aaef20c0d61ad0265"
      + "5ea92dc4c4e41a8952c651d33174be51a10c421110e6d81588ede82103a252d8"
      + "a750e8768defffed9122810aaeb99f9172af82b604dc4b8e51bcb08235a6f434"
      + "1332e4ca60482a4ba1a03b3e65008fc5da76b70bf1690db4eae29c5f1badd03c"
      + "5ccf2a55d705ddcd86d449511ceb7ec30bf12b1fa35b913f9f747a8afd1b130e"
      + "94bff94effd01a91735ca1726acd0b197c4e5b03393697e126826fb6bbde8ecc"
      + "1e08298516e2c9ed03ff3c1b7860f6de76d4cecd94c8119855ef5297ca67e9f3"
      + "e7ff72b1e99785ca0a7e7720c5b36dc6d72cac9574c8cbbc2f801e23e56fd344"
      + "b07f22154beba0f08ce8891e643ed995c94d9a69c9f1b5f499027a78572aeebd"
      + "74d20cc39881c213ee770b1010e4bea718846977ae119f7a023ab58cca0ad752"
      + "afe656bb3c17256a9f6e9bf19fdd5a38fc82bbe872c5539edb609ef4f79c203e"
      + "bb140f2e583cb2ad15b4aa5b655016a8449277dbd477ef2c8d6c017db738b18d"
      + "eb4a427d1923ce3ff262735779a418f20a282df920147beabe421ee5319d0568";

  static {
    for (int i = 0; i < PATTERN.length; i++) {
      PATTERN[i] = (byte) i;
    }
  }

  /** IEEE 1619-2007 Annex B: vector, Key1 || Key2, tweak (data unit number, little-endian), PTX, CTX. */
  static final List<String[]> VECTORS = List.of(
      new String[] {"2", "11111111111111111111111111111111" + "22222222222222222222222222222222",
          "33333333330000000000000000000000", "44".repeat(32),
          "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0"},
      new String[] {"3", "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0" + "22222222222222222222222222222222",
          "33333333330000000000000000000000", "44".repeat(32),
          "af85336b597afc1a900b2eb21ec949d292df4c047e0b21532186a5971a227a89"},
      new String[] {"4", "27182818284590452353602874713526" + "31415926535897932384626433832795",
          "00000000000000000000000000000000", HexFormat.of().formatHex(PATTERN), CT4},
      new String[] {"10 (first two blocks, XTS-AES-256)",
          "2718281828459045235360287471352662497757247093699959574966967627"
              + "3141592653589793238462643383279502884197169399375105820974944592",
          "ff000000000000000000000000000000", HexFormat.of().formatHex(PATTERN, 0, 32),
          "1c3b3a102f770386e4836c99e370cf9bea00803f5e482357a4ae12d414a3e63b"},
      new String[] {"15", K15, I15, "000102030405060708090a0b0c0d0e0f10", "6c1625db4671522d3d7599601de7ca09ed"},
      new String[] {"16", K15, I15, "000102030405060708090a0b0c0d0e0f1011", "d069444b7a7e0cab09e24447d24deb1fedbf"},
      new String[] {"17", K15, I15, "000102030405060708090a0b0c0d0e0f101112", "e5df1351c0544ba1350b3363cd8ef4beedbf9d"},
      new String[] {"18", K15, I15, "000102030405060708090a0b0c0d0e0f10111213",
          "9d84c813f719aa2c7be3f66171c7c5c2edbf9dac"});

  private final ServerHarness h = new ServerHarness();

  private static Item xts(Item... more) {
    Item[] all = Arrays.copyOf(new Item[] {new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.XTS.value())},
        1 + more.length);
    System.arraycopy(more, 0, all, 1, more.length);
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, all);
  }

  private static Item data(byte[] d) {
    return new Item.ByteString(Tag.DATA, d);
  }

  private static Item iv(String hex) {
    return new Item.ByteString(Tag.IV_COUNTER_NONCE, hex(hex));
  }

  private static byte[] out(ResponseBatchItem r, int tag) {
    return ((Item.ByteString) ok(r).responsePayload().first(tag).orElseThrow()).value();
  }

  private String register(String keyHex, CryptographicUsageMask... mask) throws Exception {
    byte[] key = hex(keyHex);
    Instant before = h.clock.instant().minusSeconds(60);
    return Kmip.uidOf(ok(h.call(V, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, Kmip.mask(mask.length == 0
            ? new CryptographicUsageMask[] {CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT} : mask),
            Kmip.date(Tag.ACTIVATION_DATE, before)),
        Kmip.rawKey(key, CryptographicAlgorithm.AES, key.length * 8))));
  }

  @ParameterizedTest(name = "IEEE 1619 vector {0}")
  @FieldSource("VECTORS")
  void ieee1619Vectors(String vector, String key, String tweak, String ptx, String ctx) throws Exception {
    String uid = register(key);
    assertThat(out(Kmip.call(h, V, Operation.ENCRYPT, uid, xts(), data(hex(ptx)), iv(tweak)), Tag.DATA))
        .isEqualTo(hex(ctx));
    assertThat(out(Kmip.call(h, V, Operation.DECRYPT, uid, xts(), data(hex(ctx)), iv(tweak)), Tag.DATA))
        .isEqualTo(hex(ptx));
  }

  /** A data unit sent in parts that cut through blocks gives the one-piece answer (vectors 4 and 18). */
  @Test
  void streamedPartsGiveTheSameDataUnit() throws Exception {
    String uid4 = register("27182818284590452353602874713526" + "31415926535897932384626433832795");
    assertThat(streamed(uid4, Operation.ENCRYPT, "00".repeat(16), PATTERN, 100, 201)).isEqualTo(hex(CT4));
    assertThat(streamed(uid4, Operation.DECRYPT, "00".repeat(16), hex(CT4), 7, 500)).isEqualTo(PATTERN);
    String uid18 = register(K15);
    assertThat(streamed(uid18, Operation.ENCRYPT, I15, hex("000102030405060708090a0b0c0d0e0f10111213"), 5, 17))
        .isEqualTo(hex("9d84c813f719aa2c7be3f66171c7c5c2edbf9dac"));
    assertThat(streamed(uid18, Operation.DECRYPT, I15, hex("9d84c813f719aa2c7be3f66171c7c5c2edbf9dac"), 18, 19))
        .isEqualTo(hex("000102030405060708090a0b0c0d0e0f10111213"));
  }

  private byte[] streamed(String uid, Operation op, String tweak, byte[] all, int cut1, int cut2) throws Exception {
    ResponseBatchItem r1 = ok(Kmip.call(h, V, op, uid, xts(), data(Arrays.copyOfRange(all, 0, cut1)), iv(tweak),
        new Item.Boolean(Tag.INIT_INDICATOR, true)));
    Item correlation = new Item.ByteString(Tag.CORRELATION_VALUE, out(r1, Tag.CORRELATION_VALUE));
    ResponseBatchItem r2 = ok(Kmip.call(h, V, op, uid, data(Arrays.copyOfRange(all, cut1, cut2)), correlation));
    ResponseBatchItem r3 = ok(Kmip.call(h, V, op, uid, data(Arrays.copyOfRange(all, cut2, all.length)), correlation,
        new Item.Boolean(Tag.FINAL_INDICATOR, true)));
    byte[] a = out(r1, Tag.DATA);
    byte[] b = out(r2, Tag.DATA);
    byte[] c = out(r3, Tag.DATA);
    byte[] joined = Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    System.arraycopy(c, 0, joined, a.length + b.length, c.length);
    return joined;
  }

  /** A created 512-bit AES key is an XTS-AES-256 key; a Random IV is the tweak, returned. */
  @Test
  void aCreated512BitKeyRoundTripsWithARandomTweak() throws Exception {
    String uid = Kmip.uidOf(ok(h.call(V, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(V, Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(512),
            Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT),
            Kmip.date(Tag.ACTIVATION_DATE, h.clock.instant().minusSeconds(60))))));
    byte[] plain = Arrays.copyOf(PATTERN, 37);
    ResponseBatchItem e = ok(Kmip.call(h, V, Operation.ENCRYPT, uid, xts(new Item.Boolean(Tag.RANDOM_IV, true)),
        data(plain)));
    byte[] tweak = out(e, Tag.IV_COUNTER_NONCE);
    assertThat(tweak).hasSize(16);
    byte[] c = out(e, Tag.DATA);
    assertThat(c).hasSize(37).isNotEqualTo(plain);
    assertThat(out(Kmip.call(h, V, Operation.DECRYPT, uid, xts(), data(c),
        new Item.ByteString(Tag.IV_COUNTER_NONCE, tweak)), Tag.DATA)).isEqualTo(plain);
    // the same key with another mode is refused, not silently used as a 512-bit AES key
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, uid, new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.ECB.value())), data(PATTERN)).resultReason())
        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
  }

  /** IEEE 1619 vector 1 has Key1 = Key2 (all zero): SP 800-38E asks the halves to differ. */
  @Test
  void equalKeyHalvesAreRefused() throws Exception {
    String uid = register("00".repeat(32));
    ResponseBatchItem r = Kmip.call(h, V, Operation.ENCRYPT, uid, xts(), data(new byte[32]), iv("00".repeat(16)));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("halves");
  }

  @Test
  void refusals() throws Exception {
    String uid = register(K15);
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, uid, xts(), data(new byte[15]), iv(I15)).resultReason())
        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    assertThat(Kmip.call(h, V, Operation.DECRYPT, uid, xts(), data(new byte[0]), iv(I15)).resultReason())
        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    ResponseBatchItem noTweak = Kmip.call(h, V, Operation.ENCRYPT, uid, xts(), data(new byte[32]));
    assertThat(noTweak.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    assertThat(noTweak.resultMessage()).contains("missing-iv");
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, uid, xts(), data(new byte[32]), iv("9a78563412")).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, uid,
        xts(new Item.Enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5.value())), data(new byte[32]), iv(I15))
        .resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    String aes128 = register("0123456789abcdef0123456789abcdef");
    ResponseBatchItem single = Kmip.call(h, V, Operation.ENCRYPT, aes128, xts(), data(new byte[32]), iv(I15));
    assertThat(single.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(single.resultMessage()).contains("256 or 512");
    String decryptOnly = register(K15, CryptographicUsageMask.DECRYPT);
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, decryptOnly, xts(), data(new byte[32]), iv(I15)).resultReason())
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
  }
}
