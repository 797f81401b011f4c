package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.object.ManagedObject;

/**
 * Archive (1.4 §4.22): the object goes to archival storage, with Archive Date = now. It stays
 * visible to attribute reads and to Locate of archived objects; operations on it are refused
 * with Object Archived until it is recovered (TC-101). Archiving it again is Object Archived
 * (1.4 Table 349). The answer is synchronous: this server's archive is on line.
 */
public final class ArchiveHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.ARCHIVE;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    mo.setArchived(true);
    mo.attributes().set(new Item.DateTime(Tag.ARCHIVE_DATE, context.now().getEpochSecond()));
    context.objects().save(mo);
    return Payloads.response(Payloads.uid(uid));
  }
}
