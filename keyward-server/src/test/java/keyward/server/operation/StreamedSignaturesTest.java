package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UsageLimitsUnit;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

/**
 * Sign and Signature Verify streamed in parts (2.1 §6.1.50/51: Init Indicator, Correlation Value,
 * Final Indicator), as Encrypt and MAC are: a streamed signature is the one-shot signature of
 * the whole message, and the stream is bounded, timed out and owned like a cipher stream.
 */
class StreamedSignaturesTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private static final byte[] MESSAGE = "a message sent to be signed in three parts".getBytes();
  private final ServerHarness h = new ServerHarness();

  private String[] activePair(Item... kind) throws Exception {
    String[] ids = CreateKeyPairHandlerTest.createPair(h, V, kind);
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[0]));
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[1]));
    return ids;
  }

  private static Item data(byte[] d) {
    return new Item.ByteString(Tag.DATA, d);
  }

  private static Item init() {
    return new Item.Boolean(Tag.INIT_INDICATOR, true);
  }

  private static Item fin(boolean last) {
    return new Item.Boolean(Tag.FINAL_INDICATOR, last);
  }

  private static Item correlation(byte[] c) {
    return new Item.ByteString(Tag.CORRELATION_VALUE, c);
  }

  private static byte[] bytes(ResponseBatchItem r, int tag) {
    return ((Item.ByteString) r.responsePayload().first(tag).orElseThrow()).value();
  }

  private static List<byte[]> thirds(byte[] m) {
    int a = m.length / 3;
    return List.of(Arrays.copyOfRange(m, 0, a), Arrays.copyOfRange(m, a, 2 * a), Arrays.copyOfRange(m, 2 * a, m.length));
  }

  /** Signs {@code parts} as one stream; {@code extra} goes into every part (Cryptographic Parameters). */
  private byte[] signStreamed(String priv, List<byte[]> parts, Item... extra) throws Exception {
    byte[] c = null;
    for (int i = 0; i < parts.size(); i++) {
      List<Item> items = new ArrayList<>(List.of(extra));
      items.add(data(parts.get(i)));
      items.add(i == 0 ? init() : correlation(c));
      items.add(fin(i == parts.size() - 1));
      ResponseBatchItem r = ok(Kmip.call(h, V, Operation.SIGN, priv, items.toArray(Item[]::new)));
      if (i < parts.size() - 1) {
        assertThat(r.responsePayload().first(Tag.SIGNATURE_DATA)).isEmpty();
        c = bytes(r, Tag.CORRELATION_VALUE);
      } else {
        assertThat(r.responsePayload().first(Tag.CORRELATION_VALUE)).isEmpty();
        return bytes(r, Tag.SIGNATURE_DATA);
      }
    }
    throw new AssertionError("no parts");
  }

  private Item verifyStreamed(String pub, List<byte[]> parts, byte[] signature, Item... extra) throws Exception {
    byte[] c = null;
    for (int i = 0; i < parts.size(); i++) {
      List<Item> items = new ArrayList<>(List.of(extra));
      items.add(data(parts.get(i)));
      items.add(i == 0 ? init() : correlation(c));
      boolean last = i == parts.size() - 1;
      items.add(fin(last));
      if (last) {
        items.add(new Item.ByteString(Tag.SIGNATURE_DATA, signature));
      }
      ResponseBatchItem r = ok(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, pub, items.toArray(Item[]::new)));
      if (!last) {
        assertThat(validity(r)).isEqualTo(indicator(ValidityIndicator.UNKNOWN));
        c = bytes(r, Tag.CORRELATION_VALUE);
      } else {
        return validity(r);
      }
    }
    throw new AssertionError("no parts");
  }

  private static Item validity(ResponseBatchItem r) {
    return r.responsePayload().first(Tag.VALIDITY_INDICATOR).orElseThrow();
  }

  private static Item indicator(ValidityIndicator v) {
    return new Item.Enumeration(Tag.VALIDITY_INDICATOR, v.value());
  }

  private byte[] signWhole(String priv, byte[] m, Item... extra) throws Exception {
    List<Item> items = new ArrayList<>(List.of(extra));
    items.add(data(m));
    return bytes(ok(Kmip.call(h, V, Operation.SIGN, priv, items.toArray(Item[]::new))), Tag.SIGNATURE_DATA);
  }

  private Item verifyWhole(String pub, byte[] m, byte[] sig, Item... extra) throws Exception {
    List<Item> items = new ArrayList<>(List.of(extra));
    items.add(data(m));
    items.add(new Item.ByteString(Tag.SIGNATURE_DATA, sig));
    return validity(ok(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, pub, items.toArray(Item[]::new))));
  }

  /** PKCS#1 v1.5 is deterministic: the streamed signature is byte for byte the one-shot one. */
  @Test
  void streamedPkcs1SignatureEqualsTheOneShotSignature() throws Exception {
    String[] rsa = activePair(alg(CryptographicAlgorithm.RSA), len(2048));
    Item pkcs1 = SignAndVerifyTest.params(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_384);
    byte[] streamed = signStreamed(rsa[0], thirds(MESSAGE), pkcs1);
    assertThat(streamed).hasSize(256).isEqualTo(signWhole(rsa[0], MESSAGE, pkcs1));
    assertThat(verifyWhole(rsa[1], MESSAGE, streamed, pkcs1)).isEqualTo(indicator(ValidityIndicator.VALID));
  }

  /** PSS and ECDSA are randomised: a streamed signature verifies one-shot, and the other way round. */
  @Test
  void streamedPssAndEcdsaSignaturesVerifyEitherWay() throws Exception {
    Item pss = SignAndVerifyTest.params(PaddingMethod.PSS, HashingAlgorithm.SHA_256);
    String[] rsa = activePair(alg(CryptographicAlgorithm.RSA), len(2048));
    String[] ec = activePair(alg(CryptographicAlgorithm.ECDSA), CreateKeyPairHandlerTest.curve(RecommendedCurve.P_256));
    for (String[] pair : List.of(rsa, ec)) {
      Item[] p = pair == rsa ? new Item[] {pss} : new Item[0];
      byte[] streamed = signStreamed(pair[0], thirds(MESSAGE), p);
      assertThat(verifyWhole(pair[1], MESSAGE, streamed, p)).isEqualTo(indicator(ValidityIndicator.VALID));
      byte[] whole = signWhole(pair[0], MESSAGE, p);
      assertThat(verifyStreamed(pair[1], thirds(MESSAGE), whole, p)).isEqualTo(indicator(ValidityIndicator.VALID));
      // a changed byte in one part, or in the signature, is Invalid
      byte[] changed = MESSAGE.clone();
      changed[MESSAGE.length / 2] ^= 1;
      assertThat(verifyStreamed(pair[1], thirds(changed), whole, p)).isEqualTo(indicator(ValidityIndicator.INVALID));
      whole[whole.length / 2] ^= 1;
      assertThat(verifyStreamed(pair[1], thirds(MESSAGE), whole, p)).isEqualTo(indicator(ValidityIndicator.INVALID));
    }
    // PSS without a Salt Length (the key's default) also accepts the longest salt when streamed
    assertThat(verifyStreamed(rsa[1], thirds(MESSAGE), signWhole(rsa[0], MESSAGE, pss), pss))
        .isEqualTo(indicator(ValidityIndicator.VALID));
  }

  @Test
  void aWrongOrForeignCorrelationValueIsRefused() throws Exception {
    String[] rsa = activePair(alg(CryptographicAlgorithm.RSA), len(2048));
    ResponseBatchItem unknown = Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), correlation(new byte[16]),
        fin(true));
    assertThat(unknown.resultReason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    byte[] c = bytes(ok(Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), init(), fin(false))),
        Tag.CORRELATION_VALUE);
    // a Sign stream is not a Signature Verify stream, nor an Encrypt one, nor another caller's
    assertThat(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, rsa[1], data(MESSAGE), correlation(c), fin(false))
        .resultReason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    assertThat(Kmip.call(h.as("bob"), V, Operation.SIGN, rsa[0], data(MESSAGE), correlation(c), fin(true))
        .resultReason()).isEqualTo(ResultReason.OBJECT_NOT_FOUND); // not even the key is bob's
    h.as("alice");
    // the owner still finishes it; then it is gone
    byte[] sig = bytes(ok(Kmip.call(h, V, Operation.SIGN, rsa[0], data(new byte[0]), correlation(c), fin(true))),
        Tag.SIGNATURE_DATA);
    assertThat(verifyWhole(rsa[1], MESSAGE, sig)).isEqualTo(indicator(ValidityIndicator.VALID));
    assertThat(Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), correlation(c), fin(true)).resultReason())
        .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
  }

  @Test
  void aStreamIdleTooLongExpires() throws Exception {
    String[] rsa = activePair(alg(CryptographicAlgorithm.RSA), len(2048));
    byte[] c = bytes(ok(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, rsa[1], data(MESSAGE), init(), fin(false))),
        Tag.CORRELATION_VALUE);
    h.clock.advanceSeconds(4 * 60); // a part within the idle time keeps it open...
    c = bytes(ok(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, rsa[1], data(MESSAGE), correlation(c), fin(false))),
        Tag.CORRELATION_VALUE);
    h.clock.advanceSeconds(5 * 60 + 1); // ...and more than five idle minutes close it
    ResponseBatchItem r = Kmip.call(h, V, Operation.SIGNATURE_VERIFY, rsa[1], data(MESSAGE), correlation(c), fin(true),
        new Item.ByteString(Tag.SIGNATURE_DATA, new byte[256]));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
  }

  /** Signature streams share the server's bound on open streams (128) with cipher streams. */
  @Test
  void tooManyOpenStreamsAreRefused() throws Exception {
    String[] rsa = activePair(alg(CryptographicAlgorithm.RSA), len(2048));
    List<byte[]> open = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      open.add(bytes(ok(Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), init(), fin(false))),
          Tag.CORRELATION_VALUE));
    }
    ResponseBatchItem refused = Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), init(), fin(false));
    assertThat(refused.resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    // finishing one makes room for another
    ok(Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), correlation(open.get(0)), fin(true)));
    ok(Kmip.call(h, V, Operation.SIGN, rsa[0], data(MESSAGE), init(), fin(false)));
  }

  /** EdDSA signs the whole message (no pre-hash): streaming it is Feature Not Supported, one-shot works. */
  @Test
  void eddsaIsNotStreamed() throws Exception {
    String[] ed = activePair(alg(CryptographicAlgorithm.ED25519));
    assertThat(Kmip.call(h, V, Operation.SIGN, ed[0], data(MESSAGE), init(), fin(false)).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, ed[1], data(MESSAGE), init(), fin(false)).resultReason())
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(verifyWhole(ed[1], MESSAGE, signWhole(ed[0], MESSAGE))).isEqualTo(indicator(ValidityIndicator.VALID));
  }

  @Test
  void digestedDataIsNotStreamed() throws Exception {
    String[] rsa = activePair(alg(CryptographicAlgorithm.RSA), len(2048));
    assertThat(Kmip.call(h, V, Operation.SIGN, rsa[0], new Item.ByteString(Tag.DIGESTED_DATA, new byte[32]), init(),
        fin(false)).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  private static Item limits(long total, UsageLimitsUnit unit) {
    return new Item.Structure(Tag.USAGE_LIMITS, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, total),
        new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, unit.value()));
  }

  private String limitedSigningKey(Item limits) throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(Kmip.mask(CryptographicUsageMask.SIGN), limits),
        List.of(Kmip.mask(CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    return priv;
  }

  private long count(String uid) throws Exception {
    Item.Structure s = (Item.Structure) Kmip.stored(h, uid).attributes().first(Tag.USAGE_LIMITS).orElseThrow();
    return ((Item.LongInteger) s.first(Tag.USAGE_LIMITS_COUNT).orElseThrow()).value();
  }

  /** Unit Object: a stream is one use however many parts it has; past the count, Permission Denied (CS-BC-M-7-21). */
  @Test
  void aSignatureStreamSpendsOneObjectOfTheUsageLimits() throws Exception {
    String priv = limitedSigningKey(limits(2, UsageLimitsUnit.OBJECT));
    signStreamed(priv, thirds(MESSAGE));
    assertThat(count(priv)).isEqualTo(1);
    signWhole(priv, MESSAGE);
    assertThat(count(priv)).isZero();
    assertThat(Kmip.call(h, V, Operation.SIGN, priv, data(MESSAGE), init(), fin(false)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(Kmip.call(h, V, Operation.SIGN, priv, data(MESSAGE)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(count(priv)).isZero();
  }

  /** Unit Byte: each part spends its bytes; a part that would overdraw is refused, spends nothing and ends the stream. */
  @Test
  void aSignatureStreamSpendsItsBytes() throws Exception {
    String priv = limitedSigningKey(limits(40, UsageLimitsUnit.BYTE));
    byte[] c = bytes(ok(Kmip.call(h, V, Operation.SIGN, priv, data(new byte[30]), init(), fin(false))),
        Tag.CORRELATION_VALUE);
    assertThat(count(priv)).isEqualTo(10);
    ResponseBatchItem over = Kmip.call(h, V, Operation.SIGN, priv, data(new byte[11]), correlation(c), fin(true));
    assertThat(over.resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(count(priv)).isEqualTo(10);
    ok(Kmip.call(h, V, Operation.SIGN, priv, data(new byte[10])));
    assertThat(count(priv)).isZero();
  }

  /** A key whose Protect Stop Date passes while a stream is open signs no further part (CS-AC-M-8). */
  @Test
  void theProtectStopDateEndsAnOpenSignStream() throws Exception {
    java.time.Instant now = h.clock.instant();
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)),
        List.of(Kmip.mask(CryptographicUsageMask.SIGN), Kmip.date(Tag.PROTECT_STOP_DATE, now.plusSeconds(60))),
        List.of(Kmip.mask(CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    byte[] c = bytes(ok(Kmip.call(h, V, Operation.SIGN, priv, data(MESSAGE), init(), fin(false))),
        Tag.CORRELATION_VALUE);
    h.clock.advanceSeconds(61);
    assertThat(Kmip.call(h, V, Operation.SIGN, priv, data(MESSAGE), correlation(c), fin(true)).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }
}
