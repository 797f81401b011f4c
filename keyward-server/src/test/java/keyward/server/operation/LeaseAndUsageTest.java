package keyward.server.operation;

import static keyward.server.operation.Kmip.date;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Obtain Lease (TC-95) and Get Usage Allocation (TC-51). */
class LeaseAndUsageTest {
  private final ServerHarness h = new ServerHarness();
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;

  private static Item limits(long total) {
    return new Item.Structure(Tag.USAGE_LIMITS, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, total),
        new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, 1));
  }

  private static Item count(long n) {
    return new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, n);
  }

  /** TC-95: an Active key gets the server's Lease Time and its Last Change Date. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void anActiveKeyGetsALease(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v, date(Tag.ACTIVATION_DATE, h.clock.instant()));
    long created = h.clock.instant().getEpochSecond();
    h.clock.advanceSeconds(50);
    ResponseBatchItem r = ok(Kmip.call(h, v, Operation.OBTAIN_LEASE, uid));
    assertThat(r.responsePayload().items()).containsExactly(Kmip.uid(uid),
        new Item.Interval(Tag.LEASE_TIME, 3600), new Item.DateTime(Tag.LAST_CHANGE_DATE, created));
  }

  /** TC-95: a compromised key gets no lease (1.x: Permission Denied). */
  @Test
  void aCompromisedKeyGetsNoLease() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V1_2, date(Tag.ACTIVATION_DATE, h.clock.instant()));
    ok(Kmip.revoke(h, KmipVersion.V1_2, uid, RevocationReasonCode.KEY_COMPROMISE));
    assertThat(Kmip.call(h, KmipVersion.V1_2, Operation.OBTAIN_LEASE, uid).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.OBTAIN_LEASE, uid).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  @Test
  void aPreActiveKeyGetsNoLease() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1);
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.OBTAIN_LEASE, uid).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  /** TC-51: 1000 units, two allocations of 500, the third refused (1.x: Permission Denied). */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void allocationsComeOutOfTheUsageLimits(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v, limits(1000), date(Tag.ACTIVATION_DATE, h.clock.instant()),
        date(Tag.PROTECT_STOP_DATE, h.clock.instant().plusSeconds(600)));
    ok(Kmip.call(h, v, Operation.GET_USAGE_ALLOCATION, uid, count(500)));
    ok(Kmip.call(h, v, Operation.GET_USAGE_ALLOCATION, uid, count(500)));
    ResponseBatchItem third = Kmip.call(h, v, Operation.GET_USAGE_ALLOCATION, uid, count(500));
    assertThat(third.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
        ? ResultReason.USAGE_LIMIT_EXCEEDED : ResultReason.PERMISSION_DENIED);
    Item.Structure left = (Item.Structure) Kmip.stored(h, uid).attributes().first(Tag.USAGE_LIMITS).orElseThrow();
    assertThat(left.first(Tag.USAGE_LIMITS_COUNT)).contains(count(0));
    assertThat(left.first(Tag.USAGE_LIMITS_TOTAL)).contains(new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 1000));
  }

  @Test
  void noAllocationAfterTheProtectStopDate() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, limits(1000), date(Tag.ACTIVATION_DATE, h.clock.instant()),
        date(Tag.PROTECT_STOP_DATE, h.clock.instant().plusSeconds(600)));
    h.clock.advanceSeconds(600);
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET_USAGE_ALLOCATION, uid, count(1)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void noAllocationWithoutUsageLimits() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, date(Tag.ACTIVATION_DATE, h.clock.instant()));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET_USAGE_ALLOCATION, uid, count(1)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void noAllocationBeforeActivation() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, limits(10));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET_USAGE_ALLOCATION, uid, count(1)).resultReason())
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  /** Usage for processing (decryption) is not allocated: a Decrypt-only key is refused. */
  @Test
  void noAllocationForAKeyThatDoesNotProtect() throws Exception {
    String uid = Kmip.registerAes(h, KmipVersion.V2_1, mask(CryptographicUsageMask.DECRYPT), limits(10),
        date(Tag.ACTIVATION_DATE, h.clock.instant()));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET_USAGE_ALLOCATION, uid, count(1)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void theAmountIsRequiredAndPositive() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1, limits(10), date(Tag.ACTIVATION_DATE, h.clock.instant()));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET_USAGE_ALLOCATION, uid).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.GET_USAGE_ALLOCATION, uid, count(0)).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
  }
}
