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
    check(item, version, "");
  }

  private static void check(Item item, KmipVersion version, String path) {
    if (Binder.isExtensionTag(item.tag())) {
      return; // vendor extension subtrees are the vendor's business
    }
    TagInfo info = SpecRegistry.tag(item.tag(), version);
    TagInfo named = info != null ? info : SpecRegistry.tag(item.tag());
    String here = path + "/" + (named != null ? named.xmlName() : Item.tagHex(item.tag()));
    if (info == null) {
      throw new VersionViolation(here + ": tag not defined in KMIP " + version);
    }
    if (info.type() != null && info.type() != item.type()) {
      throw new VersionViolation(here + ": " + item.type() + " where the spec has " + info.type());
    }
    if (item instanceof Item.Enumeration e) {
      checkValue(SpecRegistry.enumerationOf(item.tag()), e.value(), version, here);
    }
    if (item instanceof Item.Structure s) {
      for (Item child : s.items()) {
        check(child, version, here);
      }
      checkAttributeValue(s, version, here);
    }
  }

  /** 1.x Attribute: an enumerated Attribute Value takes its enumeration from the name. */
  private static void checkAttributeValue(Item.Structure s, KmipVersion version, String here) {
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
      checkValue(SpecRegistry.enumerationOf(attr.tag()), e.value(), version, here + "/AttributeValue");
    }
  }

  private static void checkValue(EnumInfo en, int value, KmipVersion version, String here) {
    if (en == null || en.mask() || (value & 0x80000000) != 0) {
      return;
    }
    EnumValue v = en.byValue(value, version);
    if (v == null) {
      throw new VersionViolation(
          here + String.format(": value 0x%08X of %s not defined in KMIP %s", value, en.name(), version));
    }
  }
}
