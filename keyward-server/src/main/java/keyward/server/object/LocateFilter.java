package keyward.server.object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;

/**
 * A Locate request's Attributes as store criteria (indexed, evaluated by the store) plus the
 * checks the index cannot express, which are evaluated on each loaded candidate:
 * <ul>
 *   <li>equality on simple values; Name by its Name Value; Link, Application Specific
 *       Information and text vendor attributes by their indexed "part:part" key;</li>
 *   <li>Cryptographic Usage Mask (any mask): objects whose mask holds all requested bits;</li>
 *   <li>a date given twice: the range between the two (BL-M-4-21);</li>
 *   <li>State Pre-Active, Active or Deactivated: the EFFECTIVE state. A stored Pre-Active
 *       object whose Activation Date has passed is Active, so the stored state cannot be
 *       searched; the State criterion is left out of the store query and every candidate is
 *       checked with {@link ManagedObject#state(Instant)}. Compromised and the Destroyed
 *       states never change with dates, so they go to the store;</li>
 *   <li>partial structures and values the index does not hold (byte strings, non-text vendor
 *       values): "has the attribute" to the store, field-by-field comparison after loading.</li>
 * </ul>
 */
public final class LocateFilter {
  /** Attributes one Locate may give; the store bounds its query size too (LocateSql, 100). */
  public static final int MAX_ATTRIBUTES = 64;

  private final List<Criterion> criteria = new ArrayList<>();
  private final List<Predicate<ManagedObject>> checks = new ArrayList<>();

  private LocateFilter() {}

  public List<Criterion> criteria() {
    return List.copyOf(criteria);
  }

  /** True when candidates must be loaded and checked after the store query. */
  public boolean needsLoading() {
    return !checks.isEmpty();
  }

  public boolean accepts(ManagedObject mo) {
    return checks.stream().allMatch(c -> c.test(mo));
  }

  public void addCriterion(Criterion c) {
    criteria.add(c);
  }

  public void addCheck(Predicate<ManagedObject> check) {
    checks.add(check);
  }

  public static LocateFilter of(Item.Structure attributes, Instant now, KmipVersion v) throws KmipException {
    if (attributes.items().size() > MAX_ATTRIBUTES) {
      throw KmipException.invalidField("Locate gives " + attributes.items().size() + " attributes; at most "
          + MAX_ATTRIBUTES);
    }
    LocateFilter f = new LocateFilter();
    Map<Integer, List<Item.DateTime>> dates = new LinkedHashMap<>();
    for (Item a : attributes.items()) {
      if (!AttributeRules.isAttribute(a.tag(), v)) {
        throw new KmipException(ResultReason.INVALID_ATTRIBUTE,
            AttributeRules.name(a.tag()) + " is not an attribute in KMIP " + v);
      }
      if (a instanceof Item.DateTime d) {
        dates.computeIfAbsent(a.tag(), t -> new ArrayList<>()).add(d);
      } else {
        f.add(a, now);
      }
    }
    for (List<Item.DateTime> ds : dates.values()) {
      int tag = ds.getFirst().tag();
      if (ds.size() == 1) {
        f.criteria.add(new Criterion.NumberEquals(tag, ds.getFirst().epochSeconds()));
      } else if (ds.size() == 2) {
        long x = ds.get(0).epochSeconds();
        long y = ds.get(1).epochSeconds();
        f.criteria.add(new Criterion.NumberBetween(tag, Math.min(x, y), Math.max(x, y)));
      } else {
        throw KmipException.invalidField(AttributeRules.name(tag) + " given more than twice");
      }
    }
    return f;
  }

  private void add(Item a, Instant now) throws KmipException {
    int tag = a.tag();
    if (tag == Tag.STATE && a instanceof Item.Enumeration e) {
      State s = State.fromValue(e.value());
      if (s == State.PRE_ACTIVE || s == State.ACTIVE || s == State.DEACTIVATED) {
        checks.add(mo -> mo.state(now) == s);
        return;
      }
    }
    EnumInfo en = SpecRegistry.enumerationOf(tag);
    if (a instanceof Item.Integer i && en != null && en.mask()) {
      criteria.add(new Criterion.BitsSet(tag, i.value() & 0xFFFFFFFFL));
      return;
    }
    if (tag == Tag.NAME) {
      String value = a instanceof Item.Structure n
          && n.first(Tag.NAME_VALUE).orElse(null) instanceof Item.TextString t ? t.value() : null;
      if (value == null) {
        throw KmipException.invalidField("a Name to locate needs a Name Value");
      }
      criteria.add(new Criterion.TextEquals(tag, value));
      return;
    }
    IndexEntry entry = exactEntry(a);
    if (entry != null) {
      criteria.add(entry.text() != null
          ? new Criterion.TextEquals(tag, entry.text())
          : new Criterion.NumberEquals(tag, entry.number()));
      return;
    }
    criteria.add(new Criterion.Present(tag));
    checks.add(mo -> mo.attributes().items().stream().anyMatch(x -> contains(x, a)));
  }

  /** The index entry that matches exactly the objects having this value, or null. */
  private static IndexEntry exactEntry(Item a) {
    if (a instanceof Item.Structure s) {
      boolean complete = switch (s.tag()) {
        case Tag.LINK -> s.first(Tag.LINK_TYPE).isPresent() && s.first(Tag.LINKED_OBJECT_IDENTIFIER).isPresent();
        case Tag.APPLICATION_SPECIFIC_INFORMATION ->
            s.first(Tag.APPLICATION_NAMESPACE).isPresent() && s.first(Tag.APPLICATION_DATA).isPresent();
        case Tag.ATTRIBUTE -> true; // the indexer keys text values only; others give null
        default -> false;
      };
      return complete ? Indexer.structured(s) : null;
    }
    return Indexer.entry(a);
  }

  /** True when {@code have} carries every field of {@code want} (equal values, same tags). */
  static boolean contains(Item have, Item want) {
    if (have.tag() != want.tag()) {
      return false;
    }
    if (want instanceof Item.Structure w && have instanceof Item.Structure h) {
      for (Item field : w.items()) {
        if (h.items().stream().noneMatch(x -> contains(x, field))) {
          return false;
        }
      }
      return true;
    }
    return have.equals(want);
  }
}
