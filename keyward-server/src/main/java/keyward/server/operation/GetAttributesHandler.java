package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRef;
import keyward.server.object.AttributeView;
import keyward.server.object.ManagedObject;

/**
 * Get Attributes (1.4 §4.12, 2.1 §6.1.23): the requested attributes in the order requested
 * (every value of a multi-valued one, in index order), or all of them when none is named. An
 * attribute the object does not have is left out (BL-M-2-21 asks for Name and gets none).
 * State is the effective state; only attributes and values the client's version defines are
 * returned.
 */
public final class GetAttributesHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.GET_ATTRIBUTES;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    List<AttributeRef> asked = new ArrayList<>();
    for (Item r : payload.all(Tag.ATTRIBUTE_REFERENCE)) {
      AttributeRef ref = AttributeRef.of(r);
      if (asked.contains(ref) && ctx.version().atLeast(KmipVersion.V1_1) && !ctx.version().atLeast(KmipVersion.V2_0)) {
        // KMIP 1.1 made an Attribute Name given twice an error (Test Cases v1.1/1.2, TC-171 step 1)
        throw new KmipException(ResultReason.INVALID_MESSAGE,
            "Attribute Name specified more than once: " + ref.label());
      }
      asked.add(ref);
    }
    List<Item> out;
    if (asked.isEmpty()) {
      out = AttributeView.listed(mo, ctx.now(), ctx.version());
    } else {
      List<Item> all = AttributeView.of(mo, ctx.now());
      out = new ArrayList<>();
      List<AttributeRef> done = new ArrayList<>();
      for (AttributeRef ref : asked) {
        if (done.contains(ref)) {
          continue; // asked twice: answered once
        }
        done.add(ref);
        for (Item item : all) {
          Item a = AttributeView.shapedFor(item, ctx.version());
          if (ref.matches(a) && AttributeView.sendable(a, ctx.version())) {
            out.add(a);
          }
        }
      }
    }
    if (!ctx.objects().manages(mo)) {
      out.removeIf(keyward.server.access.Grant::isGrant);
    }
    return new Item.Structure(Tag.RESPONSE_PAYLOAD,
        new Item.TextString(Tag.UNIQUE_IDENTIFIER, mo.uniqueIdentifier()),
        new Item.Structure(Tag.ATTRIBUTES, out));
  }
}
