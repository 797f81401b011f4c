package keyward.server.operation;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.MlKem;
import keyward.server.object.AttributeSet;
import keyward.server.object.ManagedObject;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * ML-KEM key encapsulation through Encrypt and Decrypt: a Keyward extension.
 *
 * <p>What the spec says: KMIP 3.0 (the draft whose enumerations are in ../shared/kmip-spec)
 * defines the ML-KEM-512/768/1024 Cryptographic Algorithm values (0x39-0x3B) and nothing else for
 * them: its Operation table ends at Deactivate (0x40) with no Encapsulate or Decapsulate, no tag
 * carries an encapsulation or a shared secret, and none of the 3.0 test cases uses ML-KEM. So
 * there is no defined way to use an ML-KEM key pair; this is the smallest one a KMIP client can
 * already send:
 *
 * <ul>
 *   <li>Encrypt with an ML-KEM Public Key (Active, usage mask Encrypt), without Data: the server
 *       encapsulates, keeps the 32-byte shared secret as a new AES-256 Symmetric Key, and answers
 *       with that key's Unique Identifier and the encapsulation as Data.
 *   <li>Decrypt with the ML-KEM Private Key (usage mask Decrypt), the encapsulation as Data: the
 *       server decapsulates into a new Symmetric Key holding the same secret and answers with its
 *       Unique Identifier and empty Data.
 * </ul>
 *
 * <p>The shared secret never travels in the Encrypt or Decrypt answer, so a client cannot log or
 * drop it by accident: it is a managed object like any other, which Get returns only to its owner
 * and as the key's Sensitive / Extractable attributes allow. The answer's Unique Identifier names
 * the new key (not the key used, as for ordinary Encrypt) and the key becomes the ID Placeholder,
 * so a batch can use it next. Links: the new key's Derivation Base Object Link names the ML-KEM key
 * used, and that key gets a Derived Key Link to it (as Derive Key links its objects).
 */
final class KeyEncapsulation {
  /** What the new key may do; a client narrows it with Modify Attribute. */
  private static final int SECRET_USAGE = CryptographicUsageMask.ENCRYPT.value()
      | CryptographicUsageMask.DECRYPT.value() | CryptographicUsageMask.WRAP_KEY.value()
      | CryptographicUsageMask.UNWRAP_KEY.value() | CryptographicUsageMask.MAC_GENERATE.value()
      | CryptographicUsageMask.MAC_VERIFY.value() | CryptographicUsageMask.DERIVE_KEY.value();

  private KeyEncapsulation() {}

  static Item.Structure encapsulate(OperationContext context, Item.Structure payload, ManagedObject key,
      PublicKey publicKey, CryptoEngine crypto) throws Exception {
    byte[] data = CryptoKeys.bytes(payload, Tag.DATA);
    if (data != null && data.length > 0) {
      throw KmipException.invalidField("Encrypt with an ML-KEM key encapsulates a new shared secret and takes no Data");
    }
    MlKem.Encapsulated e = MlKem.encapsulate(publicKey, crypto);
    try {
      String uid = store(context, key, e.secret(), crypto);
      return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.DATA, e.encapsulation()));
    } finally {
      Arrays.fill(e.secret(), (byte) 0);
    }
  }

  static Item.Structure decapsulate(OperationContext context, Item.Structure payload, ManagedObject key,
      PrivateKey privateKey, CryptoEngine crypto) throws Exception {
    byte[] encapsulation = KeyUse.bytes(payload, Tag.DATA, "Data");
    byte[] secret = MlKem.decapsulate(privateKey, encapsulation);
    try {
      String uid = store(context, key, secret, crypto);
      return Payloads.response(Payloads.uid(uid), new Item.ByteString(Tag.DATA, new byte[0]));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static String store(OperationContext context, ManagedObject key, byte[] secret, CryptoEngine crypto)
      throws Exception {
    Item.Structure object = new Item.Structure(Tag.SYMMETRIC_KEY, CreateHandler.keyBlock(KeyFormatType.RAW, secret,
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
    String uid = context.objects().newUniqueIdentifier();
    List<Item> attributes = new ArrayList<>(List.of(
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, SECRET_USAGE),
        link(LinkType.DERIVATION_BASE_OBJECT_LINK, key.uniqueIdentifier())));
    AttributeSet set = ServerAttributes.forNewObject(uid, ObjectType.SYMMETRIC_KEY, object, attributes, List.of(),
        ServerAttributes.Origin.DERIVED, context.now(), crypto);
    context.objects().insert(uid, ObjectType.SYMMETRIC_KEY, object, set);
    key.attributes().add(link(LinkType.DERIVED_KEY_LINK, uid));
    context.objects().save(key);
    // Decrypt runs read-mostly: on a store that cannot take writes its writes are skipped, which
    // must not answer with the identifier of a key that was never kept
    try {
      context.objects().get(uid);
    } catch (KmipException notKept) {
      throw new KmipException(ResultReason.GENERAL_FAILURE, "the store cannot take writes: the shared secret was not kept");
    }
    context.batch().setIdPlaceholder(uid);
    return uid;
  }

  private static Item link(LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
