package keyward.server.operation;

import java.security.MessageDigest;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherStreams;
import keyward.spi.crypto.CryptoEngine;

/**
 * MAC Verify (1.4 §4.34, 2.1 §6.1): whether MAC Data is the MAC of Data under the key (an
 * Active, Deactivated or Compromised key that may MAC Verify), compared in constant time. The
 * answer is a Validity Indicator: Valid or Invalid (CS-AC-M-5/6); the middle parts of a stream,
 * where nothing is verified yet, answer Unknown with the Correlation Value, and the MAC Data
 * comes with the last part. Rules in {@link MacRequests}.
 */
public final class MacVerifyHandler implements OperationHandler {
  private final CryptoEngine crypto;
  private final CipherStreams streams;

  public MacVerifyHandler(CryptoEngine crypto, CipherStreams streams) {
    this.crypto = crypto;
    this.streams = streams;
  }

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
    StreamPart part = StreamPart.of(payload, context.version());
    if (given == null && part.last()) {
      throw KmipException.missingData("MAC Data is required");
    }
    MacRequests.Result r = MacRequests.mac(context, payload, uid, false, streams, crypto);
    if (r.mac() == null) {
      return Payloads.response(Payloads.uid(uid), indicator(ValidityIndicator.UNKNOWN),
          new Item.ByteString(Tag.CORRELATION_VALUE, r.correlation()));
    }
    return Payloads.response(Payloads.uid(uid), indicator(MessageDigest.isEqual(r.mac(), given)
        ? ValidityIndicator.VALID : ValidityIndicator.INVALID));
  }

  private static Item indicator(ValidityIndicator v) {
    return new Item.Enumeration(Tag.VALIDITY_INDICATOR, v.value());
  }
}
