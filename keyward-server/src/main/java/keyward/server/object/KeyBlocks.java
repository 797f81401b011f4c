package keyward.server.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Reading the Key Block of a managed object (KMIP 1.4 §2.1.3, 2.1 §2.1.3): the objects that
 * carry one are keys, Split Keys, Secret Data and PGP Keys. The Key Value holds the Key
 * Material: a Byte String (Raw, Opaque, PKCS#1, PKCS#8, X.509...) or a structure (the
 * Transparent formats).
 */
public final class KeyBlocks {
  private KeyBlocks() {}

  /** The tag of the object structure an Object Type is sent in, or -1 when it has none here. */
  public static int objectTag(ObjectType type) {
    return switch (type) {
      case CERTIFICATE -> Tag.CERTIFICATE;
      case SYMMETRIC_KEY -> Tag.SYMMETRIC_KEY;
      case PUBLIC_KEY -> Tag.PUBLIC_KEY;
      case PRIVATE_KEY -> Tag.PRIVATE_KEY;
      case SPLIT_KEY -> Tag.SPLIT_KEY;
      case SECRET_DATA -> Tag.SECRET_DATA;
      case OPAQUE_OBJECT -> Tag.OPAQUE_OBJECT;
      case PGP_KEY -> Tag.PGP_KEY;
      case TEMPLATE -> Tag.TEMPLATE;
      default -> -1;
    };
  }

  /** Object types whose structure holds a Key Block. */
  public static boolean hasKeyBlock(ObjectType type) {
    return switch (type) {
      case SYMMETRIC_KEY, PUBLIC_KEY, PRIVATE_KEY, SPLIT_KEY, SECRET_DATA, PGP_KEY -> true;
      default -> false;
    };
  }

  public static Optional<Item.Structure> keyBlock(Item.Structure object) {
    return object == null ? Optional.empty() : structure(object, Tag.KEY_BLOCK);
  }

  public static Optional<KeyFormatType> format(Item.Structure keyBlock) {
    return keyBlock.first(Tag.KEY_FORMAT_TYPE)
        .filter(Item.Enumeration.class::isInstance)
        .map(i -> KeyFormatType.fromValue(((Item.Enumeration) i).value()));
  }

  /** True when the key block is wrapped (it carries Key Wrapping Data). */
  public static boolean wrapped(Item.Structure keyBlock) {
    return keyBlock.first(Tag.KEY_WRAPPING_DATA).isPresent();
  }

  /** The Key Material of an unwrapped key block: a Byte String or a structure. */
  public static Optional<Item> keyMaterial(Item.Structure keyBlock) {
    return structure(keyBlock, Tag.KEY_VALUE).flatMap(v -> v.first(Tag.KEY_MATERIAL));
  }

  /** The key block's Cryptographic Algorithm enumeration value, if present. */
  public static Optional<Integer> algorithm(Item.Structure keyBlock) {
    return keyBlock.first(Tag.CRYPTOGRAPHIC_ALGORITHM)
        .filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value());
  }

  /** The key block's Cryptographic Length, if present. */
  public static Optional<Integer> length(Item.Structure keyBlock) {
    return keyBlock.first(Tag.CRYPTOGRAPHIC_LENGTH)
        .filter(Item.Integer.class::isInstance).map(i -> ((Item.Integer) i).value());
  }

  /**
   * The raw key bytes of a symmetric key in Raw or Transparent Symmetric Key format (the array
   * is the item's own: not copied), or empty for any other shape.
   */
  public static Optional<byte[]> symmetricKeyBytes(Item.Structure keyBlock) {
    Optional<KeyFormatType> f = format(keyBlock);
    Optional<Item> m = keyMaterial(keyBlock);
    if (f.isEmpty() || m.isEmpty()) {
      return Optional.empty();
    }
    if (f.get() == KeyFormatType.RAW && m.get() instanceof Item.ByteString b) {
      return Optional.of(b.value());
    }
    if (f.get() == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY && m.get() instanceof Item.Structure s
        && s.first(Tag.KEY).orElse(null) instanceof Item.ByteString b) {
      return Optional.of(b.value());
    }
    return Optional.empty();
  }

  /**
   * The key block in another format, Raw and Transparent Symmetric Key being the same bytes
   * (2.1 §2.1.7.2); empty when this server cannot convert to the format asked for.
   */
  public static Optional<Item.Structure> convertSymmetric(Item.Structure keyBlock, KeyFormatType to) {
    if (format(keyBlock).orElse(null) == to) {
      return Optional.of(keyBlock);
    }
    if (to != KeyFormatType.RAW && to != KeyFormatType.TRANSPARENT_SYMMETRIC_KEY) {
      return Optional.empty();
    }
    Optional<byte[]> key = symmetricKeyBytes(keyBlock);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Item material = to == KeyFormatType.RAW
        ? new Item.ByteString(Tag.KEY_MATERIAL, key.get())
        : new Item.Structure(Tag.KEY_MATERIAL, new Item.ByteString(Tag.KEY, key.get()));
    List<Item> out = new ArrayList<>();
    for (Item i : keyBlock.items()) {
      if (i.tag() == Tag.KEY_FORMAT_TYPE) {
        out.add(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, to.value()));
      } else if (i.tag() == Tag.KEY_VALUE && i instanceof Item.Structure value) {
        out.add(replace(value, Tag.KEY_MATERIAL, material));
      } else {
        out.add(i);
      }
    }
    return Optional.of(new Item.Structure(Tag.KEY_BLOCK, out));
  }

  /** The structure with its first child of the tag replaced (the object's key block, say). */
  public static Item.Structure replace(Item.Structure s, int tag, Item with) {
    List<Item> out = new ArrayList<>(s.items().size());
    boolean done = false;
    for (Item i : s.items()) {
      if (!done && i.tag() == tag) {
        out.add(with);
        done = true;
      } else {
        out.add(i);
      }
    }
    return new Item.Structure(s.tag(), out);
  }

  private static Optional<Item.Structure> structure(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Structure.class::isInstance).map(Item.Structure.class::cast);
  }
}
