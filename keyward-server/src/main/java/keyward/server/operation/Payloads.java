package keyward.server.operation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UniqueIdentifier;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRules;
import keyward.server.object.ManagedObject;

/** Reading request payload fields, with the spec's errors for missing or mistyped ones. */
final class Payloads {
  private Payloads() {}

  /**
   * The Unique Identifier of the request: a Text String, or the ID Placeholder when it is
   * omitted or given as the 2.x ID Placeholder enumeration (2.1 §4.58, §6.3). The 2.x
   * Integer form (n-th identifier of the batch) is not supported.
   */
  static String uniqueIdentifier(OperationContext context, Item.Structure payload) throws KmipException {
    Item field = payload.first(Tag.UNIQUE_IDENTIFIER).orElse(null);
    if (field == null) {
      return context.uniqueIdentifierOrPlaceholder(null);
    }
    if (field instanceof Item.TextString t) {
      return t.value();
    }
    if (field instanceof Item.Enumeration e && e.value() == UniqueIdentifier.ID_PLACEHOLDER.value()) {
      return context.uniqueIdentifierOrPlaceholder(null);
    }
    throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
        "Unique Identifier must be a Text String or the ID Placeholder");
  }

  /** The object, refused with Object Archived while it is archived (1.4 §11: recover it first). */
  static ManagedObject online(OperationContext context, String uid) throws Exception {
    ManagedObject mo = context.objects().get(uid);
    if (mo.archived()) {
      throw new KmipException(ResultReason.OBJECT_ARCHIVED, "the object is archived: Recover it first");
    }
    return mo;
  }

  static ObjectType objectType(Item.Structure payload) throws KmipException {
    Item field = payload.first(Tag.OBJECT_TYPE).orElse(null);
    if (!(field instanceof Item.Enumeration e)) {
      throw KmipException.invalidField("Object Type is required");
    }
    ObjectType t = ObjectType.fromValue(e.value());
    if (t == null) {
      throw KmipException.invalidField("unknown Object Type " + Integer.toHexString(e.value()));
    }
    return t;
  }

  /** The request's Attributes (1.x Template-Attribute arrives converted), possibly empty. */
  static List<Item> attributes(Item.Structure payload) throws KmipException {
    Item field = payload.first(Tag.ATTRIBUTES).orElse(null);
    if (field == null) {
      return List.of();
    }
    if (!(field instanceof Item.Structure s)) {
      throw KmipException.invalidField("Attributes must be a structure");
    }
    return s.items();
  }

  /**
   * Checks what a client supplies at creation against the attribute rules (supplied by the
   * attributes table, {@link AttributeRules#checkClientMaySet}) and refuses a single-valued
   * attribute given twice.
   */
  static List<Item> clientAttributes(List<Item> attributes, ObjectType type, OperationContext context)
      throws KmipException {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (Item a : attributes) {
      AttributeRules.checkClientMaySet(a, type, context.version());
      if (!AttributeRules.multiValued(a.tag()) && !seen.add(a.tag())) {
        throw new KmipException(ResultReason.ATTRIBUTE_SINGLE_VALUED,
            AttributeRules.name(a.tag()) + " may have only one value");
      }
    }
    return attributes;
  }

  static Optional<Integer> enumeration(Item.Structure s, int tag) throws KmipException {
    return typed(s, tag, Item.Enumeration.class).map(Item.Enumeration::value);
  }

  static Optional<Instant> dateTime(Item.Structure s, int tag) throws KmipException {
    return typed(s, tag, Item.DateTime.class).map(d -> Instant.ofEpochSecond(d.epochSeconds()));
  }

  static Optional<Long> interval(Item.Structure s, int tag) throws KmipException {
    return typed(s, tag, Item.Interval.class).map(Item.Interval::seconds);
  }

  static Optional<Long> longInteger(Item.Structure s, int tag) throws KmipException {
    return typed(s, tag, Item.LongInteger.class).map(Item.LongInteger::value);
  }

  static Optional<Integer> integer(Item.Structure s, int tag) throws KmipException {
    return typed(s, tag, Item.Integer.class).map(Item.Integer::value);
  }

  /** A response payload of the given items. */
  static Item.Structure response(Item... items) {
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, items);
  }

  static Item.TextString uid(String uid) {
    return new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid);
  }

  private static <T extends Item> Optional<T> typed(Item.Structure s, int tag, Class<T> type) throws KmipException {
    Item field = s.first(tag).orElse(null);
    if (field == null) {
      return Optional.empty();
    }
    if (!type.isInstance(field)) {
      throw KmipException.invalidField(AttributeRules.name(tag) + " has the wrong item type");
    }
    return Optional.of(type.cast(field));
  }
}
