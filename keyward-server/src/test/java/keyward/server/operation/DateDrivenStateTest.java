package keyward.server.operation;

import static keyward.server.operation.Kmip.date;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

/**
 * Activation and Deactivation Dates in the future take effect when the clock passes them
 * (transitions 4 and 6), with no sweep: every operation judges the state against its own
 * clock reading.
 */
class DateDrivenStateTest {
  private final ServerHarness h = new ServerHarness();

  private Instant in(long seconds) {
    return h.clock.instant().plusSeconds(seconds);
  }

  @Test
  void aFutureActivationDateActivatesWhenReached() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, date(Tag.ACTIVATION_DATE, in(100)));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.PRE_ACTIVE);
    h.clock.advanceSeconds(99);
    assertThat(Kmip.state(h, uid)).isEqualTo(State.PRE_ACTIVE);
    h.clock.advanceSeconds(1);
    assertThat(Kmip.state(h, uid)).isEqualTo(State.ACTIVE);
  }

  /** Once the date has passed, operations see an Active object: no Activate, no Destroy. */
  @Test
  void operationsJudgeTheStateTheDateMade() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, date(Tag.ACTIVATION_DATE, in(100)));
    h.clock.advanceSeconds(100);
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.DESTROY, uid).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  /** A Revoke after the date deactivates the (now Active) key and records the state. */
  @Test
  void revokeAfterTheActivationDateDeactivates() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V1_4, date(Tag.ACTIVATION_DATE, in(10)));
    h.clock.advanceSeconds(20);
    ok(Kmip.revoke(h, KmipVersion.V1_4, uid, RevocationReasonCode.CESSATION_OF_OPERATION));
    assertThat(Kmip.stored(h, uid).storedState()).isEqualTo(State.DEACTIVATED);
  }

  /** TC-92: an Active key whose Deactivation Date passes is Deactivated, and may be destroyed. */
  @Test
  void aDeactivationDateDeactivatesWhenReached() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V1_2, date(Tag.ACTIVATION_DATE, h.clock.instant()),
        date(Tag.DEACTIVATION_DATE, in(120)));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.ACTIVE);
    h.clock.advanceSeconds(120);
    assertThat(Kmip.state(h, uid)).isEqualTo(State.DEACTIVATED);
    ok(Kmip.call(h, KmipVersion.V1_2, Operation.DESTROY, uid));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.DESTROYED);
  }

  /** A Deactivation Date alone does not move a Pre-Active object: Pre-Active to Deactivated is no transition. */
  @Test
  void aDeactivationDateLeavesAPreActiveObjectAlone() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, date(Tag.DEACTIVATION_DATE, in(10)));
    h.clock.advanceSeconds(20);
    assertThat(Kmip.state(h, uid)).isEqualTo(State.PRE_ACTIVE);
  }

  /** Both dates passing between requests: Pre-Active, then straight to Deactivated. */
  @Test
  void bothDatesPassing() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, date(Tag.ACTIVATION_DATE, in(10)),
        date(Tag.DEACTIVATION_DATE, in(20)));
    h.clock.advanceSeconds(30);
    assertThat(Kmip.state(h, uid)).isEqualTo(State.DEACTIVATED);
    ok(Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.KEY_COMPROMISE));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.COMPROMISED);
  }
}
