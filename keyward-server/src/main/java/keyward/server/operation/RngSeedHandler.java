package keyward.server.operation;

import java.util.Arrays;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;

/**
 * RNG Seed (1.4 §4.36, 2.1 §6.1): the client offers seed data; the answer's Data Length is
 * how much the server accepted. Up to {@link #MAX_SEED} bytes are taken and handed to the
 * engine ({@link CryptoEngine#seed}): with the JDK's DRBG they are additional input to a reseed
 * (NIST SP 800-90A §9.2), mixed with fresh entropy, so a client's seed can add to the
 * generator's state but never replace or weaken it. CS-RNG-O-1 (all 32 bytes accepted) is the
 * answer this server gives; O-2..O-4 show other servers' policies (16, 0, refused).
 */
public final class RngSeedHandler implements OperationHandler {
  /** Most seed bytes taken from one request; the rest is ignored (and not counted as accepted). */
  public static final int MAX_SEED = 1024;
  private final CryptoEngine crypto;

  public RngSeedHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.RNG_SEED;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    byte[] data = CryptoKeys.bytes(payload, Tag.DATA);
    if (data == null) {
      throw KmipException.missingData("Data is required");
    }
    byte[] taken = Arrays.copyOf(data, Math.min(data.length, MAX_SEED));
    try {
      int accepted = crypto.seed(taken);
      return Payloads.response(new Item.Integer(Tag.DATA_LENGTH, accepted));
    } finally {
      Arrays.fill(taken, (byte) 0);
    }
  }
}
