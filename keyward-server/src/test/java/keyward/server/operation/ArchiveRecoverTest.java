package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** TC-101: Archive, the operations an archived object refuses, Recover. */
class ArchiveRecoverTest {
  private final ServerHarness h = new ServerHarness();
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;

  private String archived(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    ok(Kmip.call(h, v, Operation.ARCHIVE, uid));
    return uid;
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void archiveSetsTheFlagAndTheArchiveDate(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h, v);
    h.clock.advanceSeconds(7);
    ok(Kmip.call(h, v, Operation.ARCHIVE, uid));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.archived()).isTrue();
    assertThat(mo.attributes().first(Tag.ARCHIVE_DATE))
        .contains(new Item.DateTime(Tag.ARCHIVE_DATE, h.clock.instant().getEpochSecond()));
  }

  /** TC-101: Get of an archived object is Object Archived, in every version. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void getOfAnArchivedObjectIsObjectArchived(KmipVersion v) throws Exception {
    String uid = archived(v);
    assertThat(Kmip.call(h, v, Operation.GET, uid).resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED);
  }

  /** 1.4 Tables 346-349: Activate, Revoke, Destroy and Archive refuse an archived object. */
  @Test
  void lifecycleOperationsRefuseAnArchivedObject() throws Exception {
    String uid = archived(KmipVersion.V1_4);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.ACTIVATE, uid).resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED);
    assertThat(Kmip.revoke(h, KmipVersion.V1_4, uid, RevocationReasonCode.KEY_COMPROMISE).resultReason())
        .isEqualTo(ResultReason.OBJECT_ARCHIVED);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.DESTROY, uid).resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.ARCHIVE, uid).resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED);
    assertThat(Kmip.state(h, uid)).isEqualTo(State.PRE_ACTIVE);
  }

  @Test
  void usageOperationsRefuseAnArchivedObject() throws Exception {
    String uid = archived(KmipVersion.V2_1);
    for (Operation op : List.of(Operation.CHECK, Operation.OBTAIN_LEASE, Operation.RE_KEY)) {
      assertThat(Kmip.call(h, KmipVersion.V2_1, op, uid).resultReason()).as(op.specName())
          .isEqualTo(ResultReason.OBJECT_ARCHIVED);
    }
  }

  /** Recover brings the object back and deletes the Archive Date (1.4 §3.32). */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void recoverBringsItBack(KmipVersion v) throws Exception {
    String uid = archived(v);
    ok(Kmip.call(h, v, Operation.RECOVER, uid));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.archived()).isFalse();
    assertThat(mo.attributes().has(Tag.ARCHIVE_DATE)).isFalse();
    ok(Kmip.call(h, v, Operation.GET, uid));
    ok(Kmip.call(h, v, Operation.DESTROY, uid));
  }

  @Test
  void recoverOfAnObjectOnLineChangesNothing() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V2_1);
    ok(Kmip.call(h, KmipVersion.V2_1, Operation.RECOVER, uid));
    assertThat(Kmip.stored(h, uid).archived()).isFalse();
  }

  @Test
  void archiveOfAnUnknownObjectIsNotFound() throws Exception {
    assertThat(Kmip.call(h, KmipVersion.V1_2, Operation.ARCHIVE, "nope").resultReason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }
}
