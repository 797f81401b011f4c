package keyward.server.operation;

import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricParameters;
import keyward.server.crypto.CipherStreams;
import keyward.server.crypto.Signatures;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;

/**
 * Signature Verify (1.4 §4.32, 2.1 §6.1.51): Valid or Invalid for Signature Data over Data (or
 * Digested Data) with a public key whose Usage Mask has Verify, in state Active or Deactivated
 * from its Process Start Date (CS-AC-M-2: a changed byte in either is Invalid, not an error).
 * Streamed for RSA and ECDSA ({@link SignatureParts}): the parts before the last answer Unknown
 * with the Correlation Value, the last one (with the Signature Data) Valid or Invalid.
 */
public final class SignatureVerifyHandler implements OperationHandler {
  private final CipherStreams streams;

  public SignatureVerifyHandler(CipherStreams streams) {
    this.streams = streams;
  }

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
    String uid = Payloads.uniqueIdentifier(context, payload);
    StreamPart part = StreamPart.of(payload, context.version());
    ManagedObject key = KeyUse.check(context, uid, ObjectType.PUBLIC_KEY, CryptographicUsageMask.VERIFY, false);
    if (part.first() && part.last()) {
      boolean digested = payload.first(Tag.DIGESTED_DATA).isPresent();
      byte[] data = digested ? KeyUse.bytes(payload, Tag.DIGESTED_DATA, "Digested Data")
          : KeyUse.bytes(payload, Tag.DATA, "Data");
      byte[] signature = KeyUse.bytes(payload, Tag.SIGNATURE_DATA, "Signature Data");
      boolean valid = Signatures.verify(
          AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(key.object()).orElseThrow()),
          KeyUse.parameters(payload, key), data, digested, signature);
      return Payloads.response(Payloads.uid(uid), indicator(valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID));
    }
    byte[] data = SignatureParts.data(payload, part);
    byte[] signature = CryptoKeys.bytes(payload, Tag.SIGNATURE_DATA);
    if (part.last() && signature == null) {
      throw KmipException.missingData("Signature Data is required in the last part");
    }
    AsymmetricParameters p = KeyUse.parameters(payload, key);
    SignatureParts.Step step = SignatureParts.feed(context, streams, part, uid, Operation.SIGNATURE_VERIFY, data,
        () -> Signatures.verifier(AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(key.object()).orElseThrow()), p));
    if (step.correlation() != null) {
      return Payloads.response(Payloads.uid(uid), indicator(ValidityIndicator.UNKNOWN),
          new Item.ByteString(Tag.CORRELATION_VALUE, step.correlation()));
    }
    return Payloads.response(Payloads.uid(uid), indicator(step.session().verify(data, signature)
        ? ValidityIndicator.VALID : ValidityIndicator.INVALID));
  }

  private static Item indicator(ValidityIndicator v) {
    return new Item.Enumeration(Tag.VALIDITY_INDICATOR, v.value());
  }
}
