package keyward.server.operation;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricKeys;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.AttributeSet;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Making the two halves of a key pair (Create Key Pair, Re-key Key Pair): each half its own
 * managed object with its own attributes and lifecycle, linked to the other (Public Key Link
 * on the private key, Private Key Link on the public key: 1.4 §3.35). RSA halves are stored in
 * PKCS#1, as the AKLC cases show the reference server doing; the others in PKCS#8 (private)
 * and X.509 SubjectPublicKeyInfo (public).
 */
final class KeyPairs {
  /** The identifiers of a stored pair. */
  record Ids(String privateKey, String publicKey) {}

  private KeyPairs() {}

  /** The kind of pair the merged attributes ask for (Cryptographic Domain Parameters may name a curve). */
  static AsymmetricKeys.Kind kind(AttributeSet attrs) throws KmipException {
    Integer curve = attrs.first(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS)
        .filter(Item.Structure.class::isInstance)
        .flatMap(s -> ((Item.Structure) s).first(Tag.RECOMMENDED_CURVE))
        .filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value()).orElse(null);
    return AsymmetricKeys.kind(
        attrs.first(Tag.CRYPTOGRAPHIC_ALGORITHM).filter(Item.Enumeration.class::isInstance)
            .map(i -> ((Item.Enumeration) i).value()).orElse(null),
        attrs.first(Tag.CRYPTOGRAPHIC_LENGTH).filter(Item.Integer.class::isInstance)
            .map(i -> ((Item.Integer) i).value()).orElse(null),
        curve);
  }

  /**
   * Generates and stores a pair; the attribute lists are each half's client attributes (the
   * server sets Cryptographic Algorithm and Length, the links and the rest).
   */
  static Ids store(OperationContext context, CryptoEngine crypto, AsymmetricKeys.Kind kind,
      List<Item> privateAttrs, List<Item> publicAttrs, ServerAttributes.Origin origin,
      List<Item> privateExtra, List<Item> publicExtra) throws Exception {
    KeyPair pair = AsymmetricKeys.generate(kind, crypto);
    boolean rsa = kind.algorithm() == CryptographicAlgorithm.RSA;
    Item.Structure privateKey = object(Tag.PRIVATE_KEY,
        rsa ? KeyFormatType.PKCS_1 : KeyFormatType.PKCS_8, AsymmetricKeyBlocks.material(pair.getPrivate(),
            rsa ? KeyFormatType.PKCS_1 : KeyFormatType.PKCS_8), kind);
    Item.Structure publicKey = object(Tag.PUBLIC_KEY,
        rsa ? KeyFormatType.PKCS_1 : KeyFormatType.X_509, AsymmetricKeyBlocks.material(pair.getPublic(),
            rsa ? KeyFormatType.PKCS_1 : KeyFormatType.X_509), kind);
    String privateUid = context.objects().newUniqueIdentifier();
    String publicUid = context.objects().newUniqueIdentifier();
    try {
      insert(context, crypto, privateUid, ObjectType.PRIVATE_KEY, privateKey, privateAttrs, kind, origin,
          link(LinkType.PUBLIC_KEY_LINK, publicUid), privateExtra);
      insert(context, crypto, publicUid, ObjectType.PUBLIC_KEY, publicKey, publicAttrs, kind, origin,
          link(LinkType.PRIVATE_KEY_LINK, privateUid), publicExtra);
    } finally {
      // the store holds its own encoding; this copy of the private key goes now
      java.util.Arrays.fill(((Item.ByteString) keyMaterial(privateKey)).value(), (byte) 0);
    }
    context.batch().setIdPlaceholder(privateUid); // 1.4 §4.2: the private key's identifier
    return new Ids(privateUid, publicUid);
  }

  private static void insert(OperationContext context, CryptoEngine crypto, String uid, ObjectType type,
      Item.Structure object, List<Item> client, AsymmetricKeys.Kind kind, ServerAttributes.Origin origin,
      Item link, List<Item> extra) throws Exception {
    List<Item> attributes = new ArrayList<>(client);
    attributes.removeIf(a -> a.tag() == Tag.CRYPTOGRAPHIC_ALGORITHM || a.tag() == Tag.CRYPTOGRAPHIC_LENGTH);
    attributes.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, kind.algorithm().value()));
    attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, kind.length()));
    if (kind.curve() != null) { // the curve is part of what the key is (Re-key Key Pair reads it back)
      attributes.removeIf(a -> a.tag() == Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS);
      attributes.add(new Item.Structure(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS,
          new Item.Enumeration(Tag.RECOMMENDED_CURVE, kind.curve().value())));
    }
    attributes.add(link);
    attributes.addAll(extra);
    AttributeSet set = ServerAttributes.forNewObject(uid, type, object, attributes, List.of(), origin,
        context.now(), crypto);
    context.objects().insert(uid, type, object, set);
  }

  private static Item.Structure object(int tag, KeyFormatType format, Item material, AsymmetricKeys.Kind kind) {
    return new Item.Structure(tag, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, format.value()),
        new Item.Structure(Tag.KEY_VALUE, material),
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, kind.algorithm().value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, kind.length())));
  }

  private static Item keyMaterial(Item.Structure object) {
    Item.Structure block = (Item.Structure) object.first(Tag.KEY_BLOCK).orElseThrow();
    return ((Item.Structure) block.first(Tag.KEY_VALUE).orElseThrow()).first(Tag.KEY_MATERIAL).orElseThrow();
  }

  static Item link(LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
