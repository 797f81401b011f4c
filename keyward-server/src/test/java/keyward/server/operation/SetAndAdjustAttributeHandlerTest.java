package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.AdjustmentType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class SetAndAdjustAttributeHandlerTest {
  private final ServerHarness h = new ServerHarness();

  @Test
  void setAddsThenReplacesAndRefusesSeveralValues() throws Exception {
    String id = aesKey(h, name("n0"), name("n1"));
    ok(h.call(KmipVersion.V2_1, Operation.SET_ATTRIBUTE, uid(id), newAttr(new Item.TextString(Tag.COMMENT, "one"))));
    ok(h.call(KmipVersion.V2_1, Operation.SET_ATTRIBUTE, uid(id), newAttr(new Item.TextString(Tag.COMMENT, "two"))));
    assertThat(Attrs.stored(h, id).attributes().all(Tag.COMMENT))
        .containsExactly(new Item.TextString(Tag.COMMENT, "two"));
    assertFailed(h.call(KmipVersion.V2_1, Operation.SET_ATTRIBUTE, uid(id), newAttr(name("n2"))),
        ResultReason.MULTI_VALUED_ATTRIBUTE);
    assertFailed(h.call(KmipVersion.V2_1, Operation.SET_ATTRIBUTE, uid(id),
        newAttr(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256))), ResultReason.ATTRIBUTE_READ_ONLY);
  }

  @Test
  void setIsNotA1xOperation() throws Exception {
    String id = aesKey(h);
    for (Operation op : new Operation[] {Operation.SET_ATTRIBUTE, Operation.ADJUST_ATTRIBUTE}) {
      // the typed client refuses to write a 2.x operation in 1.4, so the request is built by hand
      Item.Structure request = new Item.Structure(Tag.REQUEST_MESSAGE,
          new Item.Structure(Tag.REQUEST_HEADER, new Item.Structure(Tag.PROTOCOL_VERSION,
              new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, 1), new Item.Integer(Tag.PROTOCOL_VERSION_MINOR, 4)),
              new Item.Integer(Tag.BATCH_COUNT, 1)),
          new Item.Structure(Tag.BATCH_ITEM, new Item.Enumeration(Tag.OPERATION, op.value()),
              new Item.Structure(Tag.REQUEST_PAYLOAD, uid(id))));
      Item.Structure answer = h.server.processor().process(request, h.caller);
      assertFailed(ResponseMessage.fromItem(answer, KmipVersion.V1_4).batchItems().getFirst(),
          ResultReason.OPERATION_NOT_SUPPORTED);
    }
  }

  @Test
  void adjustMovesADateAndNegatesABoolean() throws Exception {
    long deactivation = h.clock.instant().plusSeconds(1000).getEpochSecond();
    String id = aesKey(h, new Item.DateTime(Tag.DEACTIVATION_DATE, deactivation), new Item.Boolean(Tag.EXTRACTABLE, true));
    ok(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), ref(Tag.DEACTIVATION_DATE),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.INCREMENT.value()),
        new Item.Interval(Tag.ADJUSTMENT_VALUE, 3600)));
    ok(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), ref(Tag.EXTRACTABLE),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.NEGATE.value())));
    var attrs = Attrs.stored(h, id).attributes();
    assertThat(attrs.first(Tag.DEACTIVATION_DATE)).contains(new Item.DateTime(Tag.DEACTIVATION_DATE, deactivation + 3600));
    assertThat(attrs.first(Tag.EXTRACTABLE)).contains(new Item.Boolean(Tag.EXTRACTABLE, false));
  }

  @Test
  void adjustFollowsTheModifyRulesAndRanges() throws Exception {
    String id = aesKey(h, vendor("x", "counter", new Item.Integer(Tag.ATTRIBUTE_VALUE, Integer.MAX_VALUE)),
        date(Tag.ACTIVATION_DATE, h.clock.instant().plusSeconds(50)));
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), ref(Tag.CRYPTOGRAPHIC_LENGTH),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.INCREMENT.value())), ResultReason.ATTRIBUTE_READ_ONLY);
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), vendorRef("x", "counter"),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.INCREMENT.value())), ResultReason.NUMERIC_RANGE);
    ok(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), vendorRef("x", "counter"),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.DECREMENT.value()),
        new Item.Integer(Tag.ADJUSTMENT_VALUE, 7)));
    assertThat(Attrs.stored(h, id).attributes().vendorAttributes())
        .containsExactly((Item.Structure) vendor("x", "counter", new Item.Integer(Tag.ATTRIBUTE_VALUE, Integer.MAX_VALUE - 7)));
    setState(h, id, State.ACTIVE);
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), ref(Tag.ACTIVATION_DATE),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.INCREMENT.value())),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    assertFailed(h.call(KmipVersion.V2_1, Operation.ADJUST_ATTRIBUTE, uid(id), ref(Tag.COMMENT),
        new Item.Enumeration(Tag.ADJUSTMENT_TYPE, AdjustmentType.INCREMENT.value())), ResultReason.ATTRIBUTE_NOT_FOUND);
  }
}
