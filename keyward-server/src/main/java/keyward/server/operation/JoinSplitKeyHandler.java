package keyward.server.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SecretDataType;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.SecretSharing;
import keyward.server.object.AttributeSet;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Join Split Key (1.2+; 1.4 §4.39, 2.1 §6.1.32): rebuilds a Symmetric Key or Secret Data from
 * the Split Key parts the Unique Identifiers name, and stores it with the request's attributes
 * (Cryptographic Algorithm and Length from the parts when not given). The parts must be of one
 * split: the same method, threshold, part count, prime and length, distinct identifiers, the
 * same Parent Link when they have one. Fewer parts than the threshold is Cryptographic Failure
 * (TC-SJ-1-12). The new identifier becomes the ID Placeholder.
 */
public final class JoinSplitKeyHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public JoinSplitKeyHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.JOIN_SPLIT_KEY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    ObjectType type = Payloads.objectType(payload);
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.SECRET_DATA) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Join Split Key makes Symmetric Keys and Secret Data");
    }
    List<Item> ids = payload.all(Tag.UNIQUE_IDENTIFIER);
    if (ids.isEmpty() || ids.size() > SecretSharing.MAX_PARTS) {
      throw KmipException.invalidField("name 1 to " + SecretSharing.MAX_PARTS + " Split Key parts");
    }
    List<ManagedObject> parts = new ArrayList<>();
    List<SecretSharing.Part> values = new ArrayList<>();
    byte[] joined = null;
    try {
      for (Item id : ids) {
        if (!(id instanceof Item.TextString t)) {
          throw KmipException.invalidField("a Unique Identifier must be text");
        }
        ManagedObject mo = context.objects().get(context.uniqueIdentifierOrPlaceholder(t.value()));
        if (mo.objectType() != ObjectType.SPLIT_KEY) {
          throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "only Split Key objects are joined");
        }
        State state = mo.state(context.now());
        if (state == State.DESTROYED || state == State.DESTROYED_COMPROMISED) {
          throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, "a destroyed part has nothing to join");
        }
        parts.add(mo);
        values.add(SplitKeys.part(mo));
      }
      SplitKeys.Split split = SplitKeys.split(parts.getFirst());
      split.check();
      Set<Integer> seen = new HashSet<>();
      Object parent = parent(parts.getFirst());
      for (int i = 0; i < parts.size(); i++) {
        SecretSharing.Part p = values.get(i);
        if (!SplitKeys.split(parts.get(i)).equals(split) || !java.util.Objects.equals(parent(parts.get(i)), parent)
            || p.value().length != values.getFirst().value().length) {
          throw KmipException.invalidField("the parts are not of one split");
        }
        if (p.identifier() < 1 || p.identifier() > split.parts() || !seen.add(p.identifier())) {
          throw KmipException.invalidField("each part's Key Part Identifier must be distinct and within the parts");
        }
      }
      if (values.size() < split.threshold()) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
            "fewer parts than the Split Key Threshold cannot rebuild the key");
      }
      joined = switch (split.method()) {
        case XOR -> SecretSharing.joinXor(values);
        case POLYNOMIAL_SHARING_GF_2_8 -> SecretSharing.joinGf256(values);
        case POLYNOMIAL_SHARING_PRIME_FIELD -> SecretSharing.joinPrime(values, split.prime(), joinedLength(parts.getFirst()));
        default -> throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
            "this server does not join " + split.method().specName());
      };
      return store(context, payload, type, parts.getFirst(), joined);
    } finally {
      if (joined != null) {
        Arrays.fill(joined, (byte) 0);
      }
      for (ManagedObject mo : parts) {
        CryptoKeys.wipe(mo);
      }
    }
  }

  private Item.Structure store(OperationContext context, Item.Structure payload, ObjectType type, ManagedObject part,
      byte[] joined) throws Exception {
    List<Item> client = Payloads.clientAttributes(Payloads.attributes(payload), type, context);
    AttributeSet given = new AttributeSet(client);
    List<Item> attributes = new ArrayList<>(client);
    Item.Structure object;
    if (type == ObjectType.SYMMETRIC_KEY) {
      Integer algorithm = given.first(Tag.CRYPTOGRAPHIC_ALGORITHM).or(() -> part.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM))
          .filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value()).orElse(null);
      Integer length = given.first(Tag.CRYPTOGRAPHIC_LENGTH).or(() -> part.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH))
          .filter(Item.Integer.class::isInstance).map(i -> ((Item.Integer) i).value()).orElse(null);
      KeyGeneration.Spec spec = KeyGeneration.symmetric(algorithm, length == null ? joined.length * 8 : length);
      if (spec.bytes() != joined.length) {
        throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
            "the joined key is " + joined.length * 8 + " bits, not the " + spec.length() + " asked for");
      }
      attributes.removeIf(a -> a.tag() == Tag.CRYPTOGRAPHIC_ALGORITHM || a.tag() == Tag.CRYPTOGRAPHIC_LENGTH);
      attributes.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, spec.algorithm().value()));
      attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length()));
      object = new Item.Structure(Tag.SYMMETRIC_KEY, CreateHandler.keyBlock(KeyFormatType.RAW, joined.clone(),
          new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, spec.algorithm().value()),
          new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length())));
    } else {
      int dataType = Payloads.enumeration(payload, Tag.SECRET_DATA_TYPE).orElse(SecretDataType.SEED.value());
      object = new Item.Structure(Tag.SECRET_DATA, new Item.Enumeration(Tag.SECRET_DATA_TYPE, dataType),
          CreateHandler.keyBlock(KeyFormatType.OPAQUE, joined.clone()));
    }
    Names.checkUnique(context.objects(), given.all(Tag.NAME), null);
    String uid = context.objects().newUniqueIdentifier();
    AttributeSet set = ServerAttributes.forNewObject(uid, type, object, attributes, List.of(),
        ServerAttributes.Origin.CREATED, context.now(), crypto);
    context.objects().insert(uid, type, object, set);
    KeyBlocks.keyBlock(object).flatMap(KeyBlocks::keyMaterial).ifPresent(m -> {
      if (m instanceof Item.ByteString b) {
        Arrays.fill(b.value(), (byte) 0); // the store holds its own encoding
      }
    });
    context.batch().setIdPlaceholder(uid);
    return Payloads.response(Payloads.uid(uid));
  }

  /** The key's length for a prime-field join: the Cryptographic Length of the parts, else the prime's. */
  private static int joinedLength(ManagedObject part) throws KmipException {
    return part.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH).filter(Item.Integer.class::isInstance)
        .map(i -> (((Item.Integer) i).value() + 7) / 8)
        .orElse((SplitKeys.split(part).prime().bitLength() + 7) / 8);
  }

  private static Object parent(ManagedObject mo) {
    for (Item l : mo.attributes().all(Tag.LINK)) {
      if (l instanceof Item.Structure s && s.first(Tag.LINK_TYPE).orElse(null) instanceof Item.Enumeration e
          && e.value() == LinkType.PARENT_LINK.value()) {
        return s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null);
      }
    }
    return null;
  }
}
