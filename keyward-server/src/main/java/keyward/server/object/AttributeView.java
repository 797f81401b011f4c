package keyward.server.object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * An object's attributes as a client sees them at one instant: the stored ones with State
 * replaced by the effective state (due Activation/Deactivation Dates applied), and Unique
 * Identifier and Object Type supplied from the object when they are not stored.
 */
public final class AttributeView {
  /** Listed first, in this order, as the OASIS reference answers list them (SKFF-M-9-21). */
  private static final List<Integer> LEADING = List.of(Tag.UNIQUE_IDENTIFIER, Tag.SHORT_UNIQUE_IDENTIFIER,
      Tag.OBJECT_TYPE, Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH);

  private AttributeView() {}

  /** Every attribute value now, in stored order. */
  public static List<Item> of(ManagedObject mo, Instant now) {
    List<Item> out = new ArrayList<>();
    AttributeSet attrs = mo.attributes();
    if (!attrs.has(Tag.UNIQUE_IDENTIFIER)) {
      out.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, mo.uniqueIdentifier()));
    }
    if (!attrs.has(Tag.OBJECT_TYPE)) {
      out.add(new Item.Enumeration(Tag.OBJECT_TYPE, mo.objectType().value()));
    }
    boolean stateSeen = false;
    for (Item a : attrs.items()) {
      if (a.tag() == Tag.STATE) {
        if (!stateSeen) {
          out.add(new Item.Enumeration(Tag.STATE, mo.state(now).value()));
        }
        stateSeen = true;
      } else {
        out.add(a);
      }
    }
    if (!stateSeen) {
      out.add(new Item.Enumeration(Tag.STATE, mo.state(now).value()));
    }
    return out;
  }

  /**
   * All attributes a client of the version may receive, grouped by attribute: vendor
   * attributes, then Unique Identifier, Short Unique Identifier, Object Type, Cryptographic
   * Algorithm and Length, then the rest by spec name; the values of one attribute in stored
   * order (their 1.x Attribute Index).
   */
  public static List<Item> listed(ManagedObject mo, Instant now, KmipVersion v) {
    Map<AttributeRef, List<Item>> byKind = new LinkedHashMap<>();
    for (Item item : of(mo, now)) {
      Item a = shapedFor(item, v);
      if (sendable(a, v)) {
        byKind.computeIfAbsent(AttributeRef.kindOf(a), k -> new ArrayList<>()).add(a);
      }
    }
    List<AttributeRef> kinds = new ArrayList<>(byKind.keySet());
    kinds.sort(ORDER);
    List<Item> out = new ArrayList<>();
    for (AttributeRef k : kinds) {
      out.addAll(byKind.get(k));
    }
    return out;
  }

  /**
   * The attributes present, once each, in {@link #listed} order except that vendor attributes
   * are sorted by vendor and name (Get Attribute List in TL-M-3-21 lists x-Barcode before x-ID,
   * where Get Attributes gives them in the order they were set).
   */
  public static List<AttributeRef> kinds(ManagedObject mo, Instant now, KmipVersion v) {
    List<AttributeRef> out = new ArrayList<>();
    for (Item a : listed(mo, now, v)) {
      AttributeRef k = AttributeRef.kindOf(a);
      if (!out.contains(k)) {
        out.add(k);
      }
    }
    // a stable sort: the standard attributes keep their order after the vendor ones
    out.sort(Comparator.comparingInt((AttributeRef r) -> r.isVendor() ? 0 : 1)
        .thenComparing(r -> r.isVendor() ? r.vendor() + "-" + r.name() : ""));
    return out;
  }

  /**
   * The value as a client of the version knows its structure. KMIP 1.0's Digest is Hashing
   * Algorithm and Digest Value only; Key Format Type came into it in 1.1 (the 1.0 profile
   * cases SKLC-M-1-10 and AKLC-M-1-10 show a 1.0 Digest without it). The tag itself exists in
   * 1.0, so the version check of tags alone would let it through.
   */
  public static Item shapedFor(Item a, KmipVersion v) {
    if (a.tag() == Tag.DIGEST && !v.atLeast(KmipVersion.V1_1) && a instanceof Item.Structure s) {
      return new Item.Structure(Tag.DIGEST, s.items().stream().filter(i -> i.tag() != Tag.KEY_FORMAT_TYPE).toList());
    }
    return a;
  }

  /**
   * May this value go to a client of the version? The attribute, every tag inside it and
   * every enumeration value must exist there; a 1.x client only knows vendor attributes as
   * "x-"/"y-" names.
   */
  public static boolean sendable(Item attribute, KmipVersion v) {
    if (!AttributeRules.expressibleIn(attribute, v)) {
      return false;
    }
    if (attribute.tag() == Tag.ATTRIBUTE && !v.atLeast(KmipVersion.V2_0)) {
      String vendor = AttributeRef.kindOf(attribute).vendor();
      return "x".equals(vendor) || "y".equals(vendor);
    }
    return true;
  }

  private static final Comparator<AttributeRef> ORDER = Comparator
      .comparingInt((AttributeRef r) -> r.isVendor() ? 0 : 1)
      .thenComparingInt(r -> {
        int i = LEADING.indexOf(r.tag());
        return i < 0 ? LEADING.size() : i;
      })
      .thenComparing(r -> r.isVendor() ? "" : sortName(r.tag()));

  /** The reference answers list Key Format Type (a 2.x attribute) right after Digest (SKFF-M-9-21). */
  private static String sortName(int tag) {
    return tag == Tag.KEY_FORMAT_TYPE ? "Digest Key Format Type" : AttributeRules.name(tag);
  }
}
