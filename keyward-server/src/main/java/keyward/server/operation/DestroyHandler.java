package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;
import keyward.server.object.ManagedObject;
import keyward.server.object.Transitions;

/**
 * Destroy (1.4 §4.21, 2.1 §6.1.15): the key material goes, the metadata stays (state Destroyed
 * or Destroyed Compromised, Destroy Date). An Active object is refused with Wrong Key Lifecycle
 * State (SKLC-M-2-21; 1.x clients get Permission Denied, SKLC-M-2-14), a destroyed one with
 * Object Destroyed.
 */
public final class DestroyHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.DESTROY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    Transitions.destroy(mo, context.now());
    context.objects().save(mo);
    return Payloads.response(Payloads.uid(uid));
  }
}
