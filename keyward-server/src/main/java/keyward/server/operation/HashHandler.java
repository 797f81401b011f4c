package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherParameters;
import keyward.server.crypto.Hashes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Hash (1.4 §4.37, 2.1 §6.1): the digest of Data with the Hashing Algorithm of the request's
 * Cryptographic Parameters, which are required (CS-AC-M-7: SHA-256 and SHA-512). No key is
 * involved. Streamed hashing is not offered (Feature Not Supported).
 */
public final class HashHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public HashHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.HASH;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    if (payload.first(Tag.CORRELATION_VALUE).isPresent() || CryptoKeys.flag(payload, Tag.INIT_INDICATOR)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "streamed hashing is not offered");
    }
    Item p = payload.first(Tag.CRYPTOGRAPHIC_PARAMETERS).orElse(null);
    if (!(p instanceof Item.Structure params)) {
      throw KmipException.missingData("Cryptographic Parameters with a Hashing Algorithm are required");
    }
    byte[] data = CryptoKeys.bytes(payload, Tag.DATA);
    if (data == null) {
      throw KmipException.missingData("Data is required");
    }
    String name = Hashes.jcaName(CipherParameters.of(params).hashing());
    return Payloads.response(new Item.ByteString(Tag.DATA, crypto.digest(name, data)));
  }
}
