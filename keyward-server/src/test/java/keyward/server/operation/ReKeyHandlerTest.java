package keyward.server.operation;

import static keyward.server.operation.Kmip.date;
import static keyward.server.operation.Kmip.name;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Re-key: TC-91 to TC-95 (1.1/1.2 test cases) in each version's shape. */
class ReKeyHandlerTest {
  private final ServerHarness h = new ServerHarness();
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;

  private Instant now() {
    return h.clock.instant();
  }

  private static Item link(LinkType t, String uid) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, t.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, uid));
  }

  private static long seconds(ManagedObject mo, int tag) {
    return ((Item.DateTime) mo.attributes().first(tag).orElseThrow()).epochSeconds();
  }

  private static byte[] key(ManagedObject mo) {
    return KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(mo.object()).orElseThrow()).orElseThrow();
  }

  /** The replacement: a new key of the same kind, linked both ways, with the name moved to it. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void theReplacementTakesOverNameAndLinks(KmipVersion v) throws Exception {
    String old = Kmip.createAes(h, v, name("rekeyKey"));
    h.clock.advanceSeconds(100);
    String fresh = Kmip.uidOf(ok(Kmip.call(h, v, Operation.RE_KEY, old)));
    ManagedObject o = Kmip.stored(h, old);
    ManagedObject n = Kmip.stored(h, fresh);
    assertThat(o.attributes().has(Tag.NAME)).isFalse();
    assertThat(n.attributes().all(Tag.NAME)).containsExactly(name("rekeyKey"));
    assertThat(o.attributes().all(Tag.LINK)).containsExactly(link(LinkType.REPLACEMENT_OBJECT_LINK, fresh));
    assertThat(n.attributes().all(Tag.LINK)).containsExactly(link(LinkType.REPLACED_OBJECT_LINK, old));
    assertThat(key(n)).hasSize(32).isNotEqualTo(key(o));
    assertThat(n.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK)).isEqualTo(o.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK));
    assertThat(seconds(n, Tag.INITIAL_DATE)).isEqualTo(now().getEpochSecond());
    assertThat(n.attributes().first(Tag.FRESH)).contains(new Item.Boolean(Tag.FRESH, true));
  }

  /** TC-95: Re-key of a compromised key copies its dates: the replacement is Active at once. */
  @Test
  void withoutOffsetTheDatesAreCopied() throws Exception {
    Instant activation = now();
    String old = Kmip.createAes(h, KmipVersion.V1_2, date(Tag.ACTIVATION_DATE, activation),
        date(Tag.DEACTIVATION_DATE, activation.plusSeconds(1000)));
    ok(Kmip.call(h, KmipVersion.V1_2, Operation.REVOKE, old, new Item.Structure(Tag.REVOCATION_REASON,
        new Item.Enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.KEY_COMPROMISE.value()))));
    h.clock.advanceSeconds(10);
    String fresh = Kmip.uidOf(ok(Kmip.call(h, KmipVersion.V1_2, Operation.RE_KEY, old)));
    ManagedObject n = Kmip.stored(h, fresh);
    assertThat(seconds(n, Tag.ACTIVATION_DATE)).isEqualTo(activation.getEpochSecond());
    assertThat(seconds(n, Tag.DEACTIVATION_DATE)).isEqualTo(activation.plusSeconds(1000).getEpochSecond());
    assertThat(n.storedState()).isEqualTo(State.ACTIVE);
    assertThat(n.attributes().has(Tag.COMPROMISE_DATE)).isFalse();
    assertThat(n.attributes().has(Tag.REVOCATION_REASON)).isFalse();
    ok(Kmip.call(h, KmipVersion.V1_2, Operation.OBTAIN_LEASE, fresh));
  }

  /** TC-92: Offset 0 activates now and keeps the deactivation 120 s after activation. */
  @Test
  void anOffsetMovesTheDates() throws Exception {
    Instant t0 = now();
    String old = Kmip.createAes(h, KmipVersion.V1_4, date(Tag.ACTIVATION_DATE, t0),
        date(Tag.PROTECT_STOP_DATE, t0.plusSeconds(60)), date(Tag.DEACTIVATION_DATE, t0.plusSeconds(120)));
    h.clock.advanceSeconds(500);
    String fresh = Kmip.uidOf(ok(Kmip.call(h, KmipVersion.V1_4, Operation.RE_KEY, old,
        new Item.Interval(Tag.OFFSET, 30))));
    ManagedObject n = Kmip.stored(h, fresh);
    long at2 = now().getEpochSecond() + 30;
    assertThat(seconds(n, Tag.ACTIVATION_DATE)).isEqualTo(at2);
    assertThat(seconds(n, Tag.PROTECT_STOP_DATE)).isEqualTo(at2 + 60);
    assertThat(seconds(n, Tag.DEACTIVATION_DATE)).isEqualTo(at2 + 120);
    assertThat(n.storedState()).isEqualTo(State.PRE_ACTIVE);
    h.clock.advanceSeconds(30);
    assertThat(Kmip.state(h, fresh)).isEqualTo(State.ACTIVE);
  }

  /** TC-94: dates in the request give the replacement a new life cycle. */
  @Test
  void requestAttributesOverrideTheCopiedOnes() throws Exception {
    String old = Kmip.createAes(h, KmipVersion.V1_2, name("TC-94"));
    Instant a = now().minusSeconds(31536000);
    Instant d = now().plusSeconds(31536000);
    String fresh = Kmip.uidOf(ok(Kmip.call(h, KmipVersion.V1_2, Operation.RE_KEY, old,
        Kmip.attributes(KmipVersion.V1_2, date(Tag.ACTIVATION_DATE, a), date(Tag.DEACTIVATION_DATE, d)))));
    ManagedObject n = Kmip.stored(h, fresh);
    assertThat(seconds(n, Tag.ACTIVATION_DATE)).isEqualTo(a.getEpochSecond());
    assertThat(seconds(n, Tag.DEACTIVATION_DATE)).isEqualTo(d.getEpochSecond());
    assertThat(n.storedState()).isEqualTo(State.ACTIVE);
  }

  @Test
  void offsetWithActivationDateIsAnInvalidMessage() throws Exception {
    String old = Kmip.createAes(h, KmipVersion.V2_1);
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V2_1, Operation.RE_KEY, old, new Item.Interval(Tag.OFFSET, 0),
        Kmip.attributes(KmipVersion.V2_1, date(Tag.ACTIVATION_DATE, now())));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
  }

  @Test
  void onlySymmetricKeysAreReKeyed() throws Exception {
    Item.Structure payload = OasisRequests.payload("2.1", "BL-M-5-21.xml", Operation.REGISTER);
    String opaque = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, OasisRequests.items(payload))));
    assertThat(Kmip.call(h, KmipVersion.V2_1, Operation.RE_KEY, opaque).resultReason())
        .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    assertThat(Kmip.call(h, KmipVersion.V1_4, Operation.RE_KEY, opaque).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** The replacement's identifier becomes the ID Placeholder. */
  @Test
  void reKeySetsTheIdPlaceholder() throws Exception {
    String old = Kmip.createAes(h, KmipVersion.V2_1);
    var items = h.batch(KmipVersion.V2_1,
        keyward.kmip.message.RequestBatchItem.of(Operation.RE_KEY,
            new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.uid(old))),
        keyward.kmip.message.RequestBatchItem.of(Operation.ACTIVATE, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    String fresh = Kmip.uidOf(ok(items.get(0)));
    assertThat(Kmip.uidOf(ok(items.get(1)))).isEqualTo(fresh);
    assertThat(Kmip.state(h, fresh)).isEqualTo(State.ACTIVE);
    assertThat(Kmip.state(h, old)).isEqualTo(State.PRE_ACTIVE);
  }
}
