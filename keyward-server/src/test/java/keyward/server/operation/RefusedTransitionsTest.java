package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

/**
 * What the state machine does not permit, each refused with its Result Reason: Wrong Key
 * Lifecycle State in 2.x, which 1.x clients receive as Permission Denied (SKLC-M-2-14), and
 * Object Destroyed for a second Destroy. A refusal leaves the object as it was.
 */
class RefusedTransitionsTest {
  private final ServerHarness h = new ServerHarness();

  private String inState(State s) throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1);
    switch (s) {
      case PRE_ACTIVE -> { }
      case ACTIVE -> ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid));
      case DEACTIVATED -> {
        ok(Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid));
        ok(Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.CESSATION_OF_OPERATION));
      }
      case COMPROMISED -> ok(Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.KEY_COMPROMISE));
      case DESTROYED -> ok(Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, uid));
      case DESTROYED_COMPROMISED -> {
        ok(Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.KEY_COMPROMISE));
        ok(Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, uid));
      }
    }
    assertThat(Kmip.state(h, uid)).isEqualTo(s);
    return uid;
  }

  private void refused(String uid, ResponseBatchItem r, ResultReason reason, State unchanged) throws Exception {
    assertThat(r.resultReason()).as(r.resultMessage()).isEqualTo(reason);
    assertThat(Kmip.state(h, uid)).isEqualTo(unchanged);
  }

  /** SKLC-M-2-21 / SKLC-M-2-14: an Active key is not destroyed. */
  @Test
  void destroyOfAnActiveObject() throws Exception {
    String uid = inState(State.ACTIVE);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.ACTIVE);
    refused(uid, Kmip.call(h, KmipVersion.V1_4, Operation.DESTROY, uid), ResultReason.PERMISSION_DENIED, State.ACTIVE);
    refused(uid, Kmip.call(h, KmipVersion.V1_2, Operation.DESTROY, uid), ResultReason.PERMISSION_DENIED, State.ACTIVE);
    assertThat(Kmip.stored(h, uid).object()).as("key material kept").isNotNull();
  }

  @Test
  void destroyOfADestroyedObject() throws Exception {
    String uid = inState(State.DESTROYED);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, uid), ResultReason.OBJECT_DESTROYED, State.DESTROYED);
    refused(uid, Kmip.call(h, KmipVersion.V1_4, Operation.DESTROY, uid), ResultReason.PERMISSION_DENIED, State.DESTROYED);
  }

  @Test
  void destroyOfADestroyedCompromisedObject() throws Exception {
    String uid = inState(State.DESTROYED_COMPROMISED);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, uid), ResultReason.OBJECT_DESTROYED,
        State.DESTROYED_COMPROMISED);
  }

  @Test
  void activateOfAnActiveObject() throws Exception {
    String uid = inState(State.ACTIVE);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.ACTIVE);
    refused(uid, Kmip.call(h, KmipVersion.V1_4, Operation.ACTIVATE, uid), ResultReason.PERMISSION_DENIED, State.ACTIVE);
  }

  @Test
  void activateOfADeactivatedObject() throws Exception {
    String uid = inState(State.DEACTIVATED);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE,
        State.DEACTIVATED);
  }

  @Test
  void activateOfACompromisedObject() throws Exception {
    String uid = inState(State.COMPROMISED);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE,
        State.COMPROMISED);
  }

  @Test
  void activateOfADestroyedObject() throws Exception {
    String uid = inState(State.DESTROYED);
    refused(uid, Kmip.call(h, KmipVersion.V2_1, Operation.ACTIVATE, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE,
        State.DESTROYED);
  }

  /** Pre-Active to Deactivated is no transition of the spec: only a compromise leaves Pre-Active by Revoke. */
  @Test
  void deactivatingRevokeOfAPreActiveObject() throws Exception {
    String uid = inState(State.PRE_ACTIVE);
    refused(uid, Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.UNSPECIFIED),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.PRE_ACTIVE);
    refused(uid, Kmip.revoke(h, KmipVersion.V1_2, uid, RevocationReasonCode.UNSPECIFIED),
        ResultReason.PERMISSION_DENIED, State.PRE_ACTIVE);
  }

  @Test
  void deactivatingRevokeOfADeactivatedObject() throws Exception {
    String uid = inState(State.DEACTIVATED);
    refused(uid, Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.SUPERSEDED),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.DEACTIVATED);
  }

  @Test
  void deactivatingRevokeOfADestroyedObject() throws Exception {
    String uid = inState(State.DESTROYED);
    refused(uid, Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.SUPERSEDED),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.DESTROYED);
  }

  @Test
  void compromiseOfACompromisedObject() throws Exception {
    String uid = inState(State.COMPROMISED);
    refused(uid, Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.KEY_COMPROMISE),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.COMPROMISED);
  }

  @Test
  void compromiseOfADestroyedCompromisedObject() throws Exception {
    String uid = inState(State.DESTROYED_COMPROMISED);
    refused(uid, Kmip.revoke(h, KmipVersion.V2_1, uid, RevocationReasonCode.CA_COMPROMISE),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE, State.DESTROYED_COMPROMISED);
  }

  @Test
  void compromiseOccurrenceDateWithAnotherReasonIsAnInvalidField() throws Exception {
    String uid = inState(State.ACTIVE);
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V2_1, Operation.REVOKE, uid,
        new Item.Structure(Tag.REVOCATION_REASON,
            new Item.Enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.SUPERSEDED.value())),
        new Item.DateTime(Tag.COMPROMISE_OCCURRENCE_DATE, 6));
    refused(uid, r, ResultReason.INVALID_FIELD, State.ACTIVE);
  }

  @Test
  void revokeWithoutReasonIsAnInvalidField() throws Exception {
    String uid = inState(State.ACTIVE);
    refused(uid, Kmip.call(h, KmipVersion.V1_4, Operation.REVOKE, uid), ResultReason.INVALID_FIELD, State.ACTIVE);
  }
}
