package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class ModifyAttributeHandlerTest {
  private final ServerHarness h = new ServerHarness();

  /** BL-M-7-21: State is read only. */
  @Test
  void stateIsReadOnly() throws Exception {
    String id = aesKey(h);
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id),
        newAttr(new Item.Enumeration(Tag.STATE, State.COMPROMISED.value()))), ResultReason.ATTRIBUTE_READ_ONLY);
    assertFailed(h.call(KmipVersion.V1_4, Operation.MODIFY_ATTRIBUTE, uid(id),
        v1("State", null, new Item.Enumeration(Tag.ATTRIBUTE_VALUE, State.COMPROMISED.value()))),
        ResultReason.PERMISSION_DENIED);
  }

  /** BL-M-10-21: Certificate Length comes from the certificate. */
  @Test
  void certificateLengthIsReadOnly() throws Exception {
    String id = insert(h, ObjectType.CERTIFICATE, new Item.Integer(Tag.CERTIFICATE_LENGTH, 1043));
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id),
        newAttr(new Item.Integer(Tag.CERTIFICATE_LENGTH, 123))), ResultReason.ATTRIBUTE_READ_ONLY);
  }

  /** SKLC-M-3: Activation Date changes only while Pre-Active; effective state counts. */
  @Test
  void activationDateOnlyWhilePreActive() throws Exception {
    String id = aesKey(h, date(Tag.ACTIVATION_DATE, h.clock.instant().plusSeconds(100)));
    ok(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id),
        newAttr(date(Tag.ACTIVATION_DATE, h.clock.instant().plusSeconds(10)))));
    h.clock.advanceSeconds(11); // now effectively Active
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id),
        newAttr(date(Tag.ACTIVATION_DATE, h.clock.instant()))), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    assertFailed(h.call(KmipVersion.V1_4, Operation.MODIFY_ATTRIBUTE, uid(id),
        v1("Activation Date", null, date(Tag.ATTRIBUTE_VALUE, h.clock.instant()))), ResultReason.PERMISSION_DENIED);
  }

  /** The state rule is reported even when the object has no value of the attribute yet. */
  @Test
  void stateRuleComesBeforeExistence() throws Exception {
    String id = aesKey(h);
    setState(h, id, State.ACTIVE);
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id),
        newAttr(date(Tag.ACTIVATION_DATE, h.clock.instant()))), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  /** SKFF-M-9-14: 1.x modify by name answers with the new value. */
  @Test
  void v14ModifiesIndexZeroAndAnswersWithTheNewValue() throws Exception {
    String id = aesKey(h, vendorText("x", "attribute1", "Value1"));
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.MODIFY_ATTRIBUTE, uid(id),
        v1Text("x-attribute1", "ModifiedValue1"));
    assertThat(ok(r).items()).containsExactly(uid(id), v1Text("x-attribute1", "ModifiedValue1"));
    assertThat(Attrs.stored(h, id).attributes().vendorAttributes())
        .containsExactly((Item.Structure) vendorText("x", "attribute1", "ModifiedValue1"));
  }

  @Test
  void v14ModifiesTheIndexedValue() throws Exception {
    String id = aesKey(h, name("n0"), name("n1"));
    Item value = new Item.Structure(Tag.ATTRIBUTE_VALUE, ((Item.Structure) name("n1b")).items());
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.MODIFY_ATTRIBUTE, uid(id), v1("Name", 1, value));
    assertThat(ok(r).items()).containsExactly(uid(id), v1("Name", 1, value));
    assertThat(Attrs.stored(h, id).attributes().all(Tag.NAME)).containsExactly(name("n0"), name("n1b"));
    assertFailed(h.call(KmipVersion.V1_4, Operation.MODIFY_ATTRIBUTE, uid(id), v1("Name", 5, value)),
        ResultReason.ITEM_NOT_FOUND);
  }

  /** SKFF-M-9-21: 2.x without Current Attribute modifies the only value; with several it must name one. */
  @Test
  void v2xUsesCurrentAttributeForMultiValued() throws Exception {
    String id = aesKey(h, name("n0"), name("n1"));
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id), newAttr(name("n2"))),
        ResultReason.MULTI_VALUED_ATTRIBUTE);
    ok(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id), currentAttr(name("n1")), newAttr(name("n2"))));
    assertThat(Attrs.stored(h, id).attributes().all(Tag.NAME)).containsExactly(name("n0"), name("n2"));
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id), currentAttr(name("gone")),
        newAttr(name("n3"))), ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND);
    // a name may be "modified" to itself, but not to another object's name
    ok(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id), currentAttr(name("n2")), newAttr(name("n2"))));
    aesKey(h, name("taken"));
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id), currentAttr(name("n2")),
        newAttr(name("taken"))), ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
  }

  @Test
  void absentAttributeIsNotFound() throws Exception {
    String id = aesKey(h);
    assertFailed(h.call(KmipVersion.V2_1, Operation.MODIFY_ATTRIBUTE, uid(id),
        newAttr(new Item.TextString(Tag.CONTACT_INFORMATION, "x"))), ResultReason.ATTRIBUTE_NOT_FOUND);
    assertFailed(h.call(KmipVersion.V1_4, Operation.MODIFY_ATTRIBUTE, uid(id),
        v1Text("Contact Information", "x")), ResultReason.ITEM_NOT_FOUND);
  }
}
