package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class AddAttributeHandlerTest {
  private final ServerHarness h = new ServerHarness();

  /** BL-M-5-21: a second Description is refused with Attribute Single Valued; the first stays. */
  @Test
  void singleValuedAttributeCannotBeAddedTwice() throws Exception {
    String id = insert(h, ObjectType.OPAQUE_OBJECT);
    Item.Structure p = ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id),
        newAttr(new Item.TextString(Tag.DESCRIPTION, "This is opaque"))));
    assertThat(p.items()).containsExactly(uid(id)); // 2.x answers with the identifier only
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id),
        newAttr(new Item.TextString(Tag.DESCRIPTION, "This is opaque duplicate"))),
        ResultReason.ATTRIBUTE_SINGLE_VALUED);
    assertThat(attributes(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id), ref(Tag.DESCRIPTION))))
        .containsExactly(new Item.TextString(Tag.DESCRIPTION, "This is opaque"));
  }

  /** BL-M-8-21: adding the Name the object already has is Non Unique Name Attribute. */
  @Test
  void nameMustBeUnique() throws Exception {
    String id = aesKey(h, name("BL-M-8-21"));
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id), newAttr(name("BL-M-8-21"))),
        ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
    String other = aesKey(h);
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(other), newAttr(name("BL-M-8-21"))),
        ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
    // 1.x has no such reason: Invalid Field
    assertFailed(h.call(KmipVersion.V1_4, Operation.ADD_ATTRIBUTE, uid(other),
        v1("Name", null, new Item.Structure(Tag.ATTRIBUTE_VALUE, ((Item.Structure) name("BL-M-8-21")).items()))),
        ResultReason.INVALID_FIELD);
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(other), newAttr(name("another"))));
    // a destroyed object's name is free again
    setState(h, id, State.DESTROYED);
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(other), newAttr(name("BL-M-8-21"))));
  }

  /** SKFF-M-9-14: the 1.x answer repeats the added attribute; a second value of it has index 1. */
  @Test
  void v14AnswerCarriesTheAddedAttributeAndItsIndex() throws Exception {
    String id = aesKey(h);
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.ADD_ATTRIBUTE, uid(id), v1Text("x-attribute1", "Value1"));
    assertThat(ok(r).items()).containsExactly(uid(id), v1Text("x-attribute1", "Value1"));
    ResponseBatchItem again = h.call(KmipVersion.V1_4, Operation.ADD_ATTRIBUTE, uid(id), v1Text("x-attribute1", "Value2"));
    assertThat(ok(again).items()).containsExactly(uid(id),
        v1("x-attribute1", 1, new Item.TextString(Tag.ATTRIBUTE_VALUE, "Value2")));
    assertThat(Attrs.stored(h, id).attributes().vendorAttributes()).hasSize(2);
  }

  /** SKFF-M-9-21: vendor attributes in the 2.x shape, several of them. */
  @Test
  void vendorAttributesAndLinksAreMultiValued() throws Exception {
    String id = aesKey(h);
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id), newAttr(vendorText("x", "attribute1", "Value1"))));
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id), newAttr(vendorText("x", "attribute2", "Value2"))));
    Item link = new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, LinkType.PARENT_LINK.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, "p1"));
    Item link2 = new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, LinkType.PARENT_LINK.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, "p2"));
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id), newAttr(link)));
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id), newAttr(link2)));
    assertThat(attributes(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id),
        vendorRef("x", "attribute2"), ref(Tag.LINK))))
        .containsExactly(vendorText("x", "attribute2", "Value2"), link, link2);
  }

  @Test
  void serverSetAttributesAreRefused() throws Exception {
    String id = aesKey(h);
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id),
        newAttr(new Item.DateTime(Tag.DESTROY_DATE, 1))), ResultReason.ATTRIBUTE_READ_ONLY);
    assertFailed(h.call(KmipVersion.V1_4, Operation.ADD_ATTRIBUTE, uid(id), v1Text("y-server", "v")),
        ResultReason.PERMISSION_DENIED);
  }

  /** Activation Date can be given (added) only while Pre-Active; then it may not. */
  @Test
  void stateBoundAttributesFollowTheirStateRule() throws Exception {
    String id = aesKey(h);
    setState(h, id, State.ACTIVE);
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id),
        newAttr(date(Tag.ACTIVATION_DATE, h.clock.instant()))), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  @Test
  void updatesLastChangeDate() throws Exception {
    String id = aesKey(h);
    h.clock.advanceSeconds(100);
    ok(h.call(KmipVersion.V2_1, Operation.ADD_ATTRIBUTE, uid(id), newAttr(new Item.TextString(Tag.COMMENT, "c"))));
    assertThat(Attrs.stored(h, id).attributes().first(Tag.LAST_CHANGE_DATE))
        .contains(date(Tag.LAST_CHANGE_DATE, h.clock.instant()));
  }
}
