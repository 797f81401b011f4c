package keyward.server.operation;

import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.Signatures;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;

/**
 * Sign (1.4 §4.31, 2.1 §6.1.50): a signature over Data (or Digested Data) with an Active private
 * key whose Usage Mask has Sign, under the request's Cryptographic Parameters or the key's own
 * (CS-AC-M-1). See {@link Signatures} for the algorithms.
 */
public final class SignHandler implements OperationHandler {
  @Override
  public Operation operation() {
    return Operation.SIGN;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    KeyUse.noStreaming(payload);
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject key = KeyUse.check(context, uid, ObjectType.PRIVATE_KEY, CryptographicUsageMask.SIGN, true);
    boolean digested = payload.first(Tag.DIGESTED_DATA).isPresent();
    byte[] data = digested ? KeyUse.bytes(payload, Tag.DIGESTED_DATA, "Digested Data")
        : KeyUse.bytes(payload, Tag.DATA, "Data");
    byte[] signature = Signatures.sign(
        AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(key.object()).orElseThrow()),
        KeyUse.parameters(payload, key), data, digested);
    return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.SIGNATURE_DATA, signature));
  }
}
