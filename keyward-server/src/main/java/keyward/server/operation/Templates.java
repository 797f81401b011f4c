package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.compat.AttributeShapes;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRef;
import keyward.server.object.AttributeRules;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.StoreException;

/**
 * Templates (KMIP 1.x §2.2.6 Template, §2.1.8 Template-Attribute; deprecated in 1.3, gone in
 * 2.0): a Template-Attribute may name Templates, whose attributes then apply as if the client
 * had given them. Several Templates apply in the order named, a later one's value of a
 * single-valued attribute replacing an earlier one's; attributes given in the request itself
 * replace a Template's. Values of multi-valued attributes (Object Group, Link, custom
 * attributes, ...) add up, a value given twice kept once.
 *
 * <p>The 1.x request shape brings the names as a Template-Attribute of Names leading the
 * converted attributes (PayloadShapes); this resolves them against the caller's objects, so a
 * Template the caller may not see is one that does not exist.
 */
final class Templates {
  /** Templates a request may name: a bound, like any count read from the wire. */
  static final int MAX_NAMED = 16;

  private Templates() {}

  /** The payload with every Template reference replaced by the Template's attributes. */
  static Item.Structure apply(OperationContext ctx, Item.Structure payload) throws KmipException, StoreException {
    if (!refersToTemplates(payload)) {
      return payload;
    }
    List<Item> out = new ArrayList<>();
    for (Item child : payload.items()) {
      out.add(child instanceof Item.Structure s && leadsWithNames(s) ? resolve(ctx, s) : child);
    }
    return new Item.Structure(payload.tag(), out);
  }

  private static boolean refersToTemplates(Item.Structure payload) {
    for (Item child : payload.items()) {
      if (child instanceof Item.Structure s && leadsWithNames(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean leadsWithNames(Item.Structure s) {
    return !s.items().isEmpty() && s.items().getFirst().tag() == Tag.TEMPLATE_ATTRIBUTE;
  }

  private static Item.Structure resolve(OperationContext ctx, Item.Structure attributes)
      throws KmipException, StoreException {
    List<Item> names = ((Item.Structure) attributes.items().getFirst()).items();
    if (names.size() > MAX_NAMED) {
      throw KmipException.invalidField("a Template-Attribute may name at most " + MAX_NAMED + " Templates");
    }
    List<Item> merged = new ArrayList<>();
    for (Item name : names) {
      for (Item a : attributesOf(template(ctx, Names.value(name)))) {
        put(merged, a);
      }
    }
    for (Item a : attributes.items().subList(1, attributes.items().size())) {
      put(merged, a);
    }
    return new Item.Structure(attributes.tag(), merged);
  }

  /** Adds a value: it replaces the value of a single-valued attribute, joins a multi-valued one's. */
  private static void put(List<Item> merged, Item a) {
    AttributeRef kind = AttributeRef.kindOf(a);
    if (AttributeRules.multiValued(a.tag()) || a.tag() == Tag.ATTRIBUTE) {
      if (!merged.contains(a)) {
        merged.add(a);
      }
      return;
    }
    merged.removeIf(m -> AttributeRef.kindOf(m).equals(kind));
    merged.add(a);
  }

  /** The caller's live Template of that Name; Item Not Found otherwise. */
  private static ManagedObject template(OperationContext ctx, String name) throws KmipException, StoreException {
    LocateQuery q = new LocateQuery(null, List.of(new Criterion.TextEquals(Tag.NAME, name),
        new Criterion.NumberEquals(Tag.OBJECT_TYPE, ObjectType.TEMPLATE.value())), true, false, 0, 2);
    for (String uid : ctx.objects().locateVisible(q).uniqueIdentifiers()) {
      ManagedObject mo = ctx.objects().get(uid);
      State s = mo.storedState();
      if (s != State.DESTROYED && s != State.DESTROYED_COMPROMISED) {
        return mo;
      }
    }
    throw new KmipException(ResultReason.ITEM_NOT_FOUND, "no Template named \"" + name + "\"");
  }

  /**
   * The attributes a Template object gives the objects made from it, in the 2.x shape: all it
   * holds but its Names, which name the Template itself (a Name identifies one object).
   */
  static List<Item> attributesOf(ManagedObject template) throws KmipException {
    List<Item> out = new ArrayList<>();
    for (Item a : template.object().items()) {
      if (a.tag() != Tag.ATTRIBUTE || !(a instanceof Item.Structure s)) {
        throw new KmipException(ResultReason.GENERAL_FAILURE, "a stored Template holds something else than attributes");
      }
      Item v2 = AttributeShapes.toV2(s);
      if (v2.tag() != Tag.NAME) {
        out.add(v2);
      }
    }
    return out;
  }

  /**
   * The Template's own attributes with the Names its content holds added: KMIP 1.0 names a
   * Template inside it (TC-312-10), 1.1 and later in the Template-Attribute of the Register;
   * either way the Template is found by that Name.
   */
  static List<Item> withOwnNames(List<Item> attributes, Item.Structure template) {
    List<Item> out = new ArrayList<>(attributes);
    for (Item a : template.items()) {
      if (a instanceof Item.Structure s && a.tag() == Tag.ATTRIBUTE) {
        Item v2 = AttributeShapes.toV2(s);
        if (v2.tag() == Tag.NAME && !out.contains(v2)) {
          out.add(v2);
        }
      }
    }
    return out;
  }

  /**
   * Refuses a Template to register whose content is not attributes a client may set, or more of
   * them than a request may carry.
   */
  static void checkRegistered(Item.Structure template, keyward.kmip.spec.KmipVersion v) throws KmipException {
    for (Item a : template.items()) {
      if (a.tag() != Tag.ATTRIBUTE || !(a instanceof Item.Structure s)) {
        throw KmipException.invalidField("a Template holds Attribute structures only");
      }
      Item v2;
      try {
        v2 = AttributeShapes.toV2(s);
      } catch (IllegalArgumentException e) {
        throw KmipException.invalidField("a Template attribute is malformed: " + e.getMessage());
      }
      AttributeRules.checkClientMaySet(v2, null, v);
    }
  }
}
