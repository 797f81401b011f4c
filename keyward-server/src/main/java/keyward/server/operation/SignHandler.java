package keyward.server.operation;

import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.crypto.AsymmetricParameters;
import keyward.server.crypto.CipherStreams;
import keyward.server.crypto.Signatures;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;

/**
 * Sign (1.4 §4.31, 2.1 §6.1.50): a signature over Data (or Digested Data) with an Active private
 * key whose Usage Mask has Sign, before its Protect Stop Date, under the request's Cryptographic
 * Parameters or the key's own (CS-AC-M-1). See {@link Signatures} for the algorithms.
 *
 * <p>Signing applies protection, so it spends the key's Usage Limits ({@link CryptoKeys#spend}:
 * one object per signature, however many parts it is streamed in, or its bytes). The count is
 * taken in the request's transaction before the signature is made: a request refused for its
 * limits changes nothing, and a signature is never returned when the count could not be saved.
 * Streamed (Init Indicator, Correlation Value, Final Indicator: {@link SignatureParts}) for RSA
 * and ECDSA.
 */
public final class SignHandler implements OperationHandler {
  private final CipherStreams streams;

  public SignHandler(CipherStreams streams) {
    this.streams = streams;
  }

  @Override
  public Operation operation() {
    return Operation.SIGN;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    StreamPart part = StreamPart.of(payload, context.version());
    ManagedObject key = KeyUse.check(context, uid, ObjectType.PRIVATE_KEY, CryptographicUsageMask.SIGN, true);
    if (part.first() && part.last()) {
      boolean digested = payload.first(Tag.DIGESTED_DATA).isPresent();
      byte[] data = digested ? KeyUse.bytes(payload, Tag.DIGESTED_DATA, "Digested Data")
          : KeyUse.bytes(payload, Tag.DATA, "Data");
      AsymmetricParameters p = KeyUse.parameters(payload, key);
      CryptoKeys.spend(context, key, data.length, true);
      byte[] signature = Signatures.sign(
          AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(key.object()).orElseThrow()), p, data, digested);
      return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.SIGNATURE_DATA, signature));
    }
    byte[] data = SignatureParts.data(payload, part);
    AsymmetricParameters p = KeyUse.parameters(payload, key);
    CryptoKeys.spend(context, key, data.length, part.first());
    SignatureParts.Step step = SignatureParts.feed(context, streams, part, uid, Operation.SIGN, data,
        () -> Signatures.signer(AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(key.object()).orElseThrow()), p));
    if (step.correlation() != null) {
      return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.CORRELATION_VALUE, step.correlation()));
    }
    return Payloads.response(Payloads.uid(uid),
        new Item.ByteString(Tag.SIGNATURE_DATA, step.session().finish(data, null).data()));
  }
}
