package keyward.server.object;

import static keyward.server.object.AttributeRules.Init.SERVER;
import static keyward.server.object.AttributeTable.RULES;
import static keyward.server.object.AttributeRules.When.NEVER;
import static keyward.server.object.AttributeRules.When.PRE_ACTIVE;
import static keyward.server.object.AttributeRules.When.PRE_ACTIVE_OR_ACTIVE;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import keyward.kmip.message.VersionGuard;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * The attribute rules of KMIP 1.4 §3 and 2.1 §4, as data: for each attribute whether it may
 * have several instances, who sets it initially, whether (and in which states) a client may
 * modify or delete it, and which object types it applies to. The versions an attribute exists
 * in are the spec tag table's ({@link SpecRegistry#tag(int, KmipVersion)}), narrowed where an
 * attribute is younger than its tag (Key Format Type became an attribute in 2.0).
 *
 * <p>Where 1.4 and 2.1 differ in a rule this table follows 2.1 and says so in a comment.
 * "Initially set by: Server" means a client may not supply it on Create/Register or add it,
 * except where the profiles show clients do (Certificate Type on Register, BL-M-10-21).
 * Vendor attributes (1.x "x-" names, 2.x Attribute structures) are client-set, multi-valued,
 * modifiable and deletable; 1.x "y-" names are the server's own (1.4 §3.39).
 */
public final class AttributeRules {

  /** Who gives an attribute its first value. */
  public enum Init { SERVER, CLIENT, ANY }

  /** When a client may change (or delete) the attribute. */
  public enum When { NEVER, ALWAYS, PRE_ACTIVE, PRE_ACTIVE_OR_ACTIVE }

  /** The spec's "Applies to Object Types" groups. */
  public enum Applies {
    ALL(EnumSet.allOf(ObjectType.class)),
    KEYS(EnumSet.of(ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY,
        ObjectType.SPLIT_KEY, ObjectType.SECRET_DATA, ObjectType.PGP_KEY, ObjectType.TEMPLATE)),
    KEYS_CERTS(EnumSet.of(ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY,
        ObjectType.SPLIT_KEY, ObjectType.SECRET_DATA, ObjectType.PGP_KEY, ObjectType.TEMPLATE,
        ObjectType.CERTIFICATE, ObjectType.CERTIFICATE_REQUEST)),
    ASYMMETRIC(EnumSet.of(ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY, ObjectType.TEMPLATE)),
    CERTIFICATES(EnumSet.of(ObjectType.CERTIFICATE, ObjectType.PGP_KEY)),
    PRIVATE_CERTS(EnumSet.of(ObjectType.PRIVATE_KEY, ObjectType.CERTIFICATE));

    private final EnumSet<ObjectType> types;

    Applies(EnumSet<ObjectType> types) {
      this.types = types;
    }

    public boolean contains(ObjectType t) {
      return types.contains(t);
    }
  }

  /**
   * One attribute's rules.
   *
   * @param since first version in which the tag is an attribute (null: as the tag table)
   */
  public record Rule(int tag, boolean multiValued, Init init, When modify, When delete,
      Applies appliesTo, KmipVersion since) {}

  private AttributeRules() {}

  /** Every attribute's rule, by tag: what the conformance statement lists. */
  public static java.util.List<Rule> all() {
    return RULES.values().stream().sorted(java.util.Comparator.comparingInt(Rule::tag)).toList();
  }

  /** The rule for an attribute tag, or null when the tag is no attribute. */
  public static Rule rule(int tag) {
    return RULES.get(tag);
  }

  /** True when the tag is an attribute in this version. */
  public static boolean isAttribute(int tag, KmipVersion v) {
    Rule r = RULES.get(tag);
    return r != null && (r.since() == null || v.atLeast(r.since())) && SpecRegistry.tag(tag, v) != null;
  }

  public static boolean multiValued(int tag) {
    Rule r = RULES.get(tag);
    return r != null && r.multiValued();
  }

  /** May a client change this attribute of an object in this (effective) state? */
  public static boolean clientModifiable(int tag, State state) {
    Rule r = RULES.get(tag);
    return r != null && allowed(r.modify(), state);
  }

  public static boolean clientDeletable(int tag) {
    Rule r = RULES.get(tag);
    return r != null && r.delete() != NEVER;
  }

  public static boolean clientDeletable(int tag, State state) {
    Rule r = RULES.get(tag);
    return r != null && allowed(r.delete(), state);
  }

  /** Is the state rule (not the plain "never") what stops a client changing the attribute? */
  public static boolean stateDependent(int tag) {
    Rule r = RULES.get(tag);
    return r != null && (r.modify() == PRE_ACTIVE || r.modify() == PRE_ACTIVE_OR_ACTIVE);
  }

  public static boolean appliesTo(int tag, ObjectType type) {
    Rule r = RULES.get(tag);
    return r != null && r.appliesTo().contains(type);
  }

  /**
   * Whether the attribute and everything in it (nested tags, enumeration values) exists in
   * the version, so it may be sent to a client of that version.
   */
  public static boolean expressibleIn(Item attribute, KmipVersion v) {
    if (!isAttribute(attribute.tag(), v)) {
      return false;
    }
    try {
      VersionGuard.check(attribute, v);
      return true;
    } catch (VersionGuard.VersionViolation e) {
      return false;
    }
  }

  /**
   * Refuses an attribute a client may not supply (Create, Register, Add/Set Attribute): not an
   * attribute of the version (Invalid Attribute), set only by the server (Attribute Read
   * Only; 1.x clients get Permission Denied), not for this object type (Invalid Attribute),
   * or a value of the wrong item type (Invalid Attribute Value).
   */
  public static void checkClientMaySet(Item attribute, ObjectType type, KmipVersion v) throws KmipException {
    int tag = attribute.tag();
    String name = name(tag);
    if (!isAttribute(tag, v)) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE, name + " is not an attribute in KMIP " + v);
    }
    Rule r = RULES.get(tag);
    if (tag == Tag.ATTRIBUTE) {
      checkVendor(attribute, v);
    } else if (r.init() == SERVER) {
      throw new KmipException(ResultReason.ATTRIBUTE_READ_ONLY, name + " is set by the server");
    }
    if (type != null && !r.appliesTo().contains(type)) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE, name + " does not apply to " + type.specName());
    }
    TagInfo info = SpecRegistry.tag(tag, v);
    if (info.type() != null && info.type() != attribute.type()) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE, name + " must be " + info.type());
    }
    // a stored value is sent back later: it must be one the version can carry, field by field
    try {
      VersionGuard.check(attribute, v);
    } catch (VersionGuard.VersionViolation e) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE, name + ": " + e.getMessage());
    }
    for (int required : REQUIRED_FIELDS.getOrDefault(tag, List.of())) {
      if (!(attribute instanceof Item.Structure s) || s.first(required).isEmpty()) {
        throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE, name + " needs " + name(required));
      }
    }
  }

  /** Fields a structured attribute cannot be without (the spec's "Required: Yes"). */
  private static final Map<Integer, List<Integer>> REQUIRED_FIELDS = Map.of(
      Tag.NAME, List.of(Tag.NAME_VALUE, Tag.NAME_TYPE),
      Tag.LINK, List.of(Tag.LINK_TYPE, Tag.LINKED_OBJECT_IDENTIFIER),
      Tag.APPLICATION_SPECIFIC_INFORMATION, List.of(Tag.APPLICATION_NAMESPACE),
      Tag.ALTERNATIVE_NAME, List.of(Tag.ALTERNATIVE_NAME_VALUE, Tag.ALTERNATIVE_NAME_TYPE));

  /**
   * Refuses a change to an existing object's attribute (Add, Modify, Set, Adjust) that a
   * client may not make: one it may never change (Attribute Read Only; 1.x Permission Denied,
   * BL-M-7-21, BL-M-10-21), or one bound to states the object is not in (Wrong Key Lifecycle
   * State; 1.x Permission Denied, SKLC-M-3).
   */
  public static void checkClientMayChange(int tag, State state) throws KmipException {
    Rule r = RULES.get(tag);
    if (r == null || r.modify() == NEVER) {
      throw new KmipException(ResultReason.ATTRIBUTE_READ_ONLY, name(tag) + " is read only");
    }
    if (!allowed(r.modify(), state)) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          name(tag) + " cannot change in state " + state.specName());
    }
  }

  /** Refuses deleting an attribute clients may not delete (Attribute Read Only). */
  public static void checkClientMayDelete(int tag, State state) throws KmipException {
    Rule r = RULES.get(tag);
    if (r == null || r.delete() == NEVER) {
      throw new KmipException(ResultReason.ATTRIBUTE_READ_ONLY, name(tag) + " cannot be deleted");
    }
    if (!allowed(r.delete(), state)) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          name(tag) + " cannot be deleted in state " + state.specName());
    }
  }

  private static void checkVendor(Item attribute, KmipVersion v) throws KmipException {
    if (!(attribute instanceof Item.Structure s)
        || !(s.first(Tag.VENDOR_IDENTIFICATION).orElse(null) instanceof Item.TextString vendor)
        || !(s.first(Tag.ATTRIBUTE_NAME).orElse(null) instanceof Item.TextString)
        || s.first(Tag.ATTRIBUTE_VALUE).isEmpty()) {
      throw new KmipException(ResultReason.INVALID_ATTRIBUTE_VALUE,
          "a vendor attribute needs Vendor Identification, Attribute Name and Attribute Value");
    }
    if (!v.atLeast(KmipVersion.V2_0) && vendor.value().equals("y")) {
      throw new KmipException(ResultReason.ATTRIBUTE_READ_ONLY, "y- attributes are set by the server");
    }
  }

  /** The attribute's spec name, for messages. */
  public static String name(int tag) {
    TagInfo info = SpecRegistry.tag(tag);
    return info != null ? info.name() : Item.tagHex(tag);
  }

  private static boolean allowed(When when, State state) {
    return switch (when) {
      case NEVER -> false;
      case ALWAYS -> true;
      case PRE_ACTIVE -> state == State.PRE_ACTIVE;
      case PRE_ACTIVE_OR_ACTIVE -> state == State.PRE_ACTIVE || state == State.ACTIVE;
    };
  }
}
