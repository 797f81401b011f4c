package keyward.server.operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricKeys;
import keyward.server.object.AttributeSet;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Create Key Pair (1.4 §4.2, 2.1 §6.1.7): a private and a public key, generated together.
 * Common Attributes apply to both halves, Private / Public Key Attributes to one (and win over
 * the common ones; 1.x sends these as Template-Attributes, converted at the edge). Cryptographic
 * Algorithm is required, and a Cryptographic Usage Mask for each half (1.4 §4.2). The answer
 * names both identifiers; the ID Placeholder is the private key's (AKLC-M-1).
 */
public final class CreateKeyPairHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public CreateKeyPairHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  /** Its writes are the two new keys; their generation (seconds for large RSA keys) holds no writer. */
  @Override
  public boolean insertsNew() {
    return true;
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_KEY_PAIR;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    List<Item> common = attributes(payload, Tag.COMMON_ATTRIBUTES);
    List<Item> privateAttrs = half(context, common, attributes(payload, Tag.PRIVATE_KEY_ATTRIBUTES),
        ObjectType.PRIVATE_KEY);
    List<Item> publicAttrs = half(context, common, attributes(payload, Tag.PUBLIC_KEY_ATTRIBUTES),
        ObjectType.PUBLIC_KEY);
    AttributeSet privateSet = new AttributeSet(privateAttrs);
    AttributeSet publicSet = new AttributeSet(publicAttrs);
    AsymmetricKeys.Kind kind = KeyPairs.kind(privateSet);
    AsymmetricKeys.Kind other = KeyPairs.kind(publicSet);
    if (other.algorithm() != kind.algorithm() || other.length() != kind.length() || other.curve() != kind.curve()) {
      throw KmipException.invalidField("the two halves ask for different keys");
    }
    for (AttributeSet s : List.of(privateSet, publicSet)) {
      if (!s.has(Tag.CRYPTOGRAPHIC_USAGE_MASK)) {
        throw KmipException.invalidField("Cryptographic Usage Mask is required for each half of a key pair");
      }
    }
    // one check over both halves: a Name in Common Attributes would give both halves the same one
    List<Item> names = new ArrayList<>(privateSet.all(Tag.NAME));
    names.addAll(publicSet.all(Tag.NAME));
    Names.checkUnique(context.objects(), names, null);
    KeyPairs.Ids ids = KeyPairs.store(context, crypto, kind, privateAttrs, publicAttrs,
        ServerAttributes.Origin.CREATED, List.of(), List.of());
    return Payloads.response(new Item.TextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, ids.privateKey()),
        new Item.TextString(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, ids.publicKey()));
  }

  private static List<Item> attributes(Item.Structure payload, int tag) throws KmipException {
    Item field = payload.first(tag).orElse(null);
    if (field == null) {
      return List.of();
    }
    if (!(field instanceof Item.Structure s)) {
      throw KmipException.invalidField("key pair attributes must be a structure");
    }
    return s.items();
  }

  /**
   * One half's attributes: its own, then the common ones it does not override (a
   * multi-valued attribute, a Name say, given in both is kept from both).
   */
  private static List<Item> half(OperationContext context, List<Item> common, List<Item> own, ObjectType type)
      throws KmipException {
    Set<Integer> overridden = new HashSet<>();
    for (Item a : own) {
      if (!keyward.server.object.AttributeRules.multiValued(a.tag())) {
        overridden.add(a.tag());
      }
    }
    List<Item> out = new ArrayList<>();
    for (Item a : common) {
      if (!overridden.contains(a.tag())) {
        out.add(a);
      }
    }
    out.addAll(own);
    return Payloads.clientAttributes(out, type, context);
  }
}
