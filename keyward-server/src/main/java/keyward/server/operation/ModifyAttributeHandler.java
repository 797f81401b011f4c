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
 * Modify Attribute (1.4 §4.15, 2.1 §6.1.31): replaces one existing value. 1.x names the value
 * by Attribute Index (0 when omitted); 2.x by Current Attribute, or, without it, the
 * attribute's only value. Read-only attributes are refused with Attribute Read Only
 * (BL-M-7-21 State, BL-M-10-21 Certificate Length), state-bound ones outside their states
 * with Wrong Key Lifecycle State (SKLC-M-3-21 Activation Date once Active); 1.x clients get
 * Permission Denied for both (SKLC-M-3-14).
 */
public final class ModifyAttributeHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.MODIFY_ATTRIBUTE;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    Item value = AttributePayloads.newAttribute(payload);
    Item current = AttributePayloads.wrapped(payload, Tag.CURRENT_ATTRIBUTE);
    AttributeRef kind = AttributeRef.kindOf(value);
    if (current != null && !AttributeRef.kindOf(current).equals(kind)) {
      throw KmipException.invalidField("Current Attribute and New Attribute name different attributes");
    }
    AttributeRules.checkClientMaySet(value, mo.objectType(), ctx.version());
    // the rules come before existence: a read-only or state-bound attribute is refused as such
    AttributeRules.checkClientMayChange(value.tag(), mo.state(ctx.now()));
    List<Item> existing = mo.attributes().instances(kind);
    if (existing.isEmpty()) {
      throw new KmipException(ResultReason.ATTRIBUTE_NOT_FOUND, kind.label() + " has no value to modify");
    }
    int index = instanceIndex(ctx, payload, kind, existing, current);
    if (value.tag() == Tag.NAME) {
      AttributePayloads.checkNewName(ctx, value, existing.get(index));
    }
    mo.attributes().replaceInstance(kind, index, value);
    ctx.objects().save(mo);
    return AttributePayloads.response(mo, value, index);
  }

  /** Which value is replaced: by 1.x index, by 2.x Current Attribute, or the only one. */
  private static int instanceIndex(OperationContext ctx, Item.Structure payload, AttributeRef kind,
      List<Item> existing, Item current) throws KmipException {
    if (!ctx.version().atLeast(KmipVersion.V2_0)) {
      int index = Math.max(0, AttributePayloads.attributeIndex(payload));
      if (index >= existing.size()) {
        throw new KmipException(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND,
            kind.label() + " has no value with index " + index);
      }
      return index;
    }
    if (current != null) {
      int index = existing.indexOf(current);
      if (index < 0) {
        throw new KmipException(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND,
            "the Current Attribute is not a value of " + kind.label());
      }
      return index;
    }
    if (existing.size() > 1) {
      throw new KmipException(ResultReason.MULTI_VALUED_ATTRIBUTE,
          kind.label() + " has several values; name one with Current Attribute");
    }
    return 0;
  }
}
