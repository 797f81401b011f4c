package keyward.server.operation;

import static keyward.server.operation.Kmip.date;
import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Encrypt, Decrypt, MAC, MAC Verify, Hash and RNG Retrieve where the answer is not a literal of
 * the OASIS cases ({@link OasisCryptoReplayTest} has those): server-generated keys and IVs,
 * streaming, the key-state and usage refusals, and known-answer vectors from NIST and the RFCs
 * for what the cases do not cover.
 */
class CryptoOperationsTest {
  static final List<KmipVersion> VERSIONS = List.of(KmipVersion.V1_4, KmipVersion.V2_1);
  private static final byte[] PLAIN = hex("01020304050607080910111213141516");
  private final ServerHarness h = new ServerHarness();

  private Instant in(long seconds) {
    return h.clock.instant().plusSeconds(seconds);
  }

  private static Item params(Item... fields) {
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, fields);
  }

  private static Item mode(BlockCipherMode m) {
    return new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, m.value());
  }

  private static Item padding(PaddingMethod p) {
    return new Item.Enumeration(Tag.PADDING_METHOD, p.value());
  }

  private static Item data(byte[] d) {
    return new Item.ByteString(Tag.DATA, d);
  }

  private static Item iv(byte[] d) {
    return new Item.ByteString(Tag.IV_COUNTER_NONCE, d);
  }

  private static byte[] bytes(ResponseBatchItem r, int tag) {
    return ((Item.ByteString) r.responsePayload().first(tag).orElseThrow()).value();
  }

  /** Registers a Raw key with an Activation Date an hour ago and the given attributes. */
  private String register(KmipVersion v, byte[] key, CryptographicAlgorithm a, int bits, Item... attrs)
      throws Exception {
    List<Item> all = new ArrayList<>(List.of(date(Tag.ACTIVATION_DATE, in(-3600))));
    all.addAll(List.of(attrs));
    ResponseBatchItem r = h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, all.toArray(Item[]::new)), Kmip.rawKey(key, a, bits));
    return Kmip.uidOf(ok(r));
  }

  private String aes128(KmipVersion v, Item... attrs) throws Exception {
    List<Item> all = new ArrayList<>(List.of(Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)));
    all.addAll(List.of(attrs));
    return register(v, hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 128, all.toArray(Item[]::new));
  }

  /** CS-BC-M-3: a created key, ECB from its own Cryptographic Parameters, round trip. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aCreatedKeyEncryptsAndDecryptsWithItsOwnParameters(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v, params(mode(BlockCipherMode.ECB)), date(Tag.ACTIVATION_DATE, in(-3600)));
    byte[] c = bytes(ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN))), Tag.DATA);
    assertThat(c).hasSize(16).isNotEqualTo(PLAIN);
    assertThat(bytes(ok(Kmip.call(h, v, Operation.DECRYPT, uid, data(c))), Tag.DATA)).isEqualTo(PLAIN);
  }

  /** CS-BC-M-13: Random IV: the IV comes back; Decrypt without it is Invalid Message. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aRandomIvIsReturnedAndNeededToDecrypt(KmipVersion v) throws Exception {
    Item cbc = params(mode(BlockCipherMode.CBC), padding(PaddingMethod.PKCS5),
        new Item.Boolean(Tag.RANDOM_IV, true));
    String uid = aes128(v, cbc);
    byte[] data = hex("010203040506070809101112131415160102030405060708091011121314151601");
    ResponseBatchItem e1 = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(data)));
    ResponseBatchItem e2 = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(data)));
    assertThat(bytes(e1, Tag.IV_COUNTER_NONCE)).hasSize(16).isNotEqualTo(bytes(e2, Tag.IV_COUNTER_NONCE));
    byte[] c = bytes(e1, Tag.DATA);
    assertThat(c).hasSize(48);
    ResponseBatchItem noIv = Kmip.call(h, v, Operation.DECRYPT, uid, data(c));
    assertThat(noIv.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
    ResponseBatchItem d = ok(Kmip.call(h, v, Operation.DECRYPT, uid, data(c), iv(bytes(e1, Tag.IV_COUNTER_NONCE))));
    assertThat(bytes(d, Tag.DATA)).isEqualTo(data);
  }

  /** CS-BC-M-14: past its Protect Stop Date and before its Process Start Date, the key does neither. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void protectStopAndProcessStartDatesAreEnforced(KmipVersion v) throws Exception {
    String uid = aes128(v, date(Tag.PROCESS_START_DATE, in(3600)), date(Tag.PROTECT_STOP_DATE, in(-3600)));
    ResultReason want = v.atLeast(KmipVersion.V2_0) ? ResultReason.WRONG_KEY_LIFECYCLE_STATE
        : ResultReason.PERMISSION_DENIED;
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, uid, params(mode(BlockCipherMode.ECB)), data(PLAIN))
        .resultReason()).isEqualTo(want);
    assertThat(Kmip.call(h, v, Operation.DECRYPT, uid, params(mode(BlockCipherMode.ECB)), data(PLAIN))
        .resultReason()).isEqualTo(want);
    h.clock.advanceSeconds(3600); // Process Start Date reached
    ok(Kmip.call(h, v, Operation.DECRYPT, uid, params(mode(BlockCipherMode.ECB)), data(PLAIN)));
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aPreActiveKeyDoesNothingAndADeactivatedOneOnlyDecrypts(KmipVersion v) throws Exception {
    Item ecb = params(mode(BlockCipherMode.ECB));
    String later = aes128(v, date(Tag.DEACTIVATION_DATE, in(100)));
    ok(Kmip.call(h, v, Operation.ENCRYPT, later, ecb, data(PLAIN)));
    h.clock.advanceSeconds(100);
    ResultReason state = v.atLeast(KmipVersion.V2_0) ? ResultReason.WRONG_KEY_LIFECYCLE_STATE
        : ResultReason.PERMISSION_DENIED;
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, later, ecb, data(PLAIN)).resultReason()).isEqualTo(state);
    ok(Kmip.call(h, v, Operation.DECRYPT, later, ecb, data(PLAIN)));
    String preActive = Kmip.registerAes(h, v, Kmip.mask(CryptographicUsageMask.ENCRYPT));
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, preActive, ecb, data(PLAIN)).resultReason()).isEqualTo(state);
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void theUsageMaskMustAllowTheOperation(KmipVersion v) throws Exception {
    String uid = register(v, hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.AES, 128,
        Kmip.mask(CryptographicUsageMask.DECRYPT), params(mode(BlockCipherMode.ECB)));
    ResponseBatchItem r = Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN));
    assertThat(r.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
        ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED);
    ok(Kmip.call(h, v, Operation.DECRYPT, uid, data(PLAIN)));
    assertThat(Kmip.call(h, v, Operation.MAC, uid, data(PLAIN)).resultReason()).isEqualTo(r.resultReason());
  }

  /** CS-BC-M-GCM-3: a GCM encryption streamed in two parts gives the case's literal output and tag. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aStreamedGcmEncryptionMatchesTheCase(KmipVersion v) throws Exception {
    String file = "CS-BC-M-GCM-3-" + (v == KmipVersion.V2_1 ? "21" : "14") + ".xml";
    String version = v == KmipVersion.V2_1 ? "2.1" : "1.4";
    Item.Structure reg = OasisRequests.payload(version, file, Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(v, Operation.REGISTER, OasisRequests.items(reg))));
    Item.Structure first = OasisRequests.item(version, file, Operation.ENCRYPT, 0).requestPayload();
    Item.Structure second = OasisRequests.item(version, file, Operation.ENCRYPT, 1).requestPayload();
    ResponseBatchItem r1 = ok(h.call(v, Operation.ENCRYPT, withUid(first, uid, null)));
    byte[] correlation = bytes(r1, Tag.CORRELATION_VALUE);
    ResponseBatchItem r2 = ok(h.call(v, Operation.ENCRYPT, withUid(second, uid, correlation)));
    ResponseBatchItem want1 = OasisRequests.expected(version, file, Operation.ENCRYPT, 0);
    ResponseBatchItem want2 = OasisRequests.expected(version, file, Operation.ENCRYPT, 1);
    assertThat(bytes(r1, Tag.DATA)).isEqualTo(bytes(want1, Tag.DATA));
    assertThat(bytes(r2, Tag.DATA)).isEqualTo(bytes(want2, Tag.DATA));
    assertThat(bytes(r2, Tag.AUTHENTICATED_ENCRYPTION_TAG)).isEqualTo(bytes(want2, Tag.AUTHENTICATED_ENCRYPTION_TAG));
    // the stream is closed: its Correlation Value is no longer accepted
    ResponseBatchItem again = h.call(v, Operation.ENCRYPT, withUid(second, uid, correlation));
    assertThat(again.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
        ? ResultReason.INVALID_CORRELATION_VALUE : ResultReason.INVALID_FIELD);
  }

  /** A streamed CBC decryption returns whole blocks as they come and the rest at the end. */
  @Test
  void aStreamedCbcDecryptionReturnsThePlaintextInParts() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = aes128(v, params(mode(BlockCipherMode.CBC), padding(PaddingMethod.PKCS5)));
    byte[] ivBytes = hex("000102030405060708090a0b0c0d0e0f");
    byte[] plain = new byte[40];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) i;
    }
    byte[] c = bytes(ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(plain), iv(ivBytes))), Tag.DATA);
    ResponseBatchItem p1 = ok(Kmip.call(h, v, Operation.DECRYPT, uid, data(java.util.Arrays.copyOf(c, 32)),
        iv(ivBytes), new Item.Boolean(Tag.INIT_INDICATOR, true)));
    ResponseBatchItem p2 = ok(Kmip.call(h, v, Operation.DECRYPT, uid,
        data(java.util.Arrays.copyOfRange(c, 32, c.length)),
        new Item.ByteString(Tag.CORRELATION_VALUE, bytes(p1, Tag.CORRELATION_VALUE)),
        new Item.Boolean(Tag.FINAL_INDICATOR, true)));
    byte[] out = new byte[bytes(p1, Tag.DATA).length + bytes(p2, Tag.DATA).length];
    System.arraycopy(bytes(p1, Tag.DATA), 0, out, 0, bytes(p1, Tag.DATA).length);
    System.arraycopy(bytes(p2, Tag.DATA), 0, out, bytes(p1, Tag.DATA).length, bytes(p2, Tag.DATA).length);
    assertThat(out).isEqualTo(plain);
  }

  /**
   * A stream continues only with the key and operation that opened it, and only for its caller
   * (another caller does not even see the key).
   */
  @Test
  void aStreamBelongsToItsKeyOperationAndCaller() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = aes128(v, params(mode(BlockCipherMode.ECB)));
    String other = aes128(v, params(mode(BlockCipherMode.ECB)));
    ResponseBatchItem p1 = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), new Item.Boolean(Tag.INIT_INDICATOR, true)));
    Item correlation = new Item.ByteString(Tag.CORRELATION_VALUE, bytes(p1, Tag.CORRELATION_VALUE));
    Item last = new Item.Boolean(Tag.FINAL_INDICATOR, true);
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, other, data(PLAIN), correlation, last).resultReason())
        .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    assertThat(Kmip.call(h, v, Operation.DECRYPT, uid, data(PLAIN), correlation, last).resultReason())
        .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    keyward.server.Caller alice = h.caller;
    h.caller = new keyward.server.Caller("mallory", "127.0.0.1:2");
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), correlation, last).resultReason())
        .isEqualTo(ResultReason.OBJECT_NOT_FOUND);
    h.caller = alice;
    ResponseBatchItem done = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), correlation, last));
    assertThat(bytes(p1, Tag.DATA)).isEqualTo(bytes(done, Tag.DATA)).hasSize(16); // ECB: same block, same output
  }

  /** Usage Limits in objects: one per operation, a streamed one counted once; then Permission Denied. */
  @Test
  void usageLimitsInObjectsCountOperations() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = aes128(v, params(mode(BlockCipherMode.ECB)), new Item.Structure(Tag.USAGE_LIMITS,
        new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 2),
        new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, keyward.kmip.spec.UsageLimitsUnit.OBJECT.value())));
    ResponseBatchItem p1 = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), new Item.Boolean(Tag.INIT_INDICATOR, true)));
    Item correlation = new Item.ByteString(Tag.CORRELATION_VALUE, bytes(p1, Tag.CORRELATION_VALUE));
    ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), correlation, new Item.Boolean(Tag.FINAL_INDICATOR, false)));
    ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), correlation, new Item.Boolean(Tag.FINAL_INDICATOR, true)));
    ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN)));
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  /** A MAC, a MAC Verify and a Hash streamed in two parts give what one request gives. */
  @Test
  void streamedMacVerifyAndHashMatchTheWholeOperation() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = register(v, hex("0123456789abcdef0123456789abcdef"), CryptographicAlgorithm.HMAC_SHA256, 128,
        Kmip.mask(CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY));
    byte[] a = hex("0102030405");
    byte[] b = hex("060708090a0b");
    byte[] ab = hex("0102030405060708090a0b");
    Item init = new Item.Boolean(Tag.INIT_INDICATOR, true);
    Item fin = new Item.Boolean(Tag.FINAL_INDICATOR, true);
    byte[] whole = bytes(ok(Kmip.call(h, v, Operation.MAC, uid, data(ab))), Tag.MAC_DATA);
    ResponseBatchItem m1 = ok(Kmip.call(h, v, Operation.MAC, uid, data(a), init));
    assertThat(m1.responsePayload().first(Tag.MAC_DATA)).isEmpty();
    byte[] streamed = bytes(ok(Kmip.call(h, v, Operation.MAC, uid, data(b),
        new Item.ByteString(Tag.CORRELATION_VALUE, bytes(m1, Tag.CORRELATION_VALUE)), fin)), Tag.MAC_DATA);
    assertThat(streamed).isEqualTo(whole);

    ResponseBatchItem v1 = ok(Kmip.call(h, v, Operation.MAC_VERIFY, uid, data(a), init));
    assertThat(v1.responsePayload().first(Tag.VALIDITY_INDICATOR))
        .contains(new Item.Enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.UNKNOWN.value()));
    ResponseBatchItem v2 = ok(Kmip.call(h, v, Operation.MAC_VERIFY, uid, data(b),
        new Item.ByteString(Tag.CORRELATION_VALUE, bytes(v1, Tag.CORRELATION_VALUE)), fin,
        new Item.ByteString(Tag.MAC_DATA, whole)));
    assertThat(v2.responsePayload().first(Tag.VALIDITY_INDICATOR))
        .contains(new Item.Enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.VALID.value()));

    Item sha256 = params(new Item.Enumeration(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256.value()));
    byte[] digest = bytes(ok(h.call(v, Operation.HASH, sha256, data(ab))), Tag.DATA);
    ResponseBatchItem h1 = ok(h.call(v, Operation.HASH, sha256, data(a), init));
    byte[] streamedDigest = bytes(ok(h.call(v, Operation.HASH, data(b),
        new Item.ByteString(Tag.CORRELATION_VALUE, bytes(h1, Tag.CORRELATION_VALUE)), fin)), Tag.DATA);
    assertThat(streamedDigest).isEqualTo(digest)
        .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(ab));
  }

  /** NIST SP 800-38C Appendix C, example 2: AES-CCM with an 8-byte nonce and a 6-byte tag; a wrong tag fails. */
  @Test
  void aesCcmKnownAnswer() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = register(v, hex("404142434445464748494a4b4c4d4e4f"), CryptographicAlgorithm.AES, 128,
        Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
    Item ccm = params(mode(BlockCipherMode.CCM), new Item.Integer(Tag.TAG_LENGTH, 6));
    Item nonce = iv(hex("1011121314151617"));
    Item aad = new Item.ByteString(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, hex("000102030405060708090a0b0c0d0e0f"));
    ResponseBatchItem r = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, ccm,
        data(hex("202122232425262728292a2b2c2d2e2f")), nonce, aad));
    assertThat(bytes(r, Tag.DATA)).isEqualTo(hex("d2a1f0e051ea5f62081a7792073d593d"));
    assertThat(bytes(r, Tag.AUTHENTICATED_ENCRYPTION_TAG)).isEqualTo(hex("1fc64fbfaccd"));
    ResponseBatchItem d = ok(Kmip.call(h, v, Operation.DECRYPT, uid, ccm, data(bytes(r, Tag.DATA)), nonce, aad,
        new Item.ByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, hex("1fc64fbfaccd"))));
    assertThat(bytes(d, Tag.DATA)).isEqualTo(hex("202122232425262728292a2b2c2d2e2f"));
    ResponseBatchItem bad = Kmip.call(h, v, Operation.DECRYPT, uid, ccm, data(bytes(r, Tag.DATA)), nonce, aad,
        new Item.ByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, hex("00c64fbfaccd")));
    assertThat(bad.resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
  }

  /** KMIP 1.2 has no Correlation Value: a streamed request is refused rather than answered with one. */
  @Test
  void streamingNeedsKmip13() throws Exception {
    KmipVersion v = KmipVersion.V1_2;
    String uid = aes128(v, params(mode(BlockCipherMode.ECB)));
    ResponseBatchItem r = Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN), new Item.Boolean(Tag.INIT_INDICATOR, true));
    assertThat(r.resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN)));
  }

  /** Random IV with an IV Length: a GCM nonce of 96 bits by default, of the length asked otherwise. */
  @Test
  void randomIvHonoursIvLength() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = aes128(v);
    Item random = new Item.Boolean(Tag.RANDOM_IV, true);
    ResponseBatchItem dflt = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, params(mode(BlockCipherMode.GCM), random),
        data(PLAIN)));
    assertThat(bytes(dflt, Tag.IV_COUNTER_NONCE)).hasSize(12);
    Item gcm128 = params(mode(BlockCipherMode.GCM), random, new Item.Integer(Tag.IV_LENGTH, 128));
    ResponseBatchItem r = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, gcm128, data(PLAIN)));
    assertThat(bytes(r, Tag.IV_COUNTER_NONCE)).hasSize(16);
    ResponseBatchItem d = ok(Kmip.call(h, v, Operation.DECRYPT, uid, params(mode(BlockCipherMode.GCM)),
        data(bytes(r, Tag.DATA)), iv(bytes(r, Tag.IV_COUNTER_NONCE)),
        new Item.ByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, bytes(r, Tag.AUTHENTICATED_ENCRYPTION_TAG))));
    assertThat(bytes(d, Tag.DATA)).isEqualTo(PLAIN);
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, uid,
        params(mode(BlockCipherMode.GCM), random, new Item.Integer(Tag.IV_LENGTH, 12)), data(PLAIN)).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** NIST SP 800-38A F.5.1 (CTR-AES128.Encrypt, first block). */
  @Test
  void aesCtrKnownAnswer() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = register(v, hex("2b7e151628aed2a6abf7158809cf4f3c"), CryptographicAlgorithm.AES, 128,
        Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
    ResponseBatchItem r = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, params(mode(BlockCipherMode.CTR)),
        data(hex("6bc1bee22e409f96e93d7e117393172a")), iv(hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"))));
    assertThat(bytes(r, Tag.DATA)).isEqualTo(hex("874d6191b620e3261bef6864990db6ce"));
  }

  /** Triple DES CBC with PKCS5 padding round trip (ECB's known answer is CS-BC-M-4-12-3DES-13); an IV not 8 bytes is refused. */
  @Test
  void tripleDesCbcRoundTripAndIvLength() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    String uid = register(v, hex("0123456789abcdef23456789abcdef01456789abcdef0123"), CryptographicAlgorithm.DES3, 168,
        Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT),
        params(mode(BlockCipherMode.CBC), padding(PaddingMethod.PKCS5)));
    byte[] text = "Now is the time for all ".getBytes(StandardCharsets.US_ASCII);
    byte[] c = bytes(ok(Kmip.call(h, v, Operation.ENCRYPT, uid, data(text), iv(hex("1234567890abcdef")))), Tag.DATA);
    assertThat(c).hasSize(32);
    assertThat(bytes(ok(Kmip.call(h, v, Operation.DECRYPT, uid, data(c), iv(hex("1234567890abcdef")))), Tag.DATA))
        .isEqualTo(text);
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, uid, data(text), iv(new byte[16])).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** RFC 4231 §4.2 (HMAC-SHA-256, test case 1) and RFC 4493 §4 example 2 (AES-CMAC); MAC Verify says Invalid for a wrong MAC. */
  @Test
  void hmacAndCmacKnownAnswers() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    Item macMask = Kmip.mask(CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY);
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0x0b);
    String hmac = register(v, key, CryptographicAlgorithm.HMAC_SHA256, 160, macMask);
    byte[] hiThere = "Hi There".getBytes(StandardCharsets.US_ASCII);
    byte[] want = hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(bytes(ok(Kmip.call(h, v, Operation.MAC, hmac, data(hiThere))), Tag.MAC_DATA)).isEqualTo(want);
    String cmac = register(v, hex("2b7e151628aed2a6abf7158809cf4f3c"), CryptographicAlgorithm.AES, 128, macMask);
    assertThat(bytes(ok(Kmip.call(h, v, Operation.MAC, cmac, params(mode(BlockCipherMode.CMAC)),
        data(hex("6bc1bee22e409f96e93d7e117393172a")))), Tag.MAC_DATA))
        .isEqualTo(hex("070a16b46b4d4144f79bdd9dd04a287c"));
    want[0] ^= 1;
    ResponseBatchItem bad = ok(Kmip.call(h, v, Operation.MAC_VERIFY, hmac, data(hiThere),
        new Item.ByteString(Tag.MAC_DATA, want)));
    assertThat(bad.responsePayload().first(Tag.VALIDITY_INDICATOR))
        .contains(new Item.Enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.INVALID.value()));
  }

  /** FIPS 202 SHA3-256("abc"); without a Hashing Algorithm, Hash is refused. */
  @Test
  void hashSha3AndMissingAlgorithm() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    ResponseBatchItem r = ok(h.call(v, Operation.HASH,
        params(new Item.Enumeration(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA3_256.value())),
        data("abc".getBytes(StandardCharsets.US_ASCII))));
    assertThat(bytes(r, Tag.DATA)).isEqualTo(hex("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"));
    assertThat(h.call(v, Operation.HASH, data(PLAIN)).resultReason()).isEqualTo(ResultReason.MISSING_DATA);
  }

  /** CS-RNG-M-1: Data Length bytes of fresh randomness; lengths out of bounds are Invalid Field. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void rngRetrieveIsBounded(KmipVersion v) throws Exception {
    byte[] a = bytes(ok(h.call(v, Operation.RNG_RETRIEVE, new Item.Integer(Tag.DATA_LENGTH, 32))), Tag.DATA);
    byte[] b = bytes(ok(h.call(v, Operation.RNG_RETRIEVE, new Item.Integer(Tag.DATA_LENGTH, 32))), Tag.DATA);
    assertThat(a).hasSize(32).isNotEqualTo(b);
    for (int n : new int[] {0, -1, RngRetrieveHandler.MAX_LENGTH + 1}) {
      assertThat(h.call(v, Operation.RNG_RETRIEVE, new Item.Integer(Tag.DATA_LENGTH, n)).resultReason())
          .isEqualTo(ResultReason.INVALID_FIELD);
    }
  }

  /** RNG Seed reports what it took: all of a short seed, at most MAX_SEED bytes of a long one. */
  @Test
  void rngSeedReportsTheBytesAccepted() throws Exception {
    ResponseBatchItem r = ok(h.call(KmipVersion.V2_1, Operation.RNG_SEED,
        data(new byte[RngSeedHandler.MAX_SEED + 10])));
    assertThat(r.responsePayload().first(Tag.DATA_LENGTH))
        .contains(new Item.Integer(Tag.DATA_LENGTH, RngSeedHandler.MAX_SEED));
  }

  /** A revoked (Compromised) key still decrypts, as processing protection allows; Encrypt is refused. */
  @Test
  void aCompromisedKeyOnlyProcesses() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    Item ecb = params(mode(BlockCipherMode.ECB));
    String uid = aes128(v, ecb);
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.KEY_COMPROMISE));
    assertThat(Kmip.call(h, v, Operation.ENCRYPT, uid, data(PLAIN)).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    ok(Kmip.call(h, v, Operation.DECRYPT, uid, data(PLAIN)));
  }

  /** Query lists the cryptographic operations (it reads the dispatch table). */
  @Test
  void queryListsTheCryptographicOperations() throws Exception {
    ResponseBatchItem r = ok(h.call(KmipVersion.V2_1, Operation.QUERY,
        new Item.Enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS.value())));
    List<Item> ops = r.responsePayload().all(Tag.OPERATION);
    for (Operation op : List.of(Operation.ENCRYPT, Operation.DECRYPT, Operation.MAC, Operation.MAC_VERIFY,
        Operation.HASH, Operation.RNG_RETRIEVE, Operation.RNG_SEED)) {
      assertThat(ops).contains(new Item.Enumeration(Tag.OPERATION, op.value()));
    }
  }

  /** The payload with its Unique Identifier bound and, for a continuation, the Correlation Value. */
  private static Item[] withUid(Item.Structure payload, String uid, byte[] correlation) {
    List<Item> out = new ArrayList<>();
    for (Item i : payload.items()) {
      if (i.tag() == Tag.UNIQUE_IDENTIFIER) {
        out.add(Kmip.uid(uid));
      } else if (i.tag() == Tag.CORRELATION_VALUE) {
        out.add(new Item.ByteString(Tag.CORRELATION_VALUE, correlation));
      } else {
        out.add(i);
      }
    }
    return out.toArray(Item[]::new);
  }
}
