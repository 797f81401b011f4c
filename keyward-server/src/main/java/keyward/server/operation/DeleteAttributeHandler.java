package keyward.server.operation;

import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRef;
import keyward.server.object.AttributeRules;
import keyward.server.object.ManagedObject;

/**
 * Delete Attribute (1.4 §4.16, 2.1 §6.1.13). 1.x deletes the value at Attribute Index (0 when
 * omitted) and answers with it (SKFF-M-9-14). 2.x deletes the Current Attribute's value, or
 * with only an Attribute Reference every value of the attribute (SKFF-M-9-21). Attributes a
 * client may not delete are refused with Attribute Read Only (1.x Permission Denied).
 */
public final class DeleteAttributeHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.DELETE_ATTRIBUTE;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    Item current = AttributePayloads.wrapped(payload, Tag.CURRENT_ATTRIBUTE);
    Item reference = payload.first(Tag.ATTRIBUTE_REFERENCE).orElse(null);
    if (current == null && reference == null) {
      throw KmipException.missingData("Current Attribute or Attribute Reference missing");
    }
    AttributeRef kind = current != null ? AttributeRef.kindOf(current) : AttributeRef.of(reference);
    if (current != null && reference != null && !AttributeRef.of(reference).equals(kind)) {
      throw KmipException.invalidField("Current Attribute and Attribute Reference name different attributes");
    }
    List<Item> existing = mo.attributes().instances(kind);
    if (existing.isEmpty()) {
      throw new KmipException(ResultReason.ATTRIBUTE_NOT_FOUND, kind.label() + " has no value to delete");
    }
    AttributeRules.checkClientMayDelete(kind.tag(), mo.state(ctx.now()));
    if (kind.isVendor() && "y".equals(kind.vendor()) && !ctx.version().atLeast(KmipVersion.V2_0)) {
      throw new KmipException(ResultReason.ATTRIBUTE_READ_ONLY, "y- attributes are the server's");
    }
    Item deleted = null;
    int index = 0;
    if (!ctx.version().atLeast(KmipVersion.V2_0)) {
      index = Math.max(0, AttributePayloads.attributeIndex(payload));
      if (index >= existing.size()) {
        throw new KmipException(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND,
            kind.label() + " has no value with index " + index);
      }
      deleted = existing.get(index);
      mo.attributes().removeInstance(kind, index);
    } else if (current != null) {
      index = existing.indexOf(current);
      if (index < 0) {
        throw new KmipException(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND,
            "the Current Attribute is not a value of " + kind.label());
      }
      mo.attributes().removeInstance(kind, index);
    } else {
      for (int i = existing.size() - 1; i >= 0; i--) {
        mo.attributes().removeInstance(kind, i);
      }
    }
    ctx.objects().save(mo);
    return AttributePayloads.response(mo, deleted, index);
  }
}
