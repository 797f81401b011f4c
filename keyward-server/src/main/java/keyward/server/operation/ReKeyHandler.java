package keyward.server.operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRules;
import keyward.server.object.AttributeSet;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Lifecycle;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Re-key (1.4 §4.4): a replacement for a symmetric key, with the existing key's client
 * attributes; the Name moves to the replacement; the old key links to it (Replacement Object)
 * and it to the old (Replaced Object). Without an Offset the Activation, Process Start, Protect
 * Stop and Deactivation Dates are copied (TC-93, TC-95); with one the replacement activates at
 * now + Offset and the other dates keep their distance from activation (TC-92). Attributes in
 * the request override the copied ones (TC-94).
 */
public final class ReKeyHandler implements OperationHandler {
  private static final List<Integer> DATES = List.of(
      Tag.ACTIVATION_DATE, Tag.PROCESS_START_DATE, Tag.PROTECT_STOP_DATE, Tag.DEACTIVATION_DATE);
  // client-settable attributes that describe the old key itself, not what it is for
  private static final Set<Integer> NOT_COPIED = Set.of(Tag.LINK, Tag.FRESH, Tag.ORIGINAL_CREATION_DATE,
      Tag.RANDOM_NUMBER_GENERATOR, Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH);

  private final CryptoEngine crypto;

  public ReKeyHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.RE_KEY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String oldUid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject old = Payloads.online(context, oldUid);
    if (old.objectType() != ObjectType.SYMMETRIC_KEY) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Re-key replaces symmetric keys");
    }
    Optional<Long> offset = Payloads.interval(payload, Tag.OFFSET);
    AttributeSet asked = new AttributeSet(
        Payloads.clientAttributes(Payloads.attributes(payload), ObjectType.SYMMETRIC_KEY, context));
    if (offset.isPresent() && (asked.has(Tag.ACTIVATION_DATE) || asked.has(Tag.DEACTIVATION_DATE))) {
      throw new KmipException(ResultReason.INVALID_MESSAGE,
          "an Offset and an Activation or Deactivation Date exclude each other");
    }
    KeyGeneration.Spec spec = KeyGeneration.symmetric(
        value(asked, old, Tag.CRYPTOGRAPHIC_ALGORITHM), value(asked, old, Tag.CRYPTOGRAPHIC_LENGTH));
    List<Item> attributes = replacementAttributes(old, asked, offset, context.now());
    attributes.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, spec.algorithm().value()));
    attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length()));
    attributes.add(link(LinkType.REPLACED_OBJECT_LINK, oldUid));
    byte[] material = KeyGeneration.generate(spec, crypto);
    try {
      Item.Structure object = new Item.Structure(Tag.SYMMETRIC_KEY, CreateHandler.keyBlock(
          keyward.kmip.spec.KeyFormatType.RAW, material,
          new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, spec.algorithm().value()),
          new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length())));
      Names.checkUnique(context.objects(), new AttributeSet(attributes).all(Tag.NAME), oldUid);
      String uid = context.objects().newUniqueIdentifier();
      AttributeSet set = ServerAttributes.forNewObject(uid, ObjectType.SYMMETRIC_KEY, object, attributes,
          List.of(), ServerAttributes.Origin.REKEYED, context.now(), crypto);
      context.objects().insert(uid, ObjectType.SYMMETRIC_KEY, object, set);
      old.attributes().remove(Tag.NAME); // the replacement takes the name over
      old.attributes().add(link(LinkType.REPLACEMENT_OBJECT_LINK, uid));
      context.objects().save(old);
      context.batch().setIdPlaceholder(uid);
      return Payloads.response(Payloads.uid(uid));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** The old key's client attributes, its dates as the Offset rule says, then the request's. */
  static List<Item> replacementAttributes(ManagedObject old, AttributeSet asked, Optional<Long> offset,
      Instant now) {
    AttributeSet out = new AttributeSet();
    for (Item a : old.attributes().items()) {
      AttributeRules.Rule rule = AttributeRules.rule(a.tag());
      if (rule != null && rule.init() != AttributeRules.Init.SERVER && !NOT_COPIED.contains(a.tag())
          && !DATES.contains(a.tag())) {
        out.add(a);
      }
    }
    Optional<Instant> activation = Lifecycle.date(old.attributes(), Tag.ACTIVATION_DATE);
    for (int tag : DATES) {
      Optional<Instant> was = Lifecycle.date(old.attributes(), tag);
      Optional<Instant> next;
      if (offset.isEmpty()) {
        next = was;
      } else {
        Instant at2 = now.plusSeconds(offset.get());
        next = tag == Tag.ACTIVATION_DATE ? Optional.of(at2)
            : was.flatMap(w -> activation.map(at1 -> at2.plusSeconds(w.getEpochSecond() - at1.getEpochSecond())));
      }
      next.ifPresent(d -> out.set(new Item.DateTime(tag, d.getEpochSecond())));
    }
    for (Item a : asked.items()) {
      if (AttributeRules.multiValued(a.tag())) {
        out.add(a);
      } else {
        out.set(a);
      }
    }
    return new ArrayList<>(out.items());
  }

  private static Integer value(AttributeSet asked, ManagedObject old, int tag) {
    Optional<Item> i = asked.first(tag).or(() -> old.attributes().first(tag));
    if (i.isEmpty() && old.object() != null) {
      Optional<Item.Structure> block = KeyBlocks.keyBlock(old.object());
      return tag == Tag.CRYPTOGRAPHIC_ALGORITHM
          ? block.flatMap(KeyBlocks::algorithm).orElse(null) : block.flatMap(KeyBlocks::length).orElse(null);
    }
    return i.map(v -> v instanceof Item.Enumeration e ? e.value() : ((Item.Integer) v).value()).orElse(null);
  }

  static Item link(LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
