package keyward.kmip.message;

import keyward.kmip.bind.Binder;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.EnumValue;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * Checks a tree against one protocol version before it is sent: every tag must be defined in
 * that version (extension tags 0x54xxxx excepted) with the item type the spec gives it, and
 * every enumeration value must be one the version defines (extension values 0x8xxxxxxx
 * excepted). This is what keeps a newer tag or value from reaching an older client.
 */
public final class VersionGuard {

  private VersionGuard() {}

  /** A tree that the version does not define. The text names the path and the tag, no values. */
  public static final class VersionViolation extends RuntimeException {
    public VersionViolation(String message) {
      super(message);
    }
  }

  public static void check(Item item, KmipVersion version) {
    check(item, version, null);
  }

  /**
   * The path to an item is built only when something is wrong: on the happy path (every
   * response the server sends) the walk allocates nothing.
   */
  private record Parent(Parent up, int tag) {
    String render(int leaf) {
      StringBuilder b = new StringBuilder();
      append(b);
      return b.append('/').append(name(leaf)).toString();
    }

    private void append(StringBuilder b) {
      if (up != null) {
        up.append(b);
      }
      b.append('/').append(name(tag));
    }
  }

  private static String name(int tag) {
    TagInfo named = SpecRegistry.tag(tag);
    return named != null ? named.xmlName() : Item.tagHex(tag);
  }

  private static String path(Parent parent, int tag) {
    return parent == null ? "/" + name(tag) : parent.render(tag);
  }

  private static void check(Item item, KmipVersion version, Parent parent) {
    if (Binder.isExtensionTag(item.tag())) {
      return; // vendor extension subtrees are the vendor's business
    }
    TagInfo info = SpecRegistry.tag(item.tag(), version);
    if (info == null) {
      throw new VersionViolation(path(parent, item.tag()) + ": tag not defined in KMIP " + version);
    }
    if (info.type() != null && info.type() != item.type()) {
      throw new VersionViolation(path(parent, item.tag()) + ": " + item.type() + " where the spec has " + info.type());
    }
    if (item instanceof Item.Enumeration e) {
      checkValue(SpecRegistry.enumerationOf(item.tag()), e.value(), version, parent, item.tag(), "");
    }
    if (item instanceof Item.Structure s) {
      Parent here = new Parent(parent, s.tag());
      for (Item child : s.items()) {
        check(child, version, here);
      }
      checkAttributeValue(s, version, parent);
    }
  }

  /** 1.x Attribute: an enumerated Attribute Value takes its enumeration from the name. */
  private static void checkAttributeValue(Item.Structure s, KmipVersion version, Parent parent) {
    if (s.tag() != Tag.ATTRIBUTE) {
      return;
    }
    var name = s.first(Tag.ATTRIBUTE_NAME);
    var value = s.first(Tag.ATTRIBUTE_VALUE);
    if (name.isEmpty() || value.isEmpty() || !(name.get() instanceof Item.TextString n)) {
      return;
    }
    TagInfo attr = SpecRegistry.tagByXmlName(SpecRegistry.xmlName(n.value()));
    if (attr == null) {
      return; // custom attributes (x-, y-) carry any value
    }
    if (value.get() instanceof Item.Enumeration e) {
      checkValue(SpecRegistry.enumerationOf(attr.tag()), e.value(), version, parent, s.tag(), "/AttributeValue");
    }
  }

  private static void checkValue(EnumInfo en, int value, KmipVersion version, Parent parent, int tag,
      String suffix) {
    if (en == null || en.mask() || (value & 0x80000000) != 0) {
      return;
    }
    EnumValue v = en.byValue(value, version);
    if (v == null) {
      throw new VersionViolation(
          path(parent, tag) + suffix + String.format(": value 0x%08X of %s not defined in KMIP %s", value, en.name(), version));
    }
  }
}
