package keyward.server.operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.SplitKeyMethod;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.SecretSharing;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;

/**
 * The Split Key object (1.4 §2.2.5, 2.1 §2.2.5): Split Key Parts, Key Part Identifier, Split
 * Key Threshold, Split Key Method, Prime Field Size (Polynomial Sharing Prime Field only) and
 * a Raw Key Block holding the part, which names the split key's Cryptographic Algorithm and
 * Length. What Create Split Key writes and Join Split Key reads.
 */
final class SplitKeys {
  /** The largest Prime Field Size taken, in bits: bounds the arithmetic a request can ask for. */
  static final int MAX_PRIME_BITS = 4096;

  private SplitKeys() {}

  /** How one split was made: the same in each of its parts. */
  record Split(int parts, int threshold, SplitKeyMethod method, BigInteger prime) {
    /** Refuses what the server cannot split or join with the spec's Result Reasons. */
    void check() throws KmipException {
      if (parts < 2 || parts > SecretSharing.MAX_PARTS) {
        throw KmipException.invalidField("Split Key Parts must be 2 to " + SecretSharing.MAX_PARTS);
      }
      if (threshold < 2 || threshold > parts) {
        throw KmipException.invalidField("Split Key Threshold must be 2 to the number of parts");
      }
      switch (method) {
        case XOR -> {
          if (threshold != parts) {
            throw KmipException.invalidField("XOR splitting needs every part: the threshold must equal the parts");
          }
        }
        case POLYNOMIAL_SHARING_GF_2_8 -> { }
        case POLYNOMIAL_SHARING_PRIME_FIELD -> {
          if (prime == null || prime.signum() <= 0 || prime.bitLength() > MAX_PRIME_BITS
              || prime.compareTo(BigInteger.valueOf(parts)) <= 0 || !prime.isProbablePrime(64)) {
            throw KmipException.invalidField("Polynomial Sharing Prime Field needs a Prime Field Size that is a prime"
                + " above the number of parts, at most " + MAX_PRIME_BITS + " bits");
          }
        }
        default -> throw new keyward.server.KmipException(keyward.kmip.spec.ResultReason.FEATURE_NOT_SUPPORTED,
            "this server does not split with " + method.specName());
      }
    }
  }

  static Item.Structure object(Split split, int identifier, byte[] part, Item algorithm, Item length) {
    List<Item> items = new ArrayList<>();
    items.add(new Item.Integer(Tag.SPLIT_KEY_PARTS, split.parts()));
    items.add(new Item.Integer(Tag.KEY_PART_IDENTIFIER, identifier));
    items.add(new Item.Integer(Tag.SPLIT_KEY_THRESHOLD, split.threshold()));
    items.add(new Item.Enumeration(Tag.SPLIT_KEY_METHOD, split.method().value()));
    if (split.prime() != null) {
      items.add(new Item.BigInteger(Tag.PRIME_FIELD_SIZE, split.prime()));
    }
    List<Item> after = new ArrayList<>();
    if (algorithm != null) {
      after.add(algorithm);
    }
    if (length != null) {
      after.add(length);
    }
    items.add(CreateHandler.keyBlock(KeyFormatType.RAW, part, after.toArray(Item[]::new)));
    return new Item.Structure(Tag.SPLIT_KEY, items);
  }

  static Split split(ManagedObject mo) throws KmipException {
    Item.Structure s = mo.object();
    SplitKeyMethod method = Payloads.enumeration(s, Tag.SPLIT_KEY_METHOD).map(SplitKeyMethod::fromValue)
        .orElseThrow(() -> KmipException.invalidField("a Split Key without a known Split Key Method"));
    BigInteger prime = s.first(Tag.PRIME_FIELD_SIZE).filter(Item.BigInteger.class::isInstance)
        .map(i -> ((Item.BigInteger) i).value()).orElse(null);
    return new Split(required(s, Tag.SPLIT_KEY_PARTS), required(s, Tag.SPLIT_KEY_THRESHOLD), method, prime);
  }

  static SecretSharing.Part part(ManagedObject mo) throws KmipException {
    Item.Structure block = KeyBlocks.keyBlock(mo.object())
        .orElseThrow(() -> KmipException.invalidField("a Split Key without a Key Block"));
    if (KeyBlocks.wrapped(block) || !(KeyBlocks.keyMaterial(block).orElse(null) instanceof Item.ByteString b)) {
      throw KmipException.invalidField("a Split Key part must be Raw bytes in the clear");
    }
    return new SecretSharing.Part(required(mo.object(), Tag.KEY_PART_IDENTIFIER), b.value());
  }

  private static int required(Item.Structure s, int tag) throws KmipException {
    return Payloads.integer(s, tag).orElseThrow(() -> KmipException.invalidField(
        "a Split Key without its " + keyward.kmip.spec.SpecRegistry.tag(tag).name()));
  }
}
