package keyward.client;

import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;

/** Reading the answers of the cryptographic operations (the fields are the same in 1.x and 2.x). */
final class CryptoPayloads {
  private CryptoPayloads() {}

  /** The Byte String with this tag, or null. */
  static byte[] bytes(Item.Structure payload, int tag) {
    return payload.first(tag).filter(Item.ByteString.class::isInstance)
        .map(i -> ((Item.ByteString) i).value()).orElse(null);
  }

  /** The Byte String with this tag; the answer is unusable without it. */
  static byte[] required(Item.Structure payload, int tag, String name) {
    byte[] b = bytes(payload, tag);
    if (b == null) {
      throw new KmipClientException("the answer has no " + name, null);
    }
    return b;
  }

  static String text(Item.Structure payload, int tag) {
    return payload.first(tag).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value()).orElse(null);
  }

  /** Signature Verify, MAC Verify: Valid, Invalid or Unknown. */
  static ValidityIndicator validity(Item.Structure payload) {
    ValidityIndicator v = payload.first(Tag.VALIDITY_INDICATOR).filter(Item.Enumeration.class::isInstance)
        .map(i -> ValidityIndicator.fromValue(((Item.Enumeration) i).value())).orElse(null);
    if (v == null) {
      throw new KmipClientException("the answer has no known Validity Indicator", null);
    }
    return v;
  }

  /** RNG Seed: how many of the seed bytes the server accepted. */
  static int dataLength(Item.Structure payload) {
    return payload.first(Tag.DATA_LENGTH).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value())
        .orElseThrow(() -> new KmipClientException("the answer has no Data Length", null));
  }
}
