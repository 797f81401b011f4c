package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;
import keyward.server.object.ManagedObject;
import keyward.server.object.Transitions;

/**
 * Activate (1.4 §4.19, 2.1 §6.1.1): a Pre-Active object becomes Active with Activation Date =
 * now; any other state is Wrong Key Lifecycle State (1.x: Permission Denied, SKLC-M-2-14).
 */
public final class ActivateHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.ACTIVATE;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    Transitions.activate(mo, context.now());
    context.objects().save(mo);
    return Payloads.response(Payloads.uid(uid));
  }
}
