package keyward.server.operation;

import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.Signatures;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;

/**
 * Signature Verify (1.4 §4.32, 2.1 §6.1.51): Valid or Invalid for Signature Data over Data (or
 * Digested Data) with a public key whose Usage Mask has Verify (CS-AC-M-2: a changed byte in
 * either is Invalid, not an error).
 */
public final class SignatureVerifyHandler implements OperationHandler {
  @Override
  public Operation operation() {
    return Operation.SIGNATURE_VERIFY;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    KeyUse.noStreaming(payload);
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject key = KeyUse.check(context, uid, ObjectType.PUBLIC_KEY, CryptographicUsageMask.VERIFY, false);
    boolean digested = payload.first(Tag.DIGESTED_DATA).isPresent();
    byte[] data = digested ? KeyUse.bytes(payload, Tag.DIGESTED_DATA, "Digested Data")
        : KeyUse.bytes(payload, Tag.DATA, "Data");
    byte[] signature = KeyUse.bytes(payload, Tag.SIGNATURE_DATA, "Signature Data");
    boolean valid = Signatures.verify(
        AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(key.object()).orElseThrow()),
        KeyUse.parameters(payload, key), data, digested, signature);
    return Payloads.response(Payloads.uid(uid), new Item.Enumeration(Tag.VALIDITY_INDICATOR,
        (valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID).value()));
  }
}
