package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.ManagedObject;
import keyward.server.object.ServerAttributes;

/**
 * Obtain Lease (1.4 §4.17): the Lease Time the client may cache the object for, with its Last
 * Change Date so the client knows whether its cached attributes are stale. A lease is granted
 * only for an object that may be used, an Active one: otherwise Wrong Key Lifecycle State (1.x:
 * Permission Denied, as TC-95 answers for a compromised key).
 */
public final class ObtainLeaseHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.OBTAIN_LEASE;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    State s = mo.state(context.now());
    if (s != State.ACTIVE) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "object is " + s.specName() + ": a lease is granted for Active objects only");
    }
    Item lease = mo.attributes().first(Tag.LEASE_TIME)
        .orElse(new Item.Interval(Tag.LEASE_TIME, ServerAttributes.LEASE_SECONDS));
    Item changed = mo.attributes().first(Tag.LAST_CHANGE_DATE)
        .orElseGet(() -> mo.attributes().first(Tag.INITIAL_DATE)
            .map(i -> (Item) new Item.DateTime(Tag.LAST_CHANGE_DATE, ((Item.DateTime) i).epochSeconds()))
            .orElse(new Item.DateTime(Tag.LAST_CHANGE_DATE, context.now().getEpochSecond())));
    return Payloads.response(Payloads.uid(uid), lease, changed);
  }
}
