package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.WrappingMethod;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricParameters;
import keyward.server.crypto.KeyWrap;
import keyward.server.crypto.RsaCipher;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.server.object.Transitions;
import keyward.spi.crypto.CryptoEngine;

/**
 * Get with a Key Wrapping Specification (1.4 §2.1.5-2.1.6, 2.1 §2.1.5-2.1.6): the key block's
 * Key Value is encrypted with the wrapping key named in Encryption Key Information and the
 * block carries Key Wrapping Data saying how (AX-M-2). Wrapping Method Encrypt only. The
 * wrapping key is an AES key (Block Cipher Mode NIST Key Wrap, RFC 3394, by default; AES Key
 * Wrap Padding, RFC 5649) or an RSA public key (OAEP, {@link RsaCipher}); it must be Active
 * with Wrap Key in its Usage Mask. What is wrapped is the TTLV encoding of the Key Value (the
 * default Encoding Option) or, with No Encoding, the Key Material bytes.
 */
final class KeyWrapping {
  private KeyWrapping() {}

  static Item.Structure wrap(OperationContext context, Item.Structure spec, Item.Structure keyBlock,
      CryptoEngine crypto) throws Exception {
    int method = enumeration(spec, Tag.WRAPPING_METHOD)
        .orElseThrow(() -> KmipException.invalidField("Key Wrapping Specification needs a Wrapping Method"));
    if (method != WrappingMethod.ENCRYPT.value()) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "this server wraps by Encrypt only");
    }
    if (spec.first(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent() || spec.first(Tag.ATTRIBUTE_NAME).isPresent()) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "MAC/signature key information and wrapped attributes are not supported");
    }
    if (KeyBlocks.wrapped(keyBlock)) {
      throw new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "the key is stored wrapped");
    }
    Item.Structure info = spec.first(Tag.ENCRYPTION_KEY_INFORMATION).filter(Item.Structure.class::isInstance)
        .map(Item.Structure.class::cast)
        .orElseThrow(() -> KmipException.invalidField("Encrypt wrapping needs Encryption Key Information"));
    String kekUid = info.first(Tag.UNIQUE_IDENTIFIER).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value())
        .orElseThrow(() -> KmipException.invalidField("Encryption Key Information needs a Unique Identifier"));
    ManagedObject kek = wrappingKey(context, kekUid, CryptographicUsageMask.WRAP_KEY);
    Item.Structure params = info.first(Tag.CRYPTOGRAPHIC_PARAMETERS).filter(Item.Structure.class::isInstance)
        .map(Item.Structure.class::cast)
        .or(() -> kek.attributes().first(Tag.CRYPTOGRAPHIC_PARAMETERS).filter(Item.Structure.class::isInstance)
            .map(Item.Structure.class::cast))
        .orElse(null);
    int encoding = enumeration(spec, Tag.ENCODING_OPTION).orElse(EncodingOption.TTLV_ENCODING.value());
    Item value = keyBlock.first(Tag.KEY_VALUE).orElseThrow(() -> KmipException.invalidField("no Key Value"));
    byte[] plain;
    if (encoding == EncodingOption.NO_ENCODING.value()) {
      Item material = KeyBlocks.keyMaterial(keyBlock).orElse(null);
      if (!(material instanceof Item.ByteString b)) {
        throw new KmipException(ResultReason.ENCODING_OPTION_ERROR,
            "No Encoding wraps Key Material that is a Byte String only");
      }
      plain = b.value().clone();
    } else {
      plain = new TtlvCodec().encode(value);
    }
    byte[] wrapped;
    try {
      wrapped = encrypt(kek, params, plain, crypto);
    } finally {
      KeyWrap.zero(plain);
    }
    List<Item> data = new ArrayList<>();
    data.add(new Item.Enumeration(Tag.WRAPPING_METHOD, method));
    List<Item> keyInfo = new ArrayList<>();
    keyInfo.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, kekUid));
    if (params != null) {
      keyInfo.add(params);
    }
    data.add(new Item.Structure(Tag.ENCRYPTION_KEY_INFORMATION, keyInfo));
    spec.first(Tag.ENCODING_OPTION).ifPresent(data::add);
    List<Item> out = new ArrayList<>();
    for (Item i : keyBlock.items()) {
      out.add(i.tag() == Tag.KEY_VALUE ? new Item.ByteString(Tag.KEY_VALUE, wrapped) : i);
    }
    out.add(new Item.Structure(Tag.KEY_WRAPPING_DATA, data));
    return new Item.Structure(Tag.KEY_BLOCK, out);
  }

  /**
   * The server's copy of a wrapped key block unwrapped (Get with Key Wrap Type Not Wrapped): the
   * key named in its Key Wrapping Data must allow Unwrap Key (an AES key for NIST Key Wrap or
   * AES Key Wrap Padding, an RSA private key for OAEP) and be Active or Deactivated.
   */
  static Item.Structure unwrap(OperationContext context, Item.Structure keyBlock, CryptoEngine crypto) throws Exception {
    Item.Structure data = (Item.Structure) keyBlock.first(Tag.KEY_WRAPPING_DATA).orElseThrow();
    if (enumeration(data, Tag.WRAPPING_METHOD).orElse(-1) != WrappingMethod.ENCRYPT.value()
        || data.first(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent()) {
      throw new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "this server unwraps Encrypt wrapping only");
    }
    Item.Structure info = data.first(Tag.ENCRYPTION_KEY_INFORMATION).filter(Item.Structure.class::isInstance)
        .map(Item.Structure.class::cast)
        .orElseThrow(() -> new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "no Encryption Key Information"));
    String kekUid = info.first(Tag.UNIQUE_IDENTIFIER).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value())
        .orElseThrow(() -> new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "the wrapping key is not named"));
    ManagedObject kek = wrappingKey(context, privateHalf(context, kekUid), CryptographicUsageMask.UNWRAP_KEY);
    Item.Structure params = info.first(Tag.CRYPTOGRAPHIC_PARAMETERS).filter(Item.Structure.class::isInstance)
        .map(Item.Structure.class::cast).orElse(null);
    byte[] wrapped = ((Item.ByteString) keyBlock.first(Tag.KEY_VALUE).orElseThrow()).value();
    Item.Structure kekBlock = KeyBlocks.keyBlock(kek.object())
        .orElseThrow(() -> KmipException.invalidField("the wrapping key has no key block"));
    byte[] plain = kek.objectType() == ObjectType.PRIVATE_KEY
        ? RsaCipher.decrypt(AsymmetricKeyBlocks.privateKey(kekBlock), AsymmetricParameters.of(params), wrapped, crypto)
        : KeyWrap.unwrap(aesMode(params), aesKey(kek, kekBlock), wrapped);
    Item value;
    try {
      if (enumeration(data, Tag.ENCODING_OPTION).orElse(EncodingOption.TTLV_ENCODING.value())
          == EncodingOption.NO_ENCODING.value()) {
        value = new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, plain.clone()));
      } else {
        value = new TtlvCodec().decode(plain); // bounded by the codec's limits
        if (value.tag() != Tag.KEY_VALUE || !(value instanceof Item.Structure)) {
          throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the unwrapped bytes are not a Key Value");
        }
      }
    } catch (keyward.kmip.codec.DecodeException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the unwrapped bytes are not a TTLV Key Value");
    } finally {
      KeyWrap.zero(plain);
    }
    List<Item> out = new ArrayList<>();
    for (Item i : keyBlock.items()) {
      if (i.tag() == Tag.KEY_VALUE) {
        out.add(value);
      } else if (i.tag() != Tag.KEY_WRAPPING_DATA) {
        out.add(i);
      }
    }
    return new Item.Structure(Tag.KEY_BLOCK, out);
  }

  /** A public key wraps; its private key (Private Key Link) unwraps. Any other identifier as given. */
  private static String privateHalf(OperationContext context, String uid) {
    try {
      ManagedObject named = context.objects().get(uid);
      if (named.objectType() == ObjectType.PUBLIC_KEY) {
        for (Item l : named.attributes().all(Tag.LINK)) {
          if (l instanceof Item.Structure s && s.first(Tag.LINK_TYPE).orElse(null) instanceof Item.Enumeration e
              && e.value() == keyward.kmip.spec.LinkType.PRIVATE_KEY_LINK.value()
              && s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null) instanceof Item.TextString t) {
            return t.value();
          }
        }
      }
    } catch (Exception e) {
      // not found: wrappingKey says so with the right reason
    }
    return uid;
  }

  /** The wrapping key: present, not archived or destroyed, in a usable state, allowed to (un)wrap. */
  private static ManagedObject wrappingKey(OperationContext context, String uid, CryptographicUsageMask bit)
      throws Exception {
    ManagedObject kek;
    try {
      kek = context.objects().get(uid);
    } catch (KmipException e) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_NOT_FOUND, "the wrapping key is not found");
    }
    if (kek.archived()) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_ARCHIVED, "the wrapping key is archived");
    }
    State state = kek.state(context.now());
    if (Transitions.destroyed(state) || kek.object() == null) {
      throw new KmipException(ResultReason.WRAPPING_OBJECT_DESTROYED, "the wrapping key is destroyed");
    }
    boolean wrap = bit == CryptographicUsageMask.WRAP_KEY;
    ObjectType asymmetric = wrap ? ObjectType.PUBLIC_KEY : ObjectType.PRIVATE_KEY;
    if (kek.objectType() != ObjectType.SYMMETRIC_KEY && kek.objectType() != asymmetric) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE,
          "a wrapping key is a Symmetric Key or a " + asymmetric.specName());
    }
    if (state != State.ACTIVE && (wrap || state != State.DEACTIVATED)) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "the wrapping key cannot " + (wrap ? "wrap" : "unwrap") + " in state " + state.specName());
    }
    int mask = kek.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value()).orElse(0);
    if ((mask & bit.value()) == 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the wrapping key's Cryptographic Usage Mask does not allow " + bit.specName());
    }
    return kek;
  }

  private static byte[] encrypt(ManagedObject kek, Item.Structure params, byte[] plain, CryptoEngine crypto)
      throws KmipException {
    Item.Structure block = KeyBlocks.keyBlock(kek.object())
        .orElseThrow(() -> KmipException.invalidField("the wrapping key has no key block"));
    if (kek.objectType() == ObjectType.PUBLIC_KEY) {
      return RsaCipher.encrypt(AsymmetricKeyBlocks.publicKey(block), AsymmetricParameters.of(params), plain, crypto);
    }
    return KeyWrap.wrap(aesMode(params), aesKey(kek, block), plain);
  }

  /** NIST Key Wrap unless the parameters name AES Key Wrap Padding; other modes are not key wraps. */
  private static KeyWrap.Mode aesMode(Item.Structure params) throws KmipException {
    int mode = params == null ? BlockCipherMode.NISTKEYWRAP.value()
        : enumeration(params, Tag.BLOCK_CIPHER_MODE).orElse(BlockCipherMode.NISTKEYWRAP.value());
    if (mode == BlockCipherMode.NISTKEYWRAP.value()) {
      return KeyWrap.Mode.KW;
    }
    if (mode == BlockCipherMode.AESKEYWRAPPADDING.value()) {
      return KeyWrap.Mode.KWP;
    }
    throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
        "symmetric key wrapping is NIST Key Wrap or AES Key Wrap Padding");
  }

  /** The AES key bytes of a symmetric wrapping key (the stored array: not to be zeroed). */
  private static byte[] aesKey(ManagedObject kek, Item.Structure block) throws KmipException {
    int alg = KeyBlocks.algorithm(block).or(() -> kek.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)
        .filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value())).orElse(-1);
    if (alg != keyward.kmip.spec.CryptographicAlgorithm.AES.value()) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "symmetric wrapping keys are AES keys");
    }
    return KeyBlocks.symmetricKeyBytes(block)
        .orElseThrow(() -> KmipException.invalidField("the wrapping key is not a raw AES key"));
  }

  private static java.util.Optional<Integer> enumeration(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value());
  }
}
