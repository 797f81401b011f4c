package keyward.server.object;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.spi.crypto.CryptoEngine;

/**
 * The Digest attribute (1.4 §3.17): SHA-256 over the key material of a key or Secret
 * Data (the Byte String itself, or the TTLV encoding of a Key Material structure), the
 * Certificate Value of a certificate, the Opaque Data Value of an opaque object. For keys the
 * Key Format Type says which form was hashed: the registered one, or the one created.
 */
public final class Digests {
  private static final TtlvCodec TTLV = new TtlvCodec();

  private Digests() {}

  /** The mandatory SHA-256 Digest, or empty when the object holds nothing to digest. */
  public static Optional<Item.Structure> sha256(ObjectType type, Item.Structure object, CryptoEngine crypto) {
    if (object == null) {
      return Optional.empty();
    }
    if (KeyBlocks.hasKeyBlock(type)) {
      Optional<Item.Structure> block = KeyBlocks.keyBlock(object);
      if (block.isEmpty() || KeyBlocks.wrapped(block.get())) {
        return Optional.empty();
      }
      Optional<Item> material = KeyBlocks.keyMaterial(block.get());
      Optional<KeyFormatType> format = KeyBlocks.format(block.get());
      if (material.isEmpty() || format.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(digest(material.get(), format.get(), crypto));
    }
    int valueTag = switch (type) {
      case CERTIFICATE -> Tag.CERTIFICATE_VALUE;
      case OPAQUE_OBJECT -> Tag.OPAQUE_DATA_VALUE;
      default -> -1;
    };
    if (valueTag < 0) {
      return Optional.empty();
    }
    return object.first(valueTag).filter(Item.ByteString.class::isInstance)
        .map(v -> digest(v, null, crypto));
  }

  private static Item.Structure digest(Item material, KeyFormatType format, CryptoEngine crypto) {
    byte[] value;
    if (material instanceof Item.ByteString b) {
      value = crypto.digest("SHA-256", b.value());
    } else {
      byte[] encoded = TTLV.encode(material);
      try {
        value = crypto.digest("SHA-256", encoded);
      } finally {
        Arrays.fill(encoded, (byte) 0); // the encoding holds key material
      }
    }
    List<Item> parts = new ArrayList<>(3);
    parts.add(new Item.Enumeration(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256.value()));
    parts.add(new Item.ByteString(Tag.DIGEST_VALUE, value));
    if (format != null) {
      parts.add(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, format.value()));
    }
    return new Item.Structure(Tag.DIGEST, parts);
  }
}
