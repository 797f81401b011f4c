package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;

/**
 * RNG Retrieve (1.4 §4.35, 2.1 §6.1): Data Length random bytes from the server's approved
 * generator (CS-RNG-M-1: 32 bytes). The length is 1 to {@link #MAX_LENGTH} bytes, so a request
 * cannot make the server allocate without bound.
 */
public final class RngRetrieveHandler implements OperationHandler {
  /** Largest Data Length served in one request. */
  public static final int MAX_LENGTH = 64 * 1024;
  private final CryptoEngine crypto;

  public RngRetrieveHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.RNG_RETRIEVE;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    int length = Payloads.integer(payload, Tag.DATA_LENGTH)
        .orElseThrow(() -> KmipException.missingData("Data Length is required"));
    if (length <= 0 || length > MAX_LENGTH) {
      throw KmipException.invalidField("Data Length must be 1 to " + MAX_LENGTH + " bytes");
    }
    return Payloads.response(new Item.ByteString(Tag.DATA, crypto.randomBytes(length)));
  }
}
