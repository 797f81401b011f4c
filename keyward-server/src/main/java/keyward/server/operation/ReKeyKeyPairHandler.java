package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricKeys;
import keyward.server.object.AttributeSet;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Re-key Key Pair (1.4 §4.5, 2.1 §6.1.47): a new pair replacing the private key named (and the
 * public key its Public Key Link names), each new half with its predecessor's client
 * attributes and dates under the same Offset rule as Re-key ({@link ReKeyHandler}), the
 * request's attributes over them; the names move to the new halves, and each old half links
 * to its replacement (Replacement Object Link) and back (Replaced Object Link). The ID
 * Placeholder becomes the new private key's identifier.
 */
public final class ReKeyKeyPairHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public ReKeyKeyPairHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.RE_KEY_KEY_PAIR;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    Item given = payload.first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElse(null);
    String oldPrivUid = context.uniqueIdentifierOrPlaceholder(
        given instanceof Item.TextString t ? t.value() : null);
    ManagedObject oldPriv = Payloads.online(context, oldPrivUid);
    if (oldPriv.objectType() != ObjectType.PRIVATE_KEY) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Re-key Key Pair replaces a Private Key");
    }
    String oldPubUid = link(oldPriv, LinkType.PUBLIC_KEY_LINK).orElseThrow(() -> new KmipException(
        ResultReason.INVALID_FIELD, "the private key has no Public Key Link to its public key"));
    ManagedObject oldPub = Payloads.online(context, oldPubUid);
    Optional<Long> offset = Payloads.interval(payload, Tag.OFFSET);
    List<Item> common = list(payload, Tag.COMMON_ATTRIBUTES);
    AttributeSet askedPriv = asked(context, common, list(payload, Tag.PRIVATE_KEY_ATTRIBUTES), ObjectType.PRIVATE_KEY);
    AttributeSet askedPub = asked(context, common, list(payload, Tag.PUBLIC_KEY_ATTRIBUTES), ObjectType.PUBLIC_KEY);
    for (AttributeSet a : List.of(askedPriv, askedPub)) {
      if (offset.isPresent() && (a.has(Tag.ACTIVATION_DATE) || a.has(Tag.DEACTIVATION_DATE))) {
        throw new KmipException(ResultReason.INVALID_MESSAGE,
            "an Offset and an Activation or Deactivation Date exclude each other");
      }
    }
    AsymmetricKeys.Kind kind = KeyPairs.kind(whatItIs(oldPriv, askedPriv));
    List<Item> privAttrs = ReKeyHandler.replacementAttributes(oldPriv, askedPriv, offset, context.now());
    List<Item> pubAttrs = ReKeyHandler.replacementAttributes(oldPub, askedPub, offset, context.now());
    Names.checkUnique(context.objects(), new AttributeSet(privAttrs).all(Tag.NAME), oldPrivUid);
    Names.checkUnique(context.objects(), new AttributeSet(pubAttrs).all(Tag.NAME), oldPubUid);
    KeyPairs.Ids ids = KeyPairs.store(context, crypto, kind, privAttrs, pubAttrs, ServerAttributes.Origin.REKEYED,
        List.of(ReKeyHandler.link(LinkType.REPLACED_OBJECT_LINK, oldPrivUid)),
        List.of(ReKeyHandler.link(LinkType.REPLACED_OBJECT_LINK, oldPubUid)));
    replaced(context, oldPriv, ids.privateKey());
    replaced(context, oldPub, ids.publicKey());
    return Payloads.response(new Item.TextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, ids.privateKey()),
        new Item.TextString(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, ids.publicKey()));
  }

  private static void replaced(OperationContext context, ManagedObject old, String by) throws Exception {
    old.attributes().remove(Tag.NAME); // the replacement takes the name over
    old.attributes().add(ReKeyHandler.link(LinkType.REPLACEMENT_OBJECT_LINK, by));
    context.objects().save(old);
  }

  /** Algorithm, length and curve: the request's, else the old key's. */
  private static AttributeSet whatItIs(ManagedObject old, AttributeSet asked) {
    AttributeSet out = new AttributeSet();
    for (int tag : List.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH, Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS)) {
      asked.first(tag).or(() -> old.attributes().first(tag)).ifPresent(out::add);
    }
    return out;
  }

  private static AttributeSet asked(OperationContext context, List<Item> common, List<Item> own, ObjectType type)
      throws KmipException {
    List<Item> all = new ArrayList<>();
    for (Item a : common) {
      if (own.stream().noneMatch(o -> o.tag() == a.tag()) || keyward.server.object.AttributeRules.multiValued(a.tag())) {
        all.add(a);
      }
    }
    all.addAll(own);
    return new AttributeSet(Payloads.clientAttributes(all, type, context));
  }

  private static List<Item> list(Item.Structure payload, int tag) throws KmipException {
    Item field = payload.first(tag).orElse(null);
    if (field == null) {
      return List.of();
    }
    if (!(field instanceof Item.Structure s)) {
      throw KmipException.invalidField("key pair attributes must be a structure");
    }
    return s.items();
  }

  private static Optional<String> link(ManagedObject mo, LinkType type) {
    for (Item l : mo.attributes().all(Tag.LINK)) {
      if (l instanceof Item.Structure s
          && s.first(Tag.LINK_TYPE).filter(t -> t instanceof Item.Enumeration e && e.value() == type.value()).isPresent()
          && s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null) instanceof Item.TextString target) {
        return Optional.of(target.value());
      }
    }
    return Optional.empty();
  }
}
