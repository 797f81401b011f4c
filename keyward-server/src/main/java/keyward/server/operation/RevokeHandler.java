package keyward.server.operation;

import java.time.Instant;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.ManagedObject;
import keyward.server.object.Transitions;

/**
 * Revoke (1.4 §4.20, 2.1 Revoke): Key Compromise and CA Compromise make the object Compromised
 * (Destroyed Compromised if destroyed) with Compromise Date and Compromise Occurrence Date;
 * other reasons deactivate an Active object with Deactivation Date. The Compromise Occurrence
 * Date belongs only with a compromise reason (1.4 §4.20).
 */
public final class RevokeHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.REVOKE;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    if (!(payload.first(Tag.REVOCATION_REASON).orElse(null) instanceof Item.Structure reason)) {
      throw KmipException.invalidField("Revocation Reason is required");
    }
    Integer code = Payloads.enumeration(reason, Tag.REVOCATION_REASON_CODE).orElse(null);
    RevocationReasonCode rc = code == null ? null : RevocationReasonCode.fromValue(code);
    if (rc == null) {
      throw KmipException.invalidField("Revocation Reason needs a known Revocation Reason Code");
    }
    Instant occurrence = Payloads.dateTime(payload, Tag.COMPROMISE_OCCURRENCE_DATE).orElse(null);
    if (occurrence != null && !Transitions.compromises(rc)) {
      throw KmipException.invalidField("Compromise Occurrence Date is given only with a compromise reason");
    }
    ManagedObject mo = Payloads.online(context, uid);
    Transitions.revoke(mo, reason, rc, occurrence, context.now());
    context.objects().save(mo);
    return Payloads.response(Payloads.uid(uid));
  }
}
