package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class DeleteAttributeHandlerTest {
  private final ServerHarness h = new ServerHarness();

  /** SKFF-M-9-21: an Attribute Reference deletes the attribute (all its values). */
  @Test
  void referenceDeletesEveryValue() throws Exception {
    String id = aesKey(h, vendorText("x", "attribute1", "a"), vendorText("x", "attribute1", "b"),
        vendorText("x", "attribute2", "c"));
    Item.Structure p = ok(h.call(KmipVersion.V2_1, Operation.DELETE_ATTRIBUTE, uid(id), vendorRef("x", "attribute1")));
    assertThat(p.items()).containsExactly(uid(id));
    assertThat(Attrs.stored(h, id).attributes().vendorAttributes())
        .containsExactly((Item.Structure) vendorText("x", "attribute2", "c"));
  }

  @Test
  void currentAttributeDeletesThatValue() throws Exception {
    String id = aesKey(h, name("n0"), name("n1"));
    ok(h.call(KmipVersion.V2_1, Operation.DELETE_ATTRIBUTE, uid(id), currentAttr(name("n0"))));
    assertThat(Attrs.stored(h, id).attributes().all(Tag.NAME)).containsExactly(name("n1"));
    assertFailed(h.call(KmipVersion.V2_1, Operation.DELETE_ATTRIBUTE, uid(id), currentAttr(name("n0"))),
        ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND);
  }

  /** SKFF-M-9-14: 1.x deletes index 0 (or the given index) and answers with the deleted value. */
  @Test
  void v14DeletesByIndexAndAnswersWithTheValue() throws Exception {
    String id = aesKey(h, vendorText("x", "attribute1", "ModifiedValue1"), vendorText("x", "attribute1", "second"));
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.DELETE_ATTRIBUTE, uid(id),
        attributeName("x-attribute1"), new Item.Integer(Tag.ATTRIBUTE_INDEX, 1));
    assertThat(ok(r).items()).containsExactly(uid(id),
        v1("x-attribute1", 1, new Item.TextString(Tag.ATTRIBUTE_VALUE, "second")));
    ResponseBatchItem r0 = h.call(KmipVersion.V1_4, Operation.DELETE_ATTRIBUTE, uid(id), attributeName("x-attribute1"));
    assertThat(ok(r0).items()).containsExactly(uid(id), v1Text("x-attribute1", "ModifiedValue1"));
    assertThat(Attrs.stored(h, id).attributes().vendorAttributes()).isEmpty();
    assertFailed(h.call(KmipVersion.V1_4, Operation.DELETE_ATTRIBUTE, uid(id), attributeName("x-attribute1")),
        ResultReason.ITEM_NOT_FOUND);
  }

  @Test
  void requiredAttributesCannotBeDeleted() throws Exception {
    String id = aesKey(h);
    assertFailed(h.call(KmipVersion.V2_1, Operation.DELETE_ATTRIBUTE, uid(id), ref(Tag.CRYPTOGRAPHIC_ALGORITHM)),
        ResultReason.ATTRIBUTE_READ_ONLY);
    assertFailed(h.call(KmipVersion.V1_4, Operation.DELETE_ATTRIBUTE, uid(id), attributeName("State")),
        ResultReason.PERMISSION_DENIED);
    assertThat(Attrs.stored(h, id).attributes().has(Tag.CRYPTOGRAPHIC_ALGORITHM)).isTrue();
    // 1.x "y-" custom attributes belong to the server
    String withY = aesKey(h, vendorText("y", "server", "v"));
    assertFailed(h.call(KmipVersion.V1_4, Operation.DELETE_ATTRIBUTE, uid(withY), attributeName("y-server")),
        ResultReason.PERMISSION_DENIED);
  }
}
