package keyward.server.operation;

import java.util.Optional;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.server.object.Transitions;

/**
 * The keys named in Encryption Key Information and MAC/Signature Key Information (1.4 §2.1.5,
 * 2.1 §2.1.5) and the checks before one wraps or unwraps: found (Wrapping Object Not Found),
 * not archived (Wrapping Object Archived), not destroyed (Wrapping Object Destroyed), of a type
 * that does the job (Invalid Object Type), Active to wrap and Active or Deactivated to unwrap
 * (Wrong Key Lifecycle State), with the usage bit (Incompatible Cryptographic Usage Mask), held
 * in the clear by the server (Key Wrap Type Not Supported when it is itself stored wrapped). 1.x
 * clients get the 1.x reasons through ReasonsByVersion.
 */
final class WrappingKeys {
  /** Which job the key does; each has the usage bits that allow it. */
  enum Role {
    ENCRYPT(CryptographicUsageMask.WRAP_KEY),
    DECRYPT(CryptographicUsageMask.UNWRAP_KEY),
    MAC_SIGN(CryptographicUsageMask.WRAP_KEY, CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.SIGN),
    MAC_VERIFY(CryptographicUsageMask.UNWRAP_KEY, CryptographicUsageMask.MAC_VERIFY, CryptographicUsageMask.VERIFY);

    final CryptographicUsageMask[] bits;

    Role(CryptographicUsageMask... bits) {
      this.bits = bits;
    }

    boolean applies() {
      return this == ENCRYPT || this == MAC_SIGN;
    }
  }

  private WrappingKeys() {}

  /** The key for the role, checked; see the class comment for each refusal. */
  static ManagedObject get(OperationContext context, String uid, Role role) throws Exception {
    ManagedObject key;
    try {
      key = context.objects().get(uid);
    } catch (KmipException e) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_NOT_FOUND, "the wrapping key is not found");
    }
    if (key.archived()) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_ARCHIVED, "the wrapping key is archived");
    }
    State state = key.state(context.now());
    if (Transitions.destroyed(state) || key.object() == null) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_DESTROYED, "the wrapping key is destroyed");
    }
    ObjectType type = key.objectType();
    boolean typeOk = switch (role) {
      case ENCRYPT -> type == ObjectType.SYMMETRIC_KEY || type == ObjectType.PUBLIC_KEY;
      case DECRYPT, MAC_SIGN -> type == ObjectType.SYMMETRIC_KEY || type == ObjectType.PRIVATE_KEY;
      case MAC_VERIFY -> type == ObjectType.SYMMETRIC_KEY || type == ObjectType.PUBLIC_KEY;
    };
    if (!typeOk) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "a " + type.specName() + " cannot "
          + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '/') + " a wrapped key");
    }
    if (state != State.ACTIVE && (role.applies() || state != State.DEACTIVATED)) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "the wrapping key cannot " + (role.applies() ? "wrap" : "unwrap") + " in state " + state.specName());
    }
    int mask = key.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value()).orElse(0);
    boolean allowed = false;
    for (CryptographicUsageMask bit : role.bits) {
      allowed |= (mask & bit.value()) != 0;
    }
    if (!allowed) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the wrapping key's Cryptographic Usage Mask does not allow " + role.bits[0].specName()
              + (role.bits.length > 1 ? " (or " + role.bits[1].specName() + " / " + role.bits[2].specName() + ")" : ""));
    }
    if (KeyBlocks.wrapped(block(key))) {
      throw new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "the wrapping key is itself stored wrapped");
    }
    return key;
  }

  /**
   * The key that undoes what the named key did: a public key wraps and signs-verifies, its
   * private key (Private Key Link) unwraps; a private key signs, its public key (Public Key Link)
   * verifies. A symmetric key does both. When the link is absent, the named key itself.
   */
  static String counterpart(OperationContext context, String uid, ObjectType from, LinkType link) {
    try {
      ManagedObject named = context.objects().get(uid);
      if (named.objectType() == from) {
        for (Item l : named.attributes().all(Tag.LINK)) {
          if (l instanceof Item.Structure s && s.first(Tag.LINK_TYPE).orElse(null) instanceof Item.Enumeration e
              && e.value() == link.value()
              && s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null) instanceof Item.TextString t) {
            return t.value();
          }
        }
      }
    } catch (Exception e) {
      // not found: get() says so with the right reason
    }
    return uid;
  }

  static Item.Structure block(ManagedObject key) throws KmipException {
    return KeyBlocks.keyBlock(key.object())
        .orElseThrow(() -> new KmipException(ResultReason.INVALID_OBJECT_TYPE, "the wrapping key has no key block"));
  }

  /** The key's Cryptographic Algorithm: its key block's, else its attribute's. */
  static Optional<CryptographicAlgorithm> algorithm(ManagedObject key) throws KmipException {
    Optional<Integer> alg = KeyBlocks.algorithm(block(key)).or(() -> key.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)
        .filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value()));
    return alg.map(CryptographicAlgorithm::fromValue);
  }

  /** The raw bytes of a symmetric key (the stored array: the caller must not zero it). */
  static byte[] symmetricBytes(ManagedObject key) throws KmipException {
    return KeyBlocks.symmetricKeyBytes(block(key))
        .orElseThrow(() -> new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
            "the wrapping key is not a Raw or Transparent Symmetric Key"));
  }

  /**
   * The AES key bytes of a symmetric encryption key: AES (Feature Not Supported for others) of
   * 128, 192 or 256 bits (Cryptographic Failure otherwise, checked again by the cipher).
   */
  static byte[] aesBytes(ManagedObject key) throws KmipException {
    if (algorithm(key).orElse(null) != CryptographicAlgorithm.AES) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "symmetric wrapping keys are AES keys");
    }
    byte[] bytes = symmetricBytes(key);
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "an AES wrapping key is 128, 192 or 256 bits");
    }
    return bytes;
  }

  /** The Cryptographic Parameters given with the key information, else the key's attribute. */
  static Item.Structure parameters(Item.Structure info, ManagedObject key) {
    return structure(info, Tag.CRYPTOGRAPHIC_PARAMETERS)
        .or(() -> key.attributes().first(Tag.CRYPTOGRAPHIC_PARAMETERS).filter(Item.Structure.class::isInstance)
            .map(Item.Structure.class::cast))
        .orElse(null);
  }

  static Optional<Item.Structure> structure(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Structure.class::isInstance).map(Item.Structure.class::cast);
  }

  /** The Unique Identifier of an Encryption or MAC/Signature Key Information. */
  static String uid(Item.Structure info, ResultReason missing) throws KmipException {
    return info.first(Tag.UNIQUE_IDENTIFIER).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value())
        .orElseThrow(() -> new KmipException(missing, "the key information needs a Unique Identifier"));
  }
}
