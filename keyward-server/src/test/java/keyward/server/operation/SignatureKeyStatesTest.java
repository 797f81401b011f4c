package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign applies protection and Signature Verify processes it (2.1 §4.57), checked in every state
 * and on every part of a stream, as Encrypt and Decrypt are: Sign only with an Active key;
 * Verify with an Active, Deactivated or Compromised one; neither before activation nor after
 * destruction (Wrong Key Lifecycle State; 1.x clients: Permission Denied).
 */
class SignatureKeyStatesTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private static final Item DATA = new Item.ByteString(Tag.DATA, new byte[] {1, 2, 3});
  private final ServerHarness h = new ServerHarness();

  enum KeyState {
    PRE_ACTIVE(State.PRE_ACTIVE, false, false),
    ACTIVE(State.ACTIVE, true, true),
    DEACTIVATED(State.DEACTIVATED, false, true),
    COMPROMISED(State.COMPROMISED, false, true),
    DESTROYED(State.DESTROYED, false, false);

    final State state;
    final boolean signs;
    final boolean verifies;

    KeyState(State state, boolean signs, boolean verifies) {
      this.state = state;
      this.signs = signs;
      this.verifies = verifies;
    }
  }

  private String[] pair() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(Kmip.mask(CryptographicUsageMask.SIGN)),
        List.of(Kmip.mask(CryptographicUsageMask.VERIFY)))));
    return new String[] {
        ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value(),
        ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value()};
  }

  private void bring(String uid, KeyState s) throws Exception {
    if (s == KeyState.PRE_ACTIVE) {
      return;
    }
    ok(Kmip.call(h, V, Operation.ACTIVATE, uid));
    switch (s) {
      case DEACTIVATED -> ok(Kmip.revoke(h, V, uid, RevocationReasonCode.CESSATION_OF_OPERATION));
      case COMPROMISED -> ok(Kmip.revoke(h, V, uid, RevocationReasonCode.KEY_COMPROMISE));
      case DESTROYED -> {
        ok(Kmip.revoke(h, V, uid, RevocationReasonCode.CESSATION_OF_OPERATION));
        ok(Kmip.call(h, V, Operation.DESTROY, uid));
      }
      default -> { }
    }
    assertThat(Kmip.state(h, uid)).isEqualTo(s.state);
  }

  private static void expect(ResponseBatchItem r, boolean allowed, KmipVersion v) {
    if (allowed) {
      ok(r);
    } else {
      assertThat(r.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(r.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
          ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyState.class)
  void signAndVerifyInEachState(KeyState s) throws Exception {
    String[] ids = pair();
    // a valid signature, made while both keys are Active
    String[] good = pair();
    ok(Kmip.call(h, V, Operation.ACTIVATE, good[0]));
    byte[] sig = ((Item.ByteString) ok(Kmip.call(h, V, Operation.SIGN, good[0], DATA)).responsePayload()
        .first(Tag.SIGNATURE_DATA).orElseThrow()).value();
    bring(ids[0], s);
    bring(ids[1], s);
    Item signature = new Item.ByteString(Tag.SIGNATURE_DATA, sig);
    for (KmipVersion v : List.of(KmipVersion.V1_4, V)) {
      expect(Kmip.call(h, v, Operation.SIGN, ids[0], DATA), s.signs, v);
      expect(Kmip.call(h, v, Operation.SIGNATURE_VERIFY, ids[1], DATA, signature), s.verifies, v);
      // the first part of a stream is checked as a whole request is
      expect(Kmip.call(h, v, Operation.SIGN, ids[0], DATA, new Item.Boolean(Tag.INIT_INDICATOR, true),
          new Item.Boolean(Tag.FINAL_INDICATOR, false)), s.signs, v);
      expect(Kmip.call(h, v, Operation.SIGNATURE_VERIFY, ids[1], DATA, new Item.Boolean(Tag.INIT_INDICATOR, true),
          new Item.Boolean(Tag.FINAL_INDICATOR, false)), s.verifies, v);
    }
  }

  /** A key revoked while a stream is open signs no further part; its public key still verifies one. */
  @ParameterizedTest
  @EnumSource(value = KeyState.class, names = {"DEACTIVATED", "COMPROMISED"})
  void revokingDuringAStreamStopsSigningNotVerifying(KeyState s) throws Exception {
    String[] ids = pair();
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[0]));
    ok(Kmip.call(h, V, Operation.ACTIVATE, ids[1]));
    Item init = new Item.Boolean(Tag.INIT_INDICATOR, true);
    Item more = new Item.Boolean(Tag.FINAL_INDICATOR, false);
    Item sign = ok(Kmip.call(h, V, Operation.SIGN, ids[0], DATA, init, more)).responsePayload()
        .first(Tag.CORRELATION_VALUE).orElseThrow();
    Item verify = ok(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, ids[1], DATA, init, more)).responsePayload()
        .first(Tag.CORRELATION_VALUE).orElseThrow();
    RevocationReasonCode code = s == KeyState.COMPROMISED ? RevocationReasonCode.KEY_COMPROMISE
        : RevocationReasonCode.CESSATION_OF_OPERATION;
    ok(Kmip.revoke(h, V, ids[0], code));
    ok(Kmip.revoke(h, V, ids[1], code));
    Item last = new Item.Boolean(Tag.FINAL_INDICATOR, true);
    expect(Kmip.call(h, V, Operation.SIGN, ids[0], DATA, sign, last), false, V);
    expect(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, ids[1], DATA, verify, last,
        new Item.ByteString(Tag.SIGNATURE_DATA, new byte[256])), true, V);
  }

  /** Verify before the Process Start Date is refused for a streamed part too (CS-AC-M-8 for one-shot). */
  @Test
  void processStartDateHoldsForStreamedVerify() throws Exception {
    Instant now = h.clock.instant();
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(Kmip.mask(CryptographicUsageMask.SIGN)),
        List.of(Kmip.mask(CryptographicUsageMask.VERIFY), Kmip.date(Tag.PROCESS_START_DATE, now.plusSeconds(60))))));
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, pub));
    Item init = new Item.Boolean(Tag.INIT_INDICATOR, true);
    Item more = new Item.Boolean(Tag.FINAL_INDICATOR, false);
    expect(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, pub, DATA, init, more), false, V);
    h.clock.advanceSeconds(60);
    expect(Kmip.call(h, V, Operation.SIGNATURE_VERIFY, pub, DATA, init, more), true, V);
  }
}
