package keyward.server.object;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.server.access.Grant;
import keyward.kmip.ttlv.Item;
import keyward.spi.store.IndexEntry;

/**
 * What Locate can find an object by: every attribute of a simple type, plus the searchable
 * part of the structured ones (Name value, Link type and target, Application Specific
 * Information, Object Group, vendor attributes). Structures are keyed "part:part" as text.
 */
final class Indexer {
  private Indexer() {}

  static List<IndexEntry> entries(ManagedObject mo) {
    List<IndexEntry> out = new ArrayList<>();
    // Locate finds every object by these even when they are not stored as attributes
    AttributeSet attrs = mo.attributes();
    if (!attrs.has(Tag.UNIQUE_IDENTIFIER)) {
      out.add(IndexEntry.text(Tag.UNIQUE_IDENTIFIER, mo.uniqueIdentifier()));
    }
    if (!attrs.has(Tag.OBJECT_TYPE)) {
      out.add(IndexEntry.number(Tag.OBJECT_TYPE, mo.objectType().value()));
    }
    if (!attrs.has(Tag.STATE)) {
      out.add(IndexEntry.number(Tag.STATE, mo.storedState().value()));
    }
    for (Item a : mo.attributes().items()) {
      IndexEntry e = entry(a);
      if (e != null) {
        out.add(e);
      }
    }
    // who besides the owner may find it (ObjectService.locateVisible)
    for (Grant g : Grant.of(mo.attributes().items())) {
      if (g.rights().contains(Operation.LOCATE)) {
        out.add(IndexEntry.text(Tag.ATTRIBUTE, Grant.locateKey(g.principal())));
      }
    }
    return out;
  }

  /** The index entry for one attribute value, or null when it is not searchable. */
  static IndexEntry entry(Item a) {
    return switch (a) {
      case Item.TextString t -> IndexEntry.text(a.tag(), t.value());
      case Item.Integer i -> IndexEntry.number(a.tag(), i.value() & 0xFFFFFFFFL);
      case Item.Enumeration e -> IndexEntry.number(a.tag(), e.value() & 0xFFFFFFFFL);
      case Item.LongInteger l -> IndexEntry.number(a.tag(), l.value());
      case Item.DateTime d -> IndexEntry.number(a.tag(), d.epochSeconds());
      case Item.Interval i -> IndexEntry.number(a.tag(), i.seconds());
      case Item.Boolean b -> IndexEntry.number(a.tag(), b.value() ? 1 : 0);
      case Item.Structure s -> structured(s);
      default -> null;
    };
  }

  /** The text key a structured attribute is indexed and searched under. */
  static IndexEntry structured(Item.Structure s) {
    int tag = s.tag();
    if (tag == Tag.NAME) {
      return text(s, Tag.NAME_VALUE).map(v -> IndexEntry.text(tag, v)).orElse(null);
    }
    if (tag == Tag.LINK) {
      var type = s.first(Tag.LINK_TYPE);
      var target = text(s, Tag.LINKED_OBJECT_IDENTIFIER);
      if (type.isPresent() && type.get() instanceof Item.Enumeration e && target.isPresent()) {
        return IndexEntry.text(tag, e.value() + ":" + target.get());
      }
      return null;
    }
    if (tag == Tag.APPLICATION_SPECIFIC_INFORMATION) {
      return IndexEntry.text(tag, text(s, Tag.APPLICATION_NAMESPACE).orElse("") + ":"
          + text(s, Tag.APPLICATION_DATA).orElse(""));
    }
    if (tag == Tag.ATTRIBUTE) {
      var v = s.first(Tag.ATTRIBUTE_VALUE);
      if (v.isPresent() && v.get() instanceof Item.TextString t) {
        return IndexEntry.text(tag, text(s, Tag.VENDOR_IDENTIFICATION).orElse("") + ":"
            + text(s, Tag.ATTRIBUTE_NAME).orElse("") + ":" + t.value());
      }
      return null;
    }
    return null;
  }

  private static java.util.Optional<String> text(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.TextString.class::isInstance).map(i -> ((Item.TextString) i).value());
  }
}
