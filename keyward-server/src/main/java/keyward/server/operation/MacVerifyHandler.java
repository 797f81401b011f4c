package keyward.server.operation;

import java.security.MessageDigest;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * MAC Verify (1.4 §4.34, 2.1 §6.1): whether MAC Data is the MAC of Data under the key (an
 * Active, Deactivated or Compromised key that may MAC Verify), compared in constant time. The
 * answer is a Validity Indicator: Valid or Invalid (CS-AC-M-5/6). Rules in {@link MacRequests}.
 */
public final class MacVerifyHandler implements OperationHandler {
  @Override
  public Operation operation() {
    return Operation.MAC_VERIFY;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    byte[] given = CryptoKeys.bytes(payload, Tag.MAC_DATA);
    if (given == null) {
      throw KmipException.missingData("MAC Data is required");
    }
    byte[] mac = MacRequests.mac(context, payload, uid, false);
    ValidityIndicator v = MessageDigest.isEqual(mac, given) ? ValidityIndicator.VALID : ValidityIndicator.INVALID;
    return Payloads.response(Payloads.uid(uid), new Item.Enumeration(Tag.VALIDITY_INDICATOR, v.value()));
  }
}
