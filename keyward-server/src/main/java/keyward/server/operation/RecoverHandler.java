package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.object.ManagedObject;

/**
 * Recover (1.4 §4.23): an archived object comes back on line and loses its Archive Date (1.4
 * §3.32: the server deletes it whenever Recover is performed). Recovering an object that is
 * not archived changes nothing.
 */
public final class RecoverHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.RECOVER;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = context.objects().get(uid);
    if (mo.archived()) {
      mo.setArchived(false);
      mo.attributes().remove(Tag.ARCHIVE_DATE);
      context.objects().save(mo);
    }
    return Payloads.response(Payloads.uid(uid));
  }
}
