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
import keyward.server.object.ServerAttributes;

/**
 * Add Attribute (1.4 §4.14, 2.1 §6.1.2): a new value of an attribute the client may set; a
 * single-valued attribute only while it has no value (Attribute Single Valued, BL-M-5-21); a
 * Name only if unique (Non Unique Name Attribute, BL-M-8-21). 1.x answers carry the added
 * attribute with its index.
 */
public final class AddAttributeHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.ADD_ATTRIBUTE;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    Item value = AttributePayloads.newAttribute(payload);
    if (value.tag() == Tag.USAGE_LIMITS) {
      value = ServerAttributes.usageLimits(value);
    }
    AttributeRules.checkClientMaySet(value, mo.objectType(), ctx.version());
    List<Item> existing = mo.attributes().instances(AttributeRef.kindOf(value));
    if (!AttributeRules.multiValued(value.tag()) && !existing.isEmpty()) {
      throw new KmipException(ResultReason.ATTRIBUTE_SINGLE_VALUED,
          AttributeRules.name(value.tag()) + " already has a value");
    }
    if (AttributeRules.stateDependent(value.tag())) {
      AttributeRules.checkClientMayChange(value.tag(), mo.state(ctx.now()));
    }
    if (value.tag() == Tag.NAME) {
      AttributePayloads.checkNewName(ctx, value, null);
    }
    mo.attributes().add(value);
    ctx.objects().save(mo);
    return AttributePayloads.response(mo, value, existing.size());
  }
}
