package keyward.server.operation;

import java.util.List;
import java.util.Optional;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricKeys;
import keyward.server.object.AsymmetricFormats;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.AttributeSet;
import keyward.server.object.Certificates;
import keyward.server.object.KeyBlocks;

/**
 * What Register accepts (1.4 §4.3, 2.1 §6.1.45): the object must be the one its Object Type
 * names, with its mandatory fields; symmetric keys in Raw or Transparent Symmetric Key format
 * with a length that matches their bytes; public and private keys in a format the server reads
 * must parse; other keys, Secret Data, Opaque Objects, Split Keys, PGP Keys (with their PGP Key
 * Version) and certificates are stored as registered. Returns the attributes taken from the object
 * itself (a certificate's).
 */
final class RegisteredObjects {
  private RegisteredObjects() {}

  static List<Item> check(ObjectType type, Item.Structure object, AttributeSet given) throws KmipException {
    switch (type) {
      case SYMMETRIC_KEY, PUBLIC_KEY, PRIVATE_KEY, SPLIT_KEY, SECRET_DATA, OPAQUE_OBJECT, CERTIFICATE, PGP_KEY, TEMPLATE -> { }
      default -> throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not register " + type.specName() + " objects");
    }
    if (object == null) {
      throw KmipException.invalidField("the " + type.specName() + " to register is missing");
    }
    if (type == ObjectType.TEMPLATE) {
      return List.of(); // its attributes are checked by Templates.checkRegistered
    }
    if (type == ObjectType.OPAQUE_OBJECT) {
      require(object, Tag.OPAQUE_DATA_TYPE, Item.Enumeration.class, "Opaque Data Type");
      require(object, Tag.OPAQUE_DATA_VALUE, Item.ByteString.class, "Opaque Data Value");
      return List.of();
    }
    if (type == ObjectType.CERTIFICATE) {
      return certificate(object, given);
    }
    if (type == ObjectType.SPLIT_KEY) {
      SplitKeyObjects.check(object);
    }
    if (type == ObjectType.SECRET_DATA) {
      require(object, Tag.SECRET_DATA_TYPE, Item.Enumeration.class, "Secret Data Type");
    }
    if (type == ObjectType.PGP_KEY) {
      // 1.2 §2.2.9: the PGP Key Version (RFC 4880 key packet version) and a Key Block whose
      // Key Material is the transferable key as the client has it (armored or binary): stored
      // as registered, never parsed
      require(object, Tag.PGP_KEY_VERSION, Item.Integer.class, "PGP Key Version");
    }
    Item.Structure block = KeyBlocks.keyBlock(object)
        .orElseThrow(() -> KmipException.invalidField("the " + type.specName() + " has no Key Block"));
    KeyFormatType format = KeyBlocks.format(block)
        .orElseThrow(() -> KmipException.invalidField("the Key Block has no known Key Format Type"));
    if (KeyBlocks.wrapped(block)) {
      return wrapped(block);
    }
    if (block.first(Tag.KEY_VALUE).isEmpty()) {
      // KMIP 1.2 §2.1.3 allows a Key Block without Key Value for a metadata-only object (its
      // material kept elsewhere: Key Value Location, TC-MDO-1-12); Keyward keeps no such objects
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "metadata-only objects (a Key Block without Key Value) are not supported");
    }
    if (KeyBlocks.keyMaterial(block).isEmpty()) {
      throw KmipException.invalidField("the Key Block has no Key Value with Key Material");
    }
    consistent(given, block, Tag.CRYPTOGRAPHIC_ALGORITHM, KeyBlocks.algorithm(block));
    consistent(given, block, Tag.CRYPTOGRAPHIC_LENGTH, KeyBlocks.length(block));
    if (type == ObjectType.SYMMETRIC_KEY) {
      symmetric(format, block, given);
    }
    if (type == ObjectType.PUBLIC_KEY || type == ObjectType.PRIVATE_KEY) {
      return asymmetric(type, format, block, given);
    }
    return List.of();
  }

  /**
   * A public or private key in a format this server reads must parse (Invalid Field otherwise,
   * never with key bytes in the message); its Cryptographic Algorithm and Length come from the
   * key when neither the key block nor the client names them. Other formats (Opaque, Raw...)
   * are stored as registered.
   */
  private static List<Item> asymmetric(ObjectType type, KeyFormatType format, Item.Structure block,
      AttributeSet given) throws KmipException {
    if (!AsymmetricFormats.readable(type, format)) {
      return List.of();
    }
    java.security.Key key = type == ObjectType.PRIVATE_KEY
        ? AsymmetricKeyBlocks.privateKey(block) : AsymmetricKeyBlocks.publicKey(block);
    List<Item> derived = new java.util.ArrayList<>();
    if (KeyBlocks.algorithm(block).isEmpty() && !given.has(Tag.CRYPTOGRAPHIC_ALGORITHM)) {
      AsymmetricFormats.algorithm(key).ifPresent(a -> derived.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, a.value())));
    }
    int bits = AsymmetricKeys.length(key);
    if (KeyBlocks.length(block).isEmpty() && !given.has(Tag.CRYPTOGRAPHIC_LENGTH) && bits > 0) {
      derived.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, bits));
    }
    return derived;
  }

  private static void symmetric(KeyFormatType format, Item.Structure block, AttributeSet given)
      throws KmipException {
    if (format != KeyFormatType.RAW && format != KeyFormatType.TRANSPARENT_SYMMETRIC_KEY) {
      throw new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
          "symmetric keys are registered in Raw or Transparent Symmetric Key format");
    }
    byte[] key = KeyBlocks.symmetricKeyBytes(block)
        .orElseThrow(() -> KmipException.invalidField("the Key Material does not fit its Key Format Type"));
    Integer alg = KeyBlocks.algorithm(block).orElseGet(() -> enumValue(given, Tag.CRYPTOGRAPHIC_ALGORITHM));
    if (alg == null) {
      throw KmipException.invalidField("a symmetric key needs its Cryptographic Algorithm");
    }
    Integer length = KeyBlocks.length(block).orElseGet(() -> intValue(given, Tag.CRYPTOGRAPHIC_LENGTH));
    if (key.length == 0 || length != null && !lengthFits(alg, length, key.length)) {
      throw KmipException.invalidField("Cryptographic Length does not match the key's bytes");
    }
  }

  /**
   * A wrapped key block (1.4 §2.1.4-2.1.5) is stored as registered and stays wrapped at rest. Its
   * Key Wrapping Data names a Wrapping Method; its Key Value is the wrapped bytes (a Byte String,
   * or with No Encoding a Key Value structure whose Key Material holds them, as TC-WRAP-1-14
   * registers), or with MAC/sign alone the Key Value in the clear. The MAC/Signature is checked
   * by the Register handler (it needs the server's keys).
   */
  private static List<Item> wrapped(Item.Structure block) throws KmipException {
    Item data = block.first(Tag.KEY_WRAPPING_DATA).orElseThrow();
    if (!(data instanceof Item.Structure s) || !(s.first(Tag.WRAPPING_METHOD).orElse(null) instanceof Item.Enumeration m)) {
      throw KmipException.invalidField("Key Wrapping Data needs a Wrapping Method");
    }
    Item value = block.first(Tag.KEY_VALUE).orElse(null);
    if (m.value() == keyward.kmip.spec.WrappingMethod.MAC_SIGN.value()) {
      if (!(value instanceof Item.Structure v) || v.first(Tag.KEY_MATERIAL).isEmpty()) {
        throw KmipException.invalidField("with MAC/sign alone the Key Value is a structure in the clear");
      }
      return List.of();
    }
    boolean noEncoding = s.first(Tag.ENCODING_OPTION).orElse(null) instanceof Item.Enumeration e
        && e.value() == keyward.kmip.spec.EncodingOption.NO_ENCODING.value();
    if (!(value instanceof Item.ByteString) && !(noEncoding && value instanceof Item.Structure v
        && v.first(Tag.KEY_MATERIAL).orElse(null) instanceof Item.ByteString)) {
      throw KmipException.invalidField("a wrapped Key Block's Key Value is a Byte String"
          + " (with No Encoding: Key Material that is one)");
    }
    return List.of();
  }

  /** Triple DES lengths count key bits without parity (168 in 24 bytes); others count all. */
  private static boolean lengthFits(int alg, int length, int bytes) {
    if (alg == CryptographicAlgorithm.DES3.value()) {
      return bytes == 24 && (length == 168 || length == 192) || bytes == 16 && (length == 112 || length == 128);
    }
    return length == bytes * 8;
  }

  private static List<Item> certificate(Item.Structure object, AttributeSet given) throws KmipException {
    int certType = require(object, Tag.CERTIFICATE_TYPE, Item.Enumeration.class, "Certificate Type").value();
    byte[] value = require(object, Tag.CERTIFICATE_VALUE, Item.ByteString.class, "Certificate Value").value();
    Integer asked = enumValue(given, Tag.CERTIFICATE_TYPE);
    if (asked != null && asked != certType) {
      throw KmipException.invalidField("the Certificate Type attribute differs from the certificate's");
    }
    if (certType == CertificateType.X_509.value()) {
      return Certificates.x509Attributes(value);
    }
    return List.of(new Item.Enumeration(Tag.CERTIFICATE_TYPE, certType),
        new Item.Integer(Tag.CERTIFICATE_LENGTH, value.length));
  }

  /** An attribute the client gave must agree with the key block's own field. */
  private static void consistent(AttributeSet given, Item.Structure block, int tag, Optional<Integer> inBlock)
      throws KmipException {
    Optional<Item> attr = given.first(tag);
    if (attr.isEmpty() || inBlock.isEmpty()) {
      return;
    }
    Integer value = attr.get() instanceof Item.Enumeration e ? Integer.valueOf(e.value())
        : attr.get() instanceof Item.Integer i ? Integer.valueOf(i.value()) : null;
    if (!inBlock.get().equals(value)) {
      throw KmipException.invalidField(
          keyward.server.object.AttributeRules.name(tag) + " differs from the Key Block's");
    }
  }

  private static <T extends Item> T require(Item.Structure s, int tag, Class<T> type, String name)
      throws KmipException {
    Item i = s.first(tag).orElse(null);
    if (!type.isInstance(i)) {
      throw KmipException.invalidField(name + " is required");
    }
    return type.cast(i);
  }

  private static Integer intValue(AttributeSet set, int tag) {
    return set.first(tag).filter(Item.Integer.class::isInstance).map(i -> ((Item.Integer) i).value()).orElse(null);
  }

  private static Integer enumValue(AttributeSet set, int tag) {
    return set.first(tag).filter(Item.Enumeration.class::isInstance)
        .map(i -> ((Item.Enumeration) i).value()).orElse(null);
  }
}
