package keyward.server.operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SplitKeyMethod;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.SecretSharing;
import keyward.server.object.AttributeSet;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Create Split Key (1.2+; 1.4 §4.38, 2.1 §6.1.11): splits the key the Unique Identifier names
 * (a Symmetric Key or Secret Data in the clear), or a new symmetric key made from the request's
 * Cryptographic Algorithm and Length, into Split Key Parts parts of which Split Key Threshold
 * rebuild it ({@link SecretSharing}). Each part is a new Split Key object with the request's
 * attributes; the parts link to one another (Previous / Next Link) and to the key split (Parent
 * Link, which gets a Child Link to each). A new key is not kept: only its parts are. The answer
 * lists the parts' identifiers in part order.
 */
public final class CreateSplitKeyHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public CreateSplitKeyHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_SPLIT_KEY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    if (Payloads.objectType(payload) != ObjectType.SPLIT_KEY) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Create Split Key makes Split Key objects");
    }
    SplitKeys.Split split = new SplitKeys.Split(
        Payloads.integer(payload, Tag.SPLIT_KEY_PARTS).orElseThrow(() -> KmipException.invalidField("Split Key Parts is required")),
        Payloads.integer(payload, Tag.SPLIT_KEY_THRESHOLD).orElseThrow(() -> KmipException.invalidField("Split Key Threshold is required")),
        Payloads.enumeration(payload, Tag.SPLIT_KEY_METHOD).map(SplitKeyMethod::fromValue)
            .orElseThrow(() -> KmipException.invalidField("a known Split Key Method is required")),
        payload.first(Tag.PRIME_FIELD_SIZE).filter(Item.BigInteger.class::isInstance)
            .map(i -> ((Item.BigInteger) i).value()).orElse(null));
    split.check();
    List<Item> client = Payloads.clientAttributes(Payloads.attributes(payload), ObjectType.SPLIT_KEY, context);
    AttributeSet given = new AttributeSet(client);
    if (!given.all(Tag.NAME).isEmpty()) {
      throw new KmipException(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE,
          "a Name would go to every part, and a Name names one object: name the parts one by one afterwards");
    }
    ManagedObject base = null;
    byte[] secret = null;
    byte[][] parts = null;
    try {
      Item algorithm;
      Item length;
      if (payload.first(Tag.UNIQUE_IDENTIFIER).isPresent()) {
        base = context.objects().get(Payloads.uniqueIdentifier(context, payload));
        if (base.objectType() != ObjectType.SYMMETRIC_KEY && base.objectType() != ObjectType.SECRET_DATA) {
          throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "only Symmetric Keys and Secret Data are split");
        }
        State state = base.state(context.now());
        if (state == State.DESTROYED || state == State.DESTROYED_COMPROMISED) {
          throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, "a destroyed key has nothing to split");
        }
        if (KeyBlocks.wrapped(CryptoKeys.block(base))) {
          throw KmipException.invalidField("a wrapped key cannot be split here");
        }
        secret = CryptoKeys.secretBytes(base).clone();
        algorithm = base.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM).orElse(null);
        length = base.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH).orElse(null);
      } else {
        KeyGeneration.Spec spec = KeyGeneration.symmetric(
            given.first(Tag.CRYPTOGRAPHIC_ALGORITHM).filter(Item.Enumeration.class::isInstance)
                .map(i -> ((Item.Enumeration) i).value()).orElse(null),
            given.first(Tag.CRYPTOGRAPHIC_LENGTH).filter(Item.Integer.class::isInstance)
                .map(i -> ((Item.Integer) i).value()).orElse(null));
        secret = KeyGeneration.generate(spec, crypto);
        algorithm = new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, spec.algorithm().value());
        length = new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length());
      }
      parts = split(split, secret);
      List<String> uids = new ArrayList<>();
      for (int i = 0; i < split.parts(); i++) {
        uids.add(context.objects().newUniqueIdentifier());
      }
      for (int i = 0; i < split.parts(); i++) {
        List<Item> attributes = new ArrayList<>(client);
        attributes.removeIf(a -> a.tag() == Tag.CRYPTOGRAPHIC_ALGORITHM || a.tag() == Tag.CRYPTOGRAPHIC_LENGTH);
        if (algorithm != null) {
          attributes.add(algorithm);
        }
        if (length != null) {
          attributes.add(length);
        }
        if (base != null) {
          attributes.add(link(LinkType.PARENT_LINK, base.uniqueIdentifier()));
        }
        if (i > 0) {
          attributes.add(link(LinkType.PREVIOUS_LINK, uids.get(i - 1)));
        }
        if (i < split.parts() - 1) {
          attributes.add(link(LinkType.NEXT_LINK, uids.get(i + 1)));
        }
        Item.Structure object = SplitKeys.object(split, i + 1, parts[i], algorithm, length);
        AttributeSet set = ServerAttributes.forNewObject(uids.get(i), ObjectType.SPLIT_KEY, object, attributes,
            List.of(), ServerAttributes.Origin.CREATED, context.now(), crypto);
        context.objects().insert(uids.get(i), ObjectType.SPLIT_KEY, object, set);
      }
      if (base != null) {
        for (String uid : uids) {
          base.attributes().add(link(LinkType.CHILD_LINK, uid));
        }
        context.objects().save(base);
      }
      List<Item> out = new ArrayList<>();
      for (String uid : uids) {
        out.add(Payloads.uid(uid));
      }
      return Payloads.response(out.toArray(Item[]::new));
    } finally {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
      if (parts != null) {
        for (byte[] p : parts) {
          Arrays.fill(p, (byte) 0);
        }
      }
      CryptoKeys.wipe(base);
    }
  }

  private byte[][] split(SplitKeys.Split split, byte[] secret) throws KmipException {
    return switch (split.method()) {
      case XOR -> SecretSharing.splitXor(secret, split.parts(), crypto);
      case POLYNOMIAL_SHARING_GF_2_8 -> SecretSharing.splitGf256(secret, split.parts(), split.threshold(), crypto);
      case POLYNOMIAL_SHARING_PRIME_FIELD -> {
        if (new BigInteger(1, secret).compareTo(split.prime()) >= 0) {
          throw KmipException.invalidField("the key is not below the Prime Field Size");
        }
        yield SecretSharing.splitPrime(secret, split.parts(), split.threshold(), split.prime(), crypto);
      }
      default -> throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not split with " + split.method().specName());
    };
  }

  static Item link(LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
