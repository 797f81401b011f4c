package keyward.server.operation;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.WrappingMethod;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricParameters;
import keyward.server.crypto.KeyWrap;
import keyward.server.crypto.Macs;
import keyward.server.crypto.RsaCipher;
import keyward.server.crypto.Signatures;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.AttributeSet;
import keyward.server.object.ManagedObject;
import keyward.server.operation.WrappingKeys.Role;
import keyward.spi.crypto.CryptoEngine;

/**
 * Key wrapping (1.4 §2.1.5-2.1.6, 2.1 §2.1.5-2.1.6): Get with a Key Wrapping Specification wraps
 * the key block, a key registered wrapped is checked and kept as it is, Get with Key Wrap Type Not
 * Wrapped undoes the wrapping with the keys the server holds.
 *
 * <p>Wrapping Methods: Encrypt, MAC/sign, Encrypt then MAC/sign, MAC/sign then encrypt (TR-31
 * is not offered: Feature Not Supported). Encryption is AES NIST Key Wrap (RFC 3394, the
 * default Block Cipher Mode), AES Key Wrap Padding (RFC 5649), AES GCM (a fresh 96-bit nonce, or
 * IV Length bits, in IV/Counter/Nonce; the Key Value is ciphertext || tag of Tag Length bytes,
 * 16 by default), or RSA OAEP with a public key. MAC/sign is HMAC or CMAC (the MAC/Signature Key
 * Information's Cryptographic Parameters' Cryptographic Algorithm, else the key's; AES means
 * CMAC) with a symmetric key, or a signature with an RSA or EC private key; the result is the
 * Key Wrapping Data's MAC/Signature. What is protected is the TTLV encoding of the Key Value
 * (the default Encoding Option), with the attributes the Attribute Names ask for inside it, or
 * with No Encoding the bare Key Material bytes (then no attribute may be asked: Encoding Option
 * Error). "Encrypt then MAC/sign" MACs the wrapped bytes, "MAC/sign then encrypt" the clear ones;
 * with MAC/sign alone the Key Value stays in the clear.
 */
final class KeyWrapping {
  private KeyWrapping() {}

  /** Get's wrapping of a key block held in the clear. */
  static Item.Structure wrap(OperationContext context, Item.Structure spec, Item.Structure keyBlock,
      AttributeSet attributes, CryptoEngine crypto) throws Exception {
    int method = method(spec, ResultReason.INVALID_FIELD);
    Optional<Item.Structure> encInfo = WrappingKeys.structure(spec, Tag.ENCRYPTION_KEY_INFORMATION);
    Optional<Item.Structure> macInfo = WrappingKeys.structure(spec, Tag.MAC_SIGNATURE_KEY_INFORMATION);
    requireInfo(method, encInfo, macInfo, ResultReason.INVALID_FIELD);
    int encoding = encoding(spec);
    List<Item> carried = carriedAttributes(spec, attributes, context);
    if (encoding == EncodingOption.NO_ENCODING.value() && !carried.isEmpty()) {
      throw new KmipException(ResultReason.ENCODING_OPTION_ERROR,
          "with No Encoding the Key Value carries no attributes: ask for TTLV Encoding");
    }
    Item.Structure value = WrappingKeys.structure(keyBlock, Tag.KEY_VALUE)
        .orElseThrow(() -> KmipException.invalidField("the key block has no Key Value"));
    if (!carried.isEmpty()) {
      List<Item> items = new ArrayList<>(value.items());
      items.addAll(carried);
      value = new Item.Structure(Tag.KEY_VALUE, items);
    }
    ManagedObject kek = null;
    Item.Structure encParams = null;
    if (encInfo.isPresent()) {
      kek = WrappingKeys.get(context, WrappingKeys.uid(encInfo.get(), ResultReason.INVALID_FIELD), Role.ENCRYPT);
      encParams = WrappingKeys.parameters(encInfo.get(), kek);
    }
    ManagedObject macKey = null;
    Item.Structure macParams = null;
    if (macInfo.isPresent()) {
      macKey = WrappingKeys.get(context, WrappingKeys.uid(macInfo.get(), ResultReason.INVALID_FIELD), Role.MAC_SIGN);
      macParams = WrappingKeys.parameters(macInfo.get(), macKey);
    }
    byte[] plain = encode(value, encoding);
    Item outValue = value;
    byte[] mac = null;
    byte[] iv = null;
    try {
      if (method == WrappingMethod.MAC_SIGN_THEN_ENCRYPT.value() || method == WrappingMethod.MAC_SIGN.value()) {
        mac = macSign(macKey, macParams, plain);
      }
      if (kek != null) {
        Sealed sealed = encrypt(kek, encParams, plain, crypto);
        iv = sealed.iv();
        outValue = new Item.ByteString(Tag.KEY_VALUE, sealed.bytes());
        if (method == WrappingMethod.ENCRYPT_THEN_MAC_SIGN.value()) {
          mac = macSign(macKey, macParams, sealed.bytes());
        }
      }
    } finally {
      KeyWrap.zero(plain);
    }
    List<Item> data = new ArrayList<>();
    data.add(new Item.Enumeration(Tag.WRAPPING_METHOD, method));
    if (kek != null) {
      data.add(keyInformation(Tag.ENCRYPTION_KEY_INFORMATION, encInfo.get(), encParams));
    }
    if (macKey != null) {
      data.add(keyInformation(Tag.MAC_SIGNATURE_KEY_INFORMATION, macInfo.get(), macParams));
      data.add(new Item.ByteString(Tag.MAC_SIGNATURE, mac));
    }
    if (iv != null) {
      data.add(new Item.ByteString(Tag.IV_COUNTER_NONCE, iv));
    }
    spec.first(Tag.ENCODING_OPTION).ifPresent(data::add);
    List<Item> out = new ArrayList<>();
    for (Item i : keyBlock.items()) {
      out.add(i.tag() == Tag.KEY_VALUE ? outValue : i);
    }
    out.add(new Item.Structure(Tag.KEY_WRAPPING_DATA, data));
    return new Item.Structure(Tag.KEY_BLOCK, out);
  }

  /** Whether the specification encrypts the Key Value (MAC/sign alone leaves it in the clear). */
  static boolean encrypts(Item.Structure spec) {
    return spec.first(Tag.ENCRYPTION_KEY_INFORMATION).isPresent()
        && enumeration(spec, Tag.WRAPPING_METHOD).orElse(-1) != WrappingMethod.MAC_SIGN.value();
  }

  /**
   * Whether a Key Wrapping Specification asks for the wrapping a stored wrapped block already
   * has (same method, keys, parameters when given, encoding, no attributes asked): then Get
   * returns the block as stored.
   */
  static boolean sameWrapping(Item.Structure spec, Item.Structure keyBlock) {
    Item.Structure data = WrappingKeys.structure(keyBlock, Tag.KEY_WRAPPING_DATA).orElse(null);
    if (data == null || spec.first(Tag.ATTRIBUTE_NAME).isPresent()
        || !spec.first(Tag.WRAPPING_METHOD).equals(data.first(Tag.WRAPPING_METHOD)) || encoding(spec) != encoding(data)) {
      return false;
    }
    for (int tag : new int[] {Tag.ENCRYPTION_KEY_INFORMATION, Tag.MAC_SIGNATURE_KEY_INFORMATION}) {
      Optional<Item.Structure> asked = WrappingKeys.structure(spec, tag);
      Optional<Item.Structure> has = WrappingKeys.structure(data, tag);
      if (asked.isPresent() != has.isPresent()) {
        return false;
      }
      if (asked.isPresent() && (!asked.get().first(Tag.UNIQUE_IDENTIFIER).equals(has.get().first(Tag.UNIQUE_IDENTIFIER))
          || asked.get().first(Tag.CRYPTOGRAPHIC_PARAMETERS).isPresent()
              && !asked.get().first(Tag.CRYPTOGRAPHIC_PARAMETERS).equals(has.get().first(Tag.CRYPTOGRAPHIC_PARAMETERS)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Register of a wrapped key block: a MAC/Signature it carries must verify under the key its
   * MAC/Signature Key Information names (Cryptographic Failure when it does not; the key must be
   * on this server). TR-31 and extension methods are kept as registered without a check. With "MAC/sign then encrypt" the MAC covers the clear Key Value: it is
   * checked now when the server holds the unwrapping key, else when it unwraps (Get Not Wrapped).
   */
  static void verifyRegistered(OperationContext context, Item.Structure keyBlock, CryptoEngine crypto)
      throws Exception {
    Item.Structure data = WrappingKeys.structure(keyBlock, Tag.KEY_WRAPPING_DATA).orElseThrow();
    int method = enumeration(data, Tag.WRAPPING_METHOD).orElse(-1);
    if (method < WrappingMethod.ENCRYPT.value() || method > WrappingMethod.MAC_SIGN_THEN_ENCRYPT.value()) {
      return; // TR-31 or an extension: kept as registered, never unwrapped here
    }
    requireInfo(method, WrappingKeys.structure(data, Tag.ENCRYPTION_KEY_INFORMATION),
        WrappingKeys.structure(data, Tag.MAC_SIGNATURE_KEY_INFORMATION), ResultReason.INVALID_FIELD);
    if (method == WrappingMethod.MAC_SIGN_THEN_ENCRYPT.value()) {
      try {
        unwrap(context, keyBlock, crypto);
      } catch (KmipException e) {
        if (e.reason() == ResultReason.CRYPTOGRAPHIC_FAILURE) {
          throw e;
        }
        // the unwrapping key is not usable here: verified when it is
      }
    } else if (method != WrappingMethod.ENCRYPT.value()) {
      verifyMac(context, data, macedAsStored(keyBlock, data, method));
    }
  }

  /**
   * The server's copy of a wrapped key block unwrapped (Get with Key Wrap Type Not Wrapped): its
   * MAC/Signature verified, its Key Value decrypted with the key that undoes the Encryption Key
   * Information's (a symmetric key, or the private key linked to the named public key) allowed
   * to Unwrap Key. The result carries no Key Wrapping Data.
   */
  static Item.Structure unwrap(OperationContext context, Item.Structure keyBlock, CryptoEngine crypto) throws Exception {
    Item.Structure data = WrappingKeys.structure(keyBlock, Tag.KEY_WRAPPING_DATA).orElseThrow();
    int method = method(data, ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED);
    Optional<Item.Structure> encInfo = WrappingKeys.structure(data, Tag.ENCRYPTION_KEY_INFORMATION);
    requireInfo(method, encInfo, WrappingKeys.structure(data, Tag.MAC_SIGNATURE_KEY_INFORMATION),
        ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED);
    if (method == WrappingMethod.ENCRYPT_THEN_MAC_SIGN.value() || method == WrappingMethod.MAC_SIGN.value()) {
      verifyMac(context, data, macedAsStored(keyBlock, data, method));
    }
    Item value;
    if (encInfo.isEmpty()) {
      value = keyBlock.first(Tag.KEY_VALUE).orElseThrow(); // MAC/sign alone: in the clear
    } else {
      String uid = WrappingKeys.counterpart(context, WrappingKeys.uid(encInfo.get(), ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED),
          ObjectType.PUBLIC_KEY, LinkType.PRIVATE_KEY_LINK);
      ManagedObject kek = WrappingKeys.get(context, uid, Role.DECRYPT);
      Item.Structure params = WrappingKeys.parameters(encInfo.get(), kek);
      byte[] iv = data.first(Tag.IV_COUNTER_NONCE).filter(Item.ByteString.class::isInstance)
          .map(i -> ((Item.ByteString) i).value()).orElse(null);
      byte[] plain = decrypt(kek, params, wrappedBytes(keyBlock), iv, crypto);
      try {
        if (method == WrappingMethod.MAC_SIGN_THEN_ENCRYPT.value()) {
          verifyMac(context, data, plain);
        }
        value = decode(plain, encoding(data));
      } finally {
        KeyWrap.zero(plain);
      }
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

  /**
   * The wrapped bytes of a stored block: the Key Value Byte String, or (No Encoding, as in
   * TC-WRAP-1-14) the Key Material Byte String of a Key Value structure.
   */
  static byte[] wrappedBytes(Item.Structure keyBlock) throws KmipException {
    Item value = keyBlock.first(Tag.KEY_VALUE).orElse(null);
    if (value instanceof Item.ByteString b) {
      return b.value();
    }
    if (value instanceof Item.Structure s && s.first(Tag.KEY_MATERIAL).orElse(null) instanceof Item.ByteString b) {
      return b.value();
    }
    throw KmipException.invalidField("a wrapped Key Value is a Byte String (or Key Material that is one)");
  }

  /**
   * What the MAC/Signature covers when it covers the block as stored: with MAC/sign alone the
   * clear Key Value (encoded as the Encoding Option says), with Encrypt then MAC/sign the wrapped
   * bytes. ("MAC/sign then encrypt" covers the clear bytes, known only after decryption.)
   */
  private static byte[] macedAsStored(Item.Structure keyBlock, Item.Structure data, int method) throws KmipException {
    if (method == WrappingMethod.MAC_SIGN.value()) {
      Item.Structure value = WrappingKeys.structure(keyBlock, Tag.KEY_VALUE)
          .orElseThrow(() -> KmipException.invalidField("with MAC/sign alone the Key Value is a structure in the clear"));
      return encode(value, encoding(data));
    }
    return wrappedBytes(keyBlock);
  }

  private static void verifyMac(OperationContext context, Item.Structure data, byte[] covered) throws Exception {
    Item.Structure info = WrappingKeys.structure(data, Tag.MAC_SIGNATURE_KEY_INFORMATION).orElseThrow();
    byte[] mac = data.first(Tag.MAC_SIGNATURE).filter(Item.ByteString.class::isInstance)
        .map(i -> ((Item.ByteString) i).value())
        .orElseThrow(() -> KmipException.missingData("the Key Wrapping Data has no MAC/Signature"));
    String uid = WrappingKeys.counterpart(context, WrappingKeys.uid(info, ResultReason.INVALID_FIELD),
        ObjectType.PRIVATE_KEY, LinkType.PUBLIC_KEY_LINK);
    ManagedObject key = WrappingKeys.get(context, uid, Role.MAC_VERIFY);
    Item.Structure params = WrappingKeys.parameters(info, key);
    boolean valid;
    if (key.objectType() == ObjectType.PUBLIC_KEY) {
      valid = Signatures.verify(AsymmetricKeyBlocks.publicKey(WrappingKeys.block(key)), AsymmetricParameters.of(params),
          covered, false, mac);
    } else {
      valid = MessageDigest.isEqual(Macs.mac(macAlgorithm(key, params), WrappingKeys.symmetricBytes(key), covered), mac);
    }
    if (!valid) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key block's MAC/Signature does not verify");
    }
  }

  private static byte[] macSign(ManagedObject key, Item.Structure params, byte[] data) throws KmipException {
    if (key.objectType() == ObjectType.PRIVATE_KEY) {
      return Signatures.sign(AsymmetricKeyBlocks.privateKey(WrappingKeys.block(key)), AsymmetricParameters.of(params),
          data, false);
    }
    return Macs.mac(macAlgorithm(key, params), WrappingKeys.symmetricBytes(key), data);
  }

  /** The MAC algorithm: the parameters' Cryptographic Algorithm, else the key's (AES: CMAC). */
  private static CryptographicAlgorithm macAlgorithm(ManagedObject key, Item.Structure params) throws KmipException {
    CryptographicAlgorithm alg = Optional.ofNullable(params).flatMap(p -> enumeration(p, Tag.CRYPTOGRAPHIC_ALGORITHM))
        .map(CryptographicAlgorithm::fromValue).or(() -> {
          try {
            return WrappingKeys.algorithm(key);
          } catch (KmipException e) {
            return Optional.empty();
          }
        }).orElse(null);
    if (alg == null || !Macs.offered(alg)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "a symmetric MAC/signature key is an HMAC key or an AES key (CMAC)");
    }
    return alg;
  }

  private record Sealed(byte[] bytes, byte[] iv) {}

  private static Sealed encrypt(ManagedObject kek, Item.Structure params, byte[] plain, CryptoEngine crypto)
      throws KmipException {
    if (kek.objectType() == ObjectType.PUBLIC_KEY) {
      return new Sealed(RsaCipher.encrypt(AsymmetricKeyBlocks.publicKey(WrappingKeys.block(kek)),
          AsymmetricParameters.of(params), plain, crypto), null);
    }
    int mode = blockCipherMode(params);
    if (mode == BlockCipherMode.GCM.value()) {
      int ivBits = params == null ? 96 : integer(params, Tag.IV_LENGTH).orElse(96);
      if (ivBits < 64 || ivBits > 1024 || ivBits % 8 != 0) {
        throw KmipException.invalidField("the GCM IV Length is 64 to 1024 bits, whole bytes");
      }
      byte[] iv = crypto.randomBytes(ivBits / 8);
      return new Sealed(KeyWrap.gcmWrap(WrappingKeys.aesBytes(kek), iv, tagLength(params), plain), iv);
    }
    return new Sealed(KeyWrap.wrap(aesMode(mode), WrappingKeys.aesBytes(kek), plain), null);
  }

  private static byte[] decrypt(ManagedObject kek, Item.Structure params, byte[] wrapped, byte[] iv,
      CryptoEngine crypto) throws KmipException {
    if (kek.objectType() == ObjectType.PRIVATE_KEY) {
      return RsaCipher.decrypt(AsymmetricKeyBlocks.privateKey(WrappingKeys.block(kek)), AsymmetricParameters.of(params),
          wrapped, crypto);
    }
    int mode = blockCipherMode(params);
    if (mode == BlockCipherMode.GCM.value()) {
      if (iv == null) {
        throw KmipException.missingData("GCM wrapping needs the IV/Counter/Nonce in the Key Wrapping Data");
      }
      return KeyWrap.gcmUnwrap(WrappingKeys.aesBytes(kek), iv, tagLength(params), wrapped);
    }
    return KeyWrap.unwrap(aesMode(mode), WrappingKeys.aesBytes(kek), wrapped);
  }

  private static int blockCipherMode(Item.Structure params) {
    return params == null ? BlockCipherMode.NISTKEYWRAP.value()
        : enumeration(params, Tag.BLOCK_CIPHER_MODE).orElse(BlockCipherMode.NISTKEYWRAP.value());
  }

  /** NIST Key Wrap or AES Key Wrap Padding; other modes (but GCM) are no key wraps. */
  private static KeyWrap.Mode aesMode(int mode) throws KmipException {
    if (mode == BlockCipherMode.NISTKEYWRAP.value()) {
      return KeyWrap.Mode.KW;
    }
    if (mode == BlockCipherMode.AESKEYWRAPPADDING.value()) {
      return KeyWrap.Mode.KWP;
    }
    throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
        "symmetric key wrapping is NIST Key Wrap, AES Key Wrap Padding or GCM");
  }

  private static int tagLength(Item.Structure params) {
    return params == null ? 16 : integer(params, Tag.TAG_LENGTH).orElse(16);
  }

  /** The bytes protected: the Key Value's TTLV encoding, or with No Encoding its Key Material bytes. */
  private static byte[] encode(Item.Structure value, int encoding) throws KmipException {
    if (encoding == EncodingOption.NO_ENCODING.value()) {
      if (!(value.first(Tag.KEY_MATERIAL).orElse(null) instanceof Item.ByteString b)) {
        throw new KmipException(ResultReason.ENCODING_OPTION_ERROR,
            "No Encoding wraps Key Material that is a Byte String only");
      }
      return b.value().clone();
    }
    return new TtlvCodec().encode(value);
  }

  private static Item decode(byte[] plain, int encoding) throws KmipException {
    if (encoding == EncodingOption.NO_ENCODING.value()) {
      return new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, plain.clone()));
    }
    try {
      Item value = new TtlvCodec().decode(plain); // bounded by the codec's limits
      if (value.tag() != Tag.KEY_VALUE || !(value instanceof Item.Structure)) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the unwrapped bytes are not a Key Value");
      }
      return value;
    } catch (DecodeException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the unwrapped bytes are not a TTLV Key Value");
    }
  }

  /**
   * The object's attributes the Attribute Names ask to carry in the Key Value: in a 2.x client's
   * shape an Attributes structure, in a 1.x client's Attribute structures. An attribute the
   * object does not have is left out (as Get Attributes does); an unknown name is Invalid Field.
   */
  private static List<Item> carriedAttributes(Item.Structure spec, AttributeSet attributes, OperationContext context)
      throws KmipException {
    List<Item> values = new ArrayList<>();
    List<Item> v1 = new ArrayList<>();
    for (Item n : spec.all(Tag.ATTRIBUTE_NAME)) {
      if (!(n instanceof Item.TextString name)) {
        throw KmipException.invalidField("Attribute Name is a Text String");
      }
      int tag;
      try {
        tag = keyward.kmip.compat.AttributeShapes.attributeTag(name.value()).tag();
      } catch (IllegalArgumentException e) {
        throw KmipException.invalidField("unknown attribute name in the Key Wrapping Specification");
      }
      int index = 0;
      for (Item a : attributes.all(tag)) {
        values.add(a);
        v1.add(keyward.kmip.compat.AttributeShapes.toV1(a, index++));
      }
    }
    if (values.isEmpty()) {
      return List.of();
    }
    return context.version().atLeast(keyward.kmip.spec.KmipVersion.V2_0)
        ? List.of(new Item.Structure(Tag.ATTRIBUTES, values)) : v1;
  }

  private static Item.Structure keyInformation(int tag, Item.Structure given, Item.Structure params) {
    List<Item> info = new ArrayList<>();
    info.add(given.first(Tag.UNIQUE_IDENTIFIER).orElseThrow());
    if (params != null) {
      info.add(params);
    }
    return new Item.Structure(tag, info);
  }

  /** The Wrapping Method, one this server performs (TR-31 and extensions: Feature Not Supported). */
  private static int method(Item.Structure s, ResultReason missing) throws KmipException {
    int method = enumeration(s, Tag.WRAPPING_METHOD)
        .orElseThrow(() -> new KmipException(missing, "a Wrapping Method is required"));
    if (method < WrappingMethod.ENCRYPT.value() || method > WrappingMethod.MAC_SIGN_THEN_ENCRYPT.value()) {
      throw new KmipException(missing == ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED ? missing : ResultReason.FEATURE_NOT_SUPPORTED,
          "this server wraps by Encrypt, MAC/sign, Encrypt then MAC/sign and MAC/sign then encrypt");
    }
    return method;
  }

  /** Each method names exactly the keys it uses (1.4 §2.1.5: at least one of them). */
  private static void requireInfo(int method, Optional<Item.Structure> enc, Optional<Item.Structure> mac,
      ResultReason reason) throws KmipException {
    boolean needsEnc = method != WrappingMethod.MAC_SIGN.value();
    boolean needsMac = method != WrappingMethod.ENCRYPT.value();
    if (needsEnc != enc.isPresent()) {
      throw new KmipException(reason, WrappingMethod.fromValue(method).specName()
          + (needsEnc ? " needs" : " takes no") + " Encryption Key Information");
    }
    if (needsMac != mac.isPresent()) {
      throw new KmipException(reason, WrappingMethod.fromValue(method).specName()
          + (needsMac ? " needs" : " takes no") + " MAC/Signature Key Information");
    }
  }

  private static int encoding(Item.Structure s) {
    return enumeration(s, Tag.ENCODING_OPTION).orElse(EncodingOption.TTLV_ENCODING.value());
  }

  private static Optional<Integer> enumeration(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value());
  }

  private static Optional<Integer> integer(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Integer.class::isInstance).map(i -> ((Item.Integer) i).value());
  }
}
