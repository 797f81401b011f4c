package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.access.AccessPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Access control: an object is its owner's; others learn nothing of it (the answer is the one
 * for an absent identifier) unless the owner grants them rights, per operation, directly or
 * to a group; admins see and manage everything. Checked per operation class, in batches and
 * in Locate, in 1.x and 2.x.
 */
class AccessControlTest {
  static final List<KmipVersion> VERSIONS = Kmip.VERSIONS;
  private final ServerHarness h = new ServerHarness(new AccessPolicy(Set.of("root"),
      Map.of("carol", Set.of("ops"), "dave", Set.of("audit"))));

  private static Item grant(String value) {
    return Attrs.vendorText("x", "keyward-grant", value);
  }

  private ResponseBatchItem addGrant(KmipVersion v, String uid, String value) throws Exception {
    Item attr = v.atLeast(KmipVersion.V2_0) ? Attrs.newAttr(grant(value)) : Attrs.v1Text("x-keyward-grant", value);
    return h.call(v, Operation.ADD_ATTRIBUTE, Kmip.uid(uid), attr);
  }

  private ResponseBatchItem locateAll(KmipVersion v) throws Exception {
    return h.call(v, Operation.LOCATE);
  }

  private static List<String> ids(ResponseBatchItem r) {
    return ok(r).responsePayload().all(Tag.UNIQUE_IDENTIFIER).stream()
        .map(i -> ((Item.TextString) i).value()).toList();
  }

  /** What a request about an identifier that does not exist gets, for comparison. */
  private ResultReason absent(KmipVersion v, Operation op) throws Exception {
    return Kmip.call(h, v, op, "no-such-object").resultReason();
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void anotherIdentityCannotTellAnObjectFromAnAbsentOne(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h.as("alice"), v);
    h.as("bob");
    for (Operation op : List.of(Operation.GET, Operation.GET_ATTRIBUTES, Operation.GET_ATTRIBUTE_LIST,
        Operation.ACTIVATE, Operation.DESTROY, Operation.ARCHIVE)) {
      ResponseBatchItem r = Kmip.call(h, v, op, uid);
      assertThat(r.resultStatus()).as("%s", op).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(r.resultReason()).as("%s", op).isEqualTo(absent(v, op));
      assertThat(r.resultMessage()).as("%s", op).doesNotContain("permission").doesNotContain("owner");
    }
    assertThat(Kmip.revoke(h, v, uid, RevocationReasonCode.KEY_COMPROMISE).resultReason())
        .isEqualTo(absent(v, Operation.GET));
    assertThat(addGrant(v, uid, "bob:all").resultReason()).isEqualTo(absent(v, Operation.GET));
    assertThat(ids(locateAll(v))).isEmpty();
    assertThat(Kmip.state(h.as("alice"), uid)).isEqualTo(State.PRE_ACTIVE);
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aGrantGivesTheNamedOperationsOnly(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h.as("alice"), v);
    String other = Kmip.createAes(h, v);
    ok(addGrant(v, uid, "bob:Get,Get Attributes,Locate"));
    h.as("bob");
    ok(Kmip.call(h, v, Operation.GET, uid));
    ok(Kmip.call(h, v, Operation.GET_ATTRIBUTES, uid));
    assertThat(ids(locateAll(v))).containsExactly(uid);
    // granted something: the object's existence is no secret, the missing right is refused
    assertThat(Kmip.call(h, v, Operation.ACTIVATE, uid).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(Kmip.call(h, v, Operation.DESTROY, uid).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(Kmip.call(h, v, Operation.GET, other).resultReason()).isEqualTo(absent(v, Operation.GET));
    assertThat(Kmip.state(h.as("alice"), uid)).isEqualTo(State.PRE_ACTIVE);
  }

  /** Only the owner and admins read the grants: a grantee does not learn who else may use the object. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void onlyTheOwnerAndAdminsSeeTheGrants(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h.as("alice"), v);
    ok(addGrant(v, uid, "bob:Get Attributes,Get Attribute List"));
    ok(addGrant(v, uid, "erin:Get"));
    for (String who : List.of("alice", "root", "bob")) {
      h.as(who);
      String attrs = ok(Kmip.call(h, v, Operation.GET_ATTRIBUTES, uid)).responsePayload().toString();
      String names = ok(Kmip.call(h, v, Operation.GET_ATTRIBUTE_LIST, uid)).responsePayload().toString();
      boolean sees = !who.equals("bob");
      assertThat(attrs.contains("erin:")).as("%s Get Attributes", who).isEqualTo(sees);
      assertThat(names.contains("keyward-grant")).as("%s Get Attribute List", who).isEqualTo(sees);
      assertThat(attrs).as(who).contains(uid);
    }
  }

  @Test
  void aGrantOfChangingOperationsLetsTheGranteeUseThem() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = Kmip.createAes(h.as("alice"), v);
    ok(addGrant(v, uid, "bob:Activate,Revoke"));
    h.as("bob");
    ok(Kmip.call(h, v, Operation.ACTIVATE, uid));
    ok(Kmip.revoke(h, v, uid, RevocationReasonCode.CESSATION_OF_OPERATION));
    assertThat(Kmip.state(h.as("alice"), uid)).isEqualTo(State.DEACTIVATED);
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aGrantToAGroupCoversItsMembersOnly(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h.as("alice"), v);
    ok(addGrant(v, uid, "group:ops:read"));
    ok(Kmip.call(h.as("carol"), v, Operation.GET, uid));
    assertThat(ids(locateAll(v))).containsExactly(uid);
    assertThat(Kmip.call(h.as("dave"), v, Operation.GET, uid).resultReason()).isEqualTo(absent(v, Operation.GET));
    assertThat(ids(locateAll(v))).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void revokingAGrantTakesTheRightsAway(KmipVersion v) throws Exception {
    String uid = Kmip.createAes(h.as("alice"), v);
    ok(addGrant(v, uid, "bob:read"));
    ok(Kmip.call(h.as("bob"), v, Operation.GET, uid));
    Item delete = v.atLeast(KmipVersion.V2_0)
        ? Attrs.currentAttr(grant("bob:read"))
        : Attrs.attributeName("x-keyward-grant");
    ok(h.as("alice").call(v, Operation.DELETE_ATTRIBUTE, Kmip.uid(uid), delete));
    assertThat(Kmip.call(h.as("bob"), v, Operation.GET, uid).resultReason()).isEqualTo(absent(v, Operation.GET));
    assertThat(ids(locateAll(v))).isEmpty();
  }

  @Test
  void onlyTheOwnerOrAnAdminChangesGrants() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = Kmip.createAes(h.as("alice"), v);
    ok(addGrant(v, uid, "bob:Get,Add Attribute,Delete Attribute"));
    h.as("bob");
    // bob may add attributes, but not a grant: that would widen his own rights
    assertThat(addGrant(v, uid, "bob:all").resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(addGrant(v, uid, "eve:read").resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(h.call(v, Operation.DELETE_ATTRIBUTE, Kmip.uid(uid),
        Attrs.currentAttr(grant("bob:Get,Add Attribute,Delete Attribute"))).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    ok(h.call(v, Operation.ADD_ATTRIBUTE, Kmip.uid(uid), Attrs.newAttr(Attrs.vendorText("x", "note", "hi"))));
    assertThat(Kmip.call(h, v, Operation.ACTIVATE, uid).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    // the admin may
    ok(h.as("root").call(v, Operation.ADD_ATTRIBUTE, Kmip.uid(uid), Attrs.newAttr(grant("bob:Activate"))));
    ok(Kmip.call(h.as("bob"), v, Operation.ACTIVATE, uid));
  }

  @Test
  void aMalformedGrantIsRefused() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = Kmip.createAes(h.as("alice"), v);
    assertThat(addGrant(v, uid, "bob").resultReason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE);
    assertThat(addGrant(v, uid, "bob:Fly").resultReason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE);
    assertThat(h.call(v, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.alg(keyward.kmip.spec.CryptographicAlgorithm.AES), Kmip.len(128),
            Kmip.mask(keyward.kmip.spec.CryptographicUsageMask.ENCRYPT), grant(":read"))).resultReason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE);
  }

  @Test
  void aGrantMadeAtCreationWorks() throws Exception {
    String uid = Kmip.createAes(h.as("alice"), KmipVersion.V1_4, grant("bob:Get"));
    ok(Kmip.call(h.as("bob"), KmipVersion.V1_4, Operation.GET, uid));
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void anAdminSeesAndManagesEveryObject(KmipVersion v) throws Exception {
    String a = Kmip.createAes(h.as("alice"), v);
    String b = Kmip.createAes(h.as("bob"), v);
    h.as("root");
    assertThat(ids(locateAll(v))).containsExactly(a, b);
    ok(Kmip.call(h, v, Operation.GET, a));
    ok(Kmip.call(h, v, Operation.ACTIVATE, b));
    assertThat(Kmip.state(h.as("bob"), b)).isEqualTo(State.ACTIVE);
  }

  @Test
  void locatePagesOverOwnAndGrantedObjectsInCreationOrder() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String b1 = Kmip.createAes(h.as("bob"), v);
    String a1 = Kmip.createAes(h.as("alice"), v);
    ok(addGrant(v, a1, "bob:Locate"));
    Kmip.createAes(h, v); // alice's, not granted
    String b2 = Kmip.createAes(h.as("bob"), v);
    assertThat(ids(locateAll(v))).containsExactly(b1, a1, b2);
    ResponseBatchItem page = h.call(v, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 1),
        new Item.Integer(Tag.OFFSET_ITEMS, 1));
    assertThat(ids(page)).containsExactly(a1);
    assertThat(page.responsePayload().first(Tag.LOCATED_ITEMS)).contains(new Item.Integer(Tag.LOCATED_ITEMS, 3));
    // Locate alone does not give Get
    assertThat(Kmip.call(h, v, Operation.GET, a1).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  /** Every item of a batch is checked on its own; ID Placeholder gives no way around it. */
  @ParameterizedTest
  @FieldSource("VERSIONS")
  void batchItemsAreCheckedOneByOne(KmipVersion v) throws Exception {
    Item name = Kmip.name("shared-name");
    String hers = Kmip.createAes(h.as("alice"), v, name);
    String mine = Kmip.createAes(h.as("bob"), v);
    h.as("bob");
    List<ResponseBatchItem> r = h.batch(v,
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.uid(mine))),
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.uid(hers))),
        RequestBatchItem.of(Operation.DESTROY, new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.uid(hers))));
    assertThat(r.get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.get(1).resultReason()).isEqualTo(absent(v, Operation.GET));
    assertThat(r.get(2).resultReason()).isEqualTo(absent(v, Operation.DESTROY));
    // Locate (finds only bob's) then Destroy by ID Placeholder: bob's key, never alice's
    List<ResponseBatchItem> placeholder = h.as("bob").batch(v,
        RequestBatchItem.of(Operation.LOCATE, new Item.Structure(Tag.REQUEST_PAYLOAD,
            Kmip.attributes(v, name))),
        RequestBatchItem.of(Operation.DESTROY, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThat(ids(placeholder.get(0))).isEmpty();
    assertThat(placeholder.get(1).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(Kmip.state(h.as("alice"), hers)).isEqualTo(State.PRE_ACTIVE);
  }
}
