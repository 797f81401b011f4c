package keyward.server.operation;

import static keyward.server.operation.Kmip.date;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every permitted transition of the state machine (2.1 §4.57, numbered as there), with its dates. */
class TransitionsTest {
  private final ServerHarness h = new ServerHarness();
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;

  private Instant now() {
    return h.clock.instant();
  }

  private long seconds(ManagedObject mo, int tag) {
    return ((Item.DateTime) mo.attributes().first(tag).orElseThrow()).epochSeconds();
  }

  private String active(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    ok(Kmip.call(h, v, Operation.ACTIVATE, uid));
    return uid;
  }

  /** 1: a new object is Pre-Active... */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t1NewObjectIsPreActive(KmipVersion v) throws Exception {
    assertThat(Kmip.state(h, Kmip.createAes(h, v))).isEqualTo(State.PRE_ACTIVE);
  }

  /** ...or Active at once when its Activation Date has passed, the date kept as given. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t1PastActivationDateMakesItActiveAtOnce(KmipVersion v) throws Exception {
    Instant past = now().minusSeconds(3600);
    ManagedObject mo = Kmip.stored(h, Kmip.createAes(h, v, date(Tag.ACTIVATION_DATE, past)));
    assertThat(mo.storedState()).isEqualTo(State.ACTIVE);
    assertThat(seconds(mo, Tag.ACTIVATION_DATE)).isEqualTo(past.getEpochSecond());
  }

  /** 2: Destroy of a Pre-Active object; the key material goes, the metadata stays. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t2DestroyPreActive(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    h.clock.advanceSeconds(10);
    ok(Kmip.call(h, v, Operation.DESTROY, uid));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.DESTROYED);
    assertThat(mo.object()).isNull();
    assertThat(seconds(mo, Tag.DESTROY_DATE)).isEqualTo(now().getEpochSecond());
    assertThat(mo.attributes().first(Tag.DIGEST)).as("metadata kept").isPresent();
  }

  /** 3: Revoke with a compromise reason; without a date the occurrence is the Initial Date. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t3CompromisePreActive(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    long initial = now().getEpochSecond();
    h.clock.advanceSeconds(60);
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.CA_COMPROMISE));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.COMPROMISED);
    assertThat(seconds(mo, Tag.COMPROMISE_DATE)).isEqualTo(now().getEpochSecond());
    assertThat(seconds(mo, Tag.COMPROMISE_OCCURRENCE_DATE)).isEqualTo(initial);
    assertThat(mo.attributes().first(Tag.REVOCATION_REASON)).isPresent();
  }

  /** 4: Activate, Activation Date = now (SKLC-M-2). */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t4Activate(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    h.clock.advanceSeconds(5);
    ok(Kmip.call(h, v, Operation.ACTIVATE, uid));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.ACTIVE);
    assertThat(seconds(mo, Tag.ACTIVATION_DATE)).isEqualTo(now().getEpochSecond());
  }

  /** 5: an Active key compromised at the date the client gives (SKLC-M-2). */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t5CompromiseActive(KmipVersion v) throws Exception {
    String uid = active(v);
    ok(Kmip.call(h, v, Operation.REVOKE, uid, new Item.Structure(Tag.REVOCATION_REASON,
            new Item.Enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.KEY_COMPROMISE.value())),
        new Item.DateTime(Tag.COMPROMISE_OCCURRENCE_DATE, 6)));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.COMPROMISED);
    assertThat(seconds(mo, Tag.COMPROMISE_OCCURRENCE_DATE)).isEqualTo(6);
  }

  /** 6: Revoke with another reason deactivates, Deactivation Date = now, the reason kept. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t6RevokeDeactivates(KmipVersion v) throws Exception {
    String uid = active(v);
    h.clock.advanceSeconds(30);
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.CESSATION_OF_OPERATION));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.DEACTIVATED);
    assertThat(seconds(mo, Tag.DEACTIVATION_DATE)).isEqualTo(now().getEpochSecond());
    assertThat(mo.attributes().first(Tag.REVOCATION_REASON)).contains(new Item.Structure(Tag.REVOCATION_REASON,
        new Item.Enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.CESSATION_OF_OPERATION.value())));
  }

  /** 7: Destroy of a Deactivated object (TC-51: Revoke then Destroy in one batch). */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t7DestroyDeactivated(KmipVersion v) throws Exception {
    String uid = active(v);
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.SUPERSEDED));
    ok(Kmip.call(h, v, Operation.DESTROY, uid));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.DESTROYED);
  }

  /** 8: a Deactivated object compromised. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t8CompromiseDeactivated(KmipVersion v) throws Exception {
    String uid = active(v);
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.AFFILIATION_CHANGED));
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.KEY_COMPROMISE));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.COMPROMISED);
  }

  /** 9: Destroy of a Compromised object (SKLC-M-2). */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t9DestroyCompromised(KmipVersion v) throws Exception {
    String uid = active(v);
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.KEY_COMPROMISE));
    ok(Kmip.call(h, v, Operation.DESTROY, uid));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.DESTROYED_COMPROMISED);
    assertThat(mo.object()).isNull();
  }

  /** 10: a destroyed object reported compromised afterwards. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void t10CompromiseDestroyed(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    ok(Kmip.call(h, v, Operation.DESTROY, uid));
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.KEY_COMPROMISE));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.storedState()).isEqualTo(State.DESTROYED_COMPROMISED);
    assertThat(mo.attributes().first(Tag.COMPROMISE_DATE)).isPresent();
  }

  /** BL-M-7-21: Activation and Deactivation Dates both past make a Deactivated key; compromise it. */
  @Test
  void pastActivationAndDeactivationDatesGiveDeactivated() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-7-21.xml", Operation.REGISTER);
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.DEACTIVATED);
    Item.Structure revoke = OasisRequests.payload("2.1", "BL-M-7-21.xml", Operation.REVOKE);
    ok(h.call(KmipVersion.V2_1, Operation.REVOKE, Kmip.uid(uid), revoke.first(Tag.REVOCATION_REASON).orElseThrow(),
        revoke.first(Tag.COMPROMISE_OCCURRENCE_DATE).orElseThrow()));
    assertThat(Kmip.state(h, uid)).isEqualTo(State.COMPROMISED);
  }
}
