package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.object.AttributeRef;
import keyward.server.access.Grant;
import keyward.server.object.AttributeView;
import keyward.server.object.ManagedObject;

/**
 * Get Attribute List (1.4 §4.13, 2.1 §6.1.22): a reference to each attribute the object has
 * (1.x: its name), once, limited to what the client's version defines.
 */
public final class GetAttributeListHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.GET_ATTRIBUTE_LIST;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    List<Item> out = new ArrayList<>();
    out.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, mo.uniqueIdentifier()));
    boolean manages = ctx.objects().manages(mo);
    for (AttributeRef ref : AttributeView.kinds(mo, ctx.now(), ctx.version())) {
      if (manages || !(Grant.VENDOR.equals(ref.vendor()) && Grant.NAME.equals(ref.name()))) {
        out.add(ref.toItem()); // a grantee does not see that there are grants
      }
    }
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, out);
  }
}
