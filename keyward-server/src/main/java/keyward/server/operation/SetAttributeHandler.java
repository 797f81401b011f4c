package keyward.server.operation;

import java.util.List;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRef;
import keyward.server.object.AttributeRules;
import keyward.server.object.ManagedObject;

/**
 * Set Attribute (2.0+, 2.1 §6.1.49): adds the attribute when the object has no value of it,
 * replaces the value when it has exactly one, and refuses with Multi Valued Attribute when it
 * has several (the client must say which one, with Modify Attribute). Read-only attributes are
 * refused as for Modify.
 */
public final class SetAttributeHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.SET_ATTRIBUTE;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    Item value = AttributePayloads.newAttribute(payload);
    AttributeRules.checkClientMaySet(value, mo.objectType(), ctx.version());
    AttributeRef kind = AttributeRef.kindOf(value);
    List<Item> existing = mo.attributes().instances(kind);
    if (existing.size() > 1) {
      throw new KmipException(ResultReason.MULTI_VALUED_ATTRIBUTE,
          kind.label() + " has several values; use Modify Attribute with the Current Attribute");
    }
    if (!existing.isEmpty() || AttributeRules.stateDependent(value.tag())) {
      AttributeRules.checkClientMayChange(value.tag(), mo.state(ctx.now()));
    }
    if (value.tag() == Tag.NAME) {
      AttributePayloads.checkNewName(ctx, value, existing.isEmpty() ? null : existing.getFirst());
    }
    if (existing.isEmpty()) {
      mo.attributes().add(value);
    } else {
      mo.attributes().replaceInstance(kind, 0, value);
    }
    ctx.objects().save(mo);
    return AttributePayloads.response(mo, null, 0);
  }
}
